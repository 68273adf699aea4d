import { join, resolve } from "node:path";
import type { Command } from "@commander-js/extra-typings";
import { SOCSIM_VERSION } from "../../core/index.ts";
import { runExperiment } from "../../scenario/experiment.ts";
import { loadScenario } from "../../scenario/load-scenario.ts";
import { writeOutputsAtomically } from "../../scenario/write-outputs.ts";
import { bundledPath } from "../bundled.ts";
import { parseSeed } from "../options.ts";

export function addRunCommand(program: Command): void {
  program
    .command("run")
    .description(
      "run one scenario for every scheduler it lists (default: the bundled default scenario)",
    )
    .argument("[scenario]", "scenario YAML file", bundledPath("scenarios/default.yaml"))
    .option("--out <dir>", "output directory (default: socsim-out/<scenario name>/)")
    .option("--seed <n>", "override the scenario's seed", parseSeed)
    .option("--json", "print only the results JSON on stdout")
    .option("--quiet", "print nothing but errors")
    .option("--no-trace", "do not write trace.json")
    .action((scenarioFile, options) => {
      const started = performance.now();
      const scenario = loadScenario(scenarioFile);
      const seed = options.seed ?? scenario.spec.seed;
      const { results, events } = runExperiment(scenario, seed);
      const wallSeconds = (performance.now() - started) / 1000;
      const outDir = resolve(options.out ?? join("socsim-out", scenario.spec.name));
      const resultsJson = `${JSON.stringify(results, null, 2)}\n`;
      const runInfo = {
        socsim: SOCSIM_VERSION,
        wall_s: wallSeconds,
        events,
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
      };
      writeOutputsAtomically(
        outDir,
        new Map([
          ["results.json", resultsJson],
          ["run.json", `${JSON.stringify(runInfo, null, 2)}\n`],
        ]),
      );
      if (options.json) process.stdout.write(resultsJson);
      else if (!options.quiet) {
        process.stderr.write(
          `socsim: ${results.runs.length} runs of ${scenario.spec.name} written to ${outDir}\n`,
        );
      }
    });
}
