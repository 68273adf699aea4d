import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "@commander-js/extra-typings";
import cliProgress from "cli-progress";
import { SOCSIM_VERSION } from "../../core/index.ts";
import { comparisonTable, reportMarkdown } from "../../report/comparison.ts";
import { runReportHtml } from "../../report/report-pages.ts";
import { runExperimentInterruptibly } from "../../scenario/experiment.ts";
import { loadScenario } from "../../scenario/load-scenario.ts";
import { runInputs } from "../../scenario/run-inputs.ts";
import { checkRunSize, DEFAULT_LIMITS, estimateRunSize } from "../../scenario/run-size.ts";
import { OutputFolder, writeOutputsAtomically } from "../../scenario/write-outputs.ts";
import { bundledPath } from "../bundled.ts";
import { cleanUpOnInterrupt } from "../interrupts.ts";
import {
  parseByteSize,
  parseCount,
  parseOutFolder,
  parseSeed,
  parseTraceWindow,
} from "../options.ts";

export function addRunCommand(program: Command): void {
  program
    .command("run")
    .description(
      "run one scenario for every scheduler it lists (default: the bundled default scenario)",
    )
    .argument("[scenario]", "scenario YAML file (default: scenarios/default.yaml)")
    .option(
      "--out <dir>",
      "output folder (default: socsim-out/<scenario name>/); must be new, empty or an earlier socsim output",
      parseOutFolder,
    )
    .option("--seed <n>", "override the scenario's seed", parseSeed)
    .option("--json", "print only the results JSON on stdout")
    .option("--quiet", "print nothing but errors")
    .option("--no-trace", "do not write trace.json")
    .option(
      "--trace-window <from..to>",
      "trace only this span of each run, e.g. 10s..12s",
      parseTraceWindow,
    )
    .option(
      "--max-ops <n>",
      "refuse runs of more op executions than this (default 2e8)",
      parseCount,
    )
    .option(
      "--max-events <n>",
      "refuse runs of more kernel events than this (default 1e9)",
      parseCount,
    )
    .option("--max-trace <size>", "refuse traces larger than this (default 1GB)", parseByteSize)
    .action(async (scenarioFile, options) => {
      const started = performance.now();
      const scenario = await loadScenario(scenarioFile ?? bundledPath("scenarios/default.yaml"));
      const seed = options.seed ?? scenario.spec.seed;
      const tracing = options.trace;
      const window = options.traceWindow;
      checkRunSize(
        scenario.file,
        estimateRunSize(scenario, window),
        {
          maxOps: options.maxOps ?? DEFAULT_LIMITS.maxOps,
          maxEvents: options.maxEvents ?? DEFAULT_LIMITS.maxEvents,
          maxTraceBytes: options.maxTrace ?? DEFAULT_LIMITS.maxTraceBytes,
        },
        tracing,
      );
      const folder = OutputFolder.claim(
        options.out ?? join("socsim-out", scenario.spec.name),
        runInputs(scenario),
      );
      const stopListening = cleanUpOnInterrupt(
        () => folder.abandon(),
        `nothing was written to ${folder.outDir}`,
      );
      const showProgress = !options.quiet && !options.json && process.stderr.isTTY === true;
      const bar = new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: "{bar} {value}/{total} schedulers",
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      const outcome = await writeOutputsAtomically(folder, async (staging) => {
        if (showProgress) bar.start(scenario.schedulers.length, 0);
        const result = await runExperimentInterruptibly(scenario, {
          seed,
          outDir: staging,
          trace: tracing,
          ...(window && { traceWindow: { fromNs: window.fromS * 1e9, toNs: window.toS * 1e9 } }),
          onRunDone: (done) => showProgress && bar.update(done),
          series: true,
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
        writeFileSync(
          join(staging, "report.html"),
          await runReportHtml(result.results, result.series),
        );
        return result;
      }).finally(stopListening);
      if (options.json) process.stdout.write(`${JSON.stringify(outcome.results, null, 2)}\n`);
      else if (!options.quiet) {
        process.stderr.write(
          `${comparisonTable(outcome.results)}\nsocsim: outputs in ${folder.outDir}\n`,
        );
      }
    });
}
