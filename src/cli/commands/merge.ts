import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "@commander-js/extra-typings";
import { sweepReportHtml } from "../../report/report-pages.ts";
import { mergeSweepFolders } from "../../scenario/sweep/merge.ts";
import {
  REPORT_FILE,
  REPORT_HTML_FILE,
  RESULTS_FILE,
  SWEEP_FILE,
} from "../../scenario/sweep/sweep-folder.ts";
import { sweepReportMarkdown } from "../../scenario/sweep/sweep-report.ts";
import { OutputFolder, writeOutputsAtomically } from "../../scenario/write-outputs.ts";
import { cleanUpOnInterrupt } from "../interrupts.ts";

export function addMergeCommand(program: Command): void {
  program
    .command("merge")
    .description("join the shard folders of one sweep into one results.jsonl and one report")
    .argument("<dirs...>", "shard output folders of `socsim sweep --shard`")
    .requiredOption("--out <dir>", "output folder; must be new, empty or an earlier socsim output")
    .option("--quiet", "print nothing but errors")
    .action(async (folders, options) => {
      const merged = mergeSweepFolders(folders);
      const folder = OutputFolder.claim(options.out, folders);
      const stopListening = cleanUpOnInterrupt(
        () => folder.abandon(),
        `nothing was written to ${folder.outDir}`,
      );
      await writeOutputsAtomically(folder, async (staging) => {
        const lines = merged.lines.map((read) => read.line);
        writeFileSync(join(staging, RESULTS_FILE), merged.lines.map((read) => read.text).join(""));
        writeFileSync(join(staging, SWEEP_FILE), `${JSON.stringify(merged.record, null, 2)}\n`);
        writeFileSync(join(staging, REPORT_FILE), sweepReportMarkdown(merged.record.sweep, lines));
        writeFileSync(
          join(staging, REPORT_HTML_FILE),
          await sweepReportHtml(merged.record.sweep, lines),
        );
      }).finally(stopListening);
      if (!options.quiet) {
        const missing =
          merged.missing.length === 0
            ? ""
            : `; ${merged.missing.length} planned runs have no result yet (run their shards again)`;
        process.stderr.write(
          `socsim: merged ${merged.lines.length} runs from ${folders.length} folders into ${folder.outDir}${missing}\n`,
        );
      }
    });
}
