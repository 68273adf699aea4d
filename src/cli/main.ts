import { Command, CommanderError } from "@commander-js/extra-typings";
import { SOCSIM_VERSION } from "../core/version.ts";
import { guardUnexpectedExit } from "./unexpected-exit.ts";

type AddCommand = (program: Command) => void;

/**
 * Every command, in the order help lists them. A command's module (and all
 * it imports: the device model, mathjs, the runtime) is loaded only when
 * that command runs, so `--version` or `list socs` never pay for `run`.
 */
const COMMANDS: Record<string, () => Promise<AddCommand>> = {
  run: async () => (await import("./commands/run.ts")).addRunCommand,
  sweep: async () => (await import("./commands/sweep.ts")).addSweepCommand,
  merge: async () => (await import("./commands/merge.ts")).addMergeCommand,
  reproduce: async () => (await import("./commands/reproduce.ts")).addReproduceCommand,
  validate: async () => (await import("./commands/validate.ts")).addValidateCommand,
  list: async () => (await import("./commands/list.ts")).addListCommand,
  model: async () => (await import("./commands/model.ts")).addModelCommand,
  soc: async () => (await import("./commands/soc.ts")).addSocCommand,
  profile: async () => (await import("./commands/profile.ts")).addProfileCommand,
};

/**
 * The commands this invocation needs. socsim's own options take no value,
 * so the first word that is not an option names the command (`help X`
 * names X). With no command, `--version` needs none; help, a bare `socsim`
 * and an unknown command need them all, to list them or suggest one.
 */
function commandsNeeded(args: readonly string[]): string[] {
  const words = args.filter((arg) => !arg.startsWith("-"));
  const named = words[0] === "help" ? words[1] : words[0];
  if (named !== undefined && named in COMMANDS) return [named];
  if (named === undefined && (args.includes("--version") || args.includes("-V"))) return [];
  return Object.keys(COMMANDS);
}

const program = new Command("socsim")
  .description("Discrete-event simulator of heterogeneous mobile SoCs running several DNNs at once")
  .version(SOCSIM_VERSION)
  .option("--debug", "print the stack of internal errors")
  .showHelpAfterError(
    "usage: socsim [--debug] <command> [options]   (socsim --help lists the commands)",
  )
  .exitOverride();

// A reader that stops early (`socsim list socs | head -3`) closes the pipe;
// what is left to print has nowhere to go, and that is no error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

const debug = process.argv.includes("--debug");
const stopGuarding = guardUnexpectedExit();
try {
  const adders = await Promise.all(
    commandsNeeded(process.argv.slice(2)).map((name) => COMMANDS[name]!()),
  );
  for (const add of adders) add(program);
  for (const command of program.commands) command.exitOverride().showHelpAfterError();
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander ends help and --version by throwing too; they are successful exits.
  const shown = ["commander.helpDisplayed", "commander.help", "commander.version"];
  if (!(error instanceof CommanderError && shown.includes(error.code))) {
    // Only a failure loads the error classes (they pull in the runtime); start-up does not.
    const { EXIT, reportError } = await import("./exit.ts");
    // Every other parse failure is bad usage.
    process.exitCode = error instanceof CommanderError ? EXIT.usage : reportError(error, debug);
  }
}
stopGuarding();
