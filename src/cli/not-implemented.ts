import type { Command } from "@commander-js/extra-typings";
import { EXIT } from "./exit.ts";

/** A contract command whose capability has not landed yet: a clear message and exit 2. */
export function addNotImplementedCommand(program: Command, usage: string, summary: string): void {
  const name = usage.split(" ")[0]!;
  program
    .command(name)
    .usage(usage.slice(name.length + 1))
    .description(`${summary} (not implemented yet)`)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      process.stderr.write(`socsim: "${name}" is not implemented yet\n`);
      process.exitCode = EXIT.usage;
    });
}
