import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "@commander-js/extra-typings";
import cliProgress from "cli-progress";
import { SOCSIM_VERSION } from "../../core/index.ts";
import { comparisonTable, reportMarkdown } from "../../report/comparison.ts";
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
    .argument("[scenario]", "scenario YAML file (default: scenarios/default.yaml)")
    .option("--out <dir>", "output directory (default: socsim-out/<scenario name>/)")
    .option("--seed <n>", "override the scenario's seed", parseSeed)
    .option("--json", "print only the results JSON on stdout")
    .option("--quiet", "print nothing but errors")
    .option("--no-trace", "do not write trace.json")
    .action(async (scenarioFile, options) => {
      const started = performance.now();
      const scenario = await loadScenario(scenarioFile ?? bundledPath("scenarios/default.yaml"));
      const seed = options.seed ?? scenario.spec.seed;
      const outDir = resolve(options.out ?? join("socsim-out", scenario.spec.name));
      const showProgress = !options.quiet && !options.json && process.stderr.isTTY === true;
      const bar = new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: "{bar} {value}/{total} schedulers",
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      const outcome = await writeOutputsAtomically(outDir, (staging) => {
        if (showProgress) bar.start(scenario.schedulers.length, 0);
        const result = runExperiment(scenario, {
          seed,
          outDir: staging,
          trace: options.trace,
          onRunDone: (done) => showProgress && bar.update(done),
        });
        if (showProgress) bar.stop();
        const runInfo = {
          socsim: SOCSIM_VERSION,
          wall_s: (performance.now() - started) / 1000,
          events: result.events,
          node: process.version,
          platform: `${process.platform}-${process.arch}`,
        };
        writeFileSync(
          join(staging, "results.json"),
          `${JSON.stringify(result.results, null, 2)}\n`,
        );
        writeFileSync(join(staging, "run.json"), `${JSON.stringify(runInfo, null, 2)}\n`);
        writeFileSync(join(staging, "report.md"), reportMarkdown(result.results, scenario.spec));
        return result;
      });
      if (options.json) process.stdout.write(`${JSON.stringify(outcome.results, null, 2)}\n`);
      else if (!options.quiet) {
        process.stderr.write(`${comparisonTable(outcome.results)}\nsocsim: outputs in ${outDir}\n`);
      }
    });
}
