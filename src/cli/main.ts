import { Command, CommanderError } from "@commander-js/extra-typings";
import { SOCSIM_VERSION } from "../core/index.ts";
import { addListCommand } from "./commands/list.ts";
import { addModelCommand } from "./commands/model.ts";
import { addProfileCommand } from "./commands/profile.ts";
import { addRunCommand } from "./commands/run.ts";
import { addSocCommand } from "./commands/soc.ts";
import { addValidateCommand } from "./commands/validate.ts";
import { EXIT, reportError } from "./exit.ts";
import { addNotImplementedCommand } from "./not-implemented.ts";

const program = new Command("socsim")
  .description("Discrete-event simulator of heterogeneous mobile SoCs running several DNNs at once")
  .version(SOCSIM_VERSION)
  .option("--debug", "print the stack of internal errors")
  .showHelpAfterError(
    "usage: socsim [--debug] <command> [options]   (socsim --help lists the commands)",
  )
  .exitOverride();

addRunCommand(program);
addNotImplementedCommand(program, "sweep SWEEP.yaml", "run the cross product a sweep file names");
addNotImplementedCommand(program, "merge DIR...", "merge shard outputs into one results.jsonl");
addValidateCommand(program);
addListCommand(program);
addModelCommand(program);
addSocCommand(program);
addProfileCommand(program);

for (const command of program.commands) command.exitOverride().showHelpAfterError();

const debug = process.argv.includes("--debug");
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are successful exits; every other parse failure is bad usage.
    const benign = ["commander.helpDisplayed", "commander.help", "commander.version"];
    process.exitCode = benign.includes(error.code) ? EXIT.ok : EXIT.usage;
  } else {
    process.exitCode = reportError(error, debug);
  }
}
