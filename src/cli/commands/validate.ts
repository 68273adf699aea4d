import type { Command } from "@commander-js/extra-typings";
import { InputError } from "../../core/index.ts";
import { validateFile } from "../../scenario/validate-file.ts";
import { EXIT } from "../exit.ts";

export function addValidateCommand(program: Command): void {
  program
    .command("validate")
    .description(
      "check SoC, model, workload, scenario and sweep files; prints ok FILE per good file",
    )
    .argument("<files...>", "YAML files")
    .action(async (files) => {
      let failed = false;
      for (const file of files) {
        try {
          await validateFile(file);
          process.stdout.write(`ok ${file}\n`);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          process.stderr.write(`socsim: ${error.describe()}\n`);
          failed = true;
        }
      }
      if (failed) process.exitCode = EXIT.badInput;
    });
}
