import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "@commander-js/extra-typings";
import { sweepReportHtml } from "../../report/report-pages.ts";
import { describe } from "../../scenario/output/check-out-dir.ts";
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
import { parseOutFolder } from "../options.ts";

export function addMergeCommand(program: Command): void {
  program
    .command("merge")
    .description("join the shard folders of one sweep into one results.jsonl and one report")
    .argument("<dirs...>", "shard output folders of `socsim sweep --shard`")
    .requiredOption(
      "--out <dir>",
      "output folder; must be new, empty or an earlier socsim output",
      parseOutFolder,
    )
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
        process.stderr.write(
          `socsim: merged ${merged.lines.length} runs from ${folders.length} folders into ${folder.outDir}\n`,
        );
      }
      // Said even with --quiet: a merge that is not the whole sweep must not pass for one.
      if (merged.missingShards.length > 0) {
        process.stderr.write(
          `socsim: warning: no folder holds shard ${merged.missingShards.join(", ")}: its runs are not in the merge\n`,
        );
      }
      if (merged.missing.length > 0) {
        process.stderr.write(
          `socsim: warning: ${merged.missing.length} runs of the shards merged have no result yet (${describe(merged.missing)}); run their shards again to finish them\n`,
        );
      }
    });
}
