import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { Command } from "@commander-js/extra-typings";
import { InputError, readYamlFile, SOCSIM_VERSION } from "../../core/index.ts";
import type { Results } from "../../metrics/results.ts";
import { type ComparisonRow, compareClaim } from "../../report/reproduce/compare.ts";
import type { Finding } from "../../report/reproduce/finding.ts";
import { FindingRuns } from "../../report/reproduce/finding-runs.ts";
import { FINDINGS } from "../../report/reproduce/findings/index.ts";
import { loadPaperFigures, type PaperFigures } from "../../report/reproduce/paper-figures.ts";
import {
  DOC_HEADER,
  type FindingReport,
  reproductionsMarkdown,
} from "../../report/reproduce/reproductions-doc.ts";
import { isWithin } from "../../scenario/output/check-out-dir.ts";
import {
  type ReadSweep,
  readScenarioAsSweep,
  readSweep,
  withExtraAxes,
} from "../../scenario/sweep/load-sweep.ts";
import { SweepPool } from "../../scenario/sweep/pool.ts";
import { readResultsFile } from "../../scenario/sweep/results-file.ts";
import { RESULTS_FILE, writeTextAtomically } from "../../scenario/sweep/sweep-folder.ts";
import { bundledPath } from "../bundled.ts";
import { UsageError } from "../exit.ts";
import { parseOutFolder } from "../options.ts";
import { parseJobs, sweepWith } from "./sweep.ts";

const PAPER_FOLDER = "scenarios/paper";

export function addReproduceCommand(program: Command): void {
  program
    .command("reproduce")
    .description(
      "run the seed study's findings (scenarios/paper/) and write the phones' figures beside socsim's",
    )
    .argument("[finding...]", "F1 … F10 (default: all)")
    .option("--quick", "shortened runs (for CI): the same directions, rougher figures")
    .option("--jobs <n>", "worker threads (default: the number of cores)", parseJobs)
    .option(
      "--out <dir>",
      "folder of the runs, one sweep folder per finding (default: socsim-out/reproduce/, or reproduce-quick/)",
      parseOutFolder,
    )
    .option(
      "--doc <file>",
      "the comparison to write (default: docs/reproductions.md for every finding in full, else <out>.md)",
    )
    .option("--json", "also print the comparison's rows as JSON on stdout")
    .option("--quiet", "print nothing but errors")
    .action(async (ids, options) => {
      const findings = chosenFindings(ids);
      const paper = loadPaperFigures(bundledPath(`${PAPER_FOLDER}/phones.yaml`));
      const quick = options.quick === true;
      const root = resolve(
        options.out ?? join("socsim-out", quick ? "reproduce-quick" : "reproduce"),
      );
      // Only the full comparison replaces docs/reproductions.md by default: a quick run or a few
      // findings would overwrite the whole study's figures with part of them.
      const complete = !quick && findings.length === FINDINGS.length;
      const doc = resolve(
        options.doc ?? (complete ? join("docs", "reproductions.md") : `${root}.md`),
      );
      if (options.doc?.trim() === "") throw new InputError("--doc", "names no file");
      if (isWithin(doc, root)) {
        throw new InputError(
          doc,
          `is inside the runs' folder ${root}, which holds only the runs: name a --doc outside it`,
        );
      }
      checkDocFile(doc);
      checkRoot(root);
      const pool = new SweepPool(options.jobs ?? availableParallelism());
      let reports: FindingReport[];
      try {
        // Every finding's runs share the pool, so a one-run finding does not leave a worker idle.
        reports = await Promise.all(
          findings.map(async (finding) => {
            const report = await reproduceFinding(finding, { pool, root, quick, paper });
            if (!options.quiet) process.stderr.write(`socsim: ${finding.id} done\n`);
            return report;
          }),
        );
      } finally {
        await pool.destroy();
      }
      const placed = reports.map((report) => ({
        ...report,
        file: relative(dirname(doc), report.file),
        outputs: report.outputs === null ? null : relative(dirname(doc), report.outputs),
      }));
      mkdirSync(dirname(doc), { recursive: true });
      writeTextAtomically(
        doc,
        reproductionsMarkdown(placed, quick ? "quick" : "full", SOCSIM_VERSION),
      );
      const rows = reports.flatMap((report) => report.rows);
      if (options.json) {
        const mode = quick ? "quick" : "full";
        process.stdout.write(
          `${JSON.stringify({ socsim: SOCSIM_VERSION, mode, rows }, null, 2)}\n`,
        );
      }
      if (!options.quiet) process.stderr.write(`${summary(rows)}socsim: comparison in ${doc}\n`);
    });
}

/** The findings named on the command line (F1 … F10, any case), or all. */
function chosenFindings(ids: readonly string[]): Finding[] {
  if (ids.length === 0) return [...FINDINGS];
  return ids.map((id) => {
    const finding = FINDINGS.find((known) => known.id === id.toUpperCase());
    if (finding === undefined) {
      throw new UsageError(
        `unknown finding "${id}" (known: ${FINDINGS.map((known) => known.id).join(", ")})`,
      );
    }
    return finding;
  });
}

interface Context {
  readonly pool: SweepPool;
  readonly root: string;
  readonly quick: boolean;
  readonly paper: PaperFigures;
}

/** Runs one finding's file in the pool (into ROOT/<file name>/) and compares each claim. */
async function reproduceFinding(finding: Finding, context: Context): Promise<FindingReport> {
  const file = bundledPath(`${PAPER_FOLDER}/${finding.file}`);
  if (!existsSync(file)) {
    const why = `${PAPER_FOLDER}/${finding.file} does not exist: ${finding.missingFile ?? "no such file"}`;
    return {
      finding,
      file,
      outputs: null,
      hasHtmlReport: false,
      rows: finding.claims.map((claim) => compareClaim(finding, claim, context.paper, why)),
    };
  }
  const read = readFinding(file);
  const sweep = context.quick ? withExtraAxes(read, finding.quick) : read;
  const outDir = await sweepWith(context.pool, sweep, undefined, {
    out: join(context.root, folderOf(finding)),
    quiet: true,
  });
  const wanted = new Set(sweep.runs.map((run) => run.id));
  // In run-id order, not the order runs finished: the comparison is the same for every --jobs.
  const records = readResultsFile(join(outDir, RESULTS_FILE), false)
    .map(({ line }) => line)
    .filter((line) => wanted.has(line.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((line) => ({ axes: line.axes, results: line.results as Results }));
  const runs = new FindingRuns(records);
  return {
    finding,
    file,
    outputs: outDir,
    hasHtmlReport: existsSync(join(outDir, "report.html")),
    rows: finding.claims.map((claim) => compareClaim(finding, claim, context.paper, runs)),
  };
}

function readFinding(file: string): ReadSweep {
  return readYamlFile(file).kind === "sweep" ? readSweep(file) : readScenarioAsSweep(file);
}

const folderOf = (finding: Finding) => basename(finding.file, ".yaml");

/**
 * The runs' folder holds one sweep folder per finding (each checked by the
 * sweep machinery, which resumes its own) and their locks: anything else
 * in it is the user's, and the folder is refused.
 */
function checkRoot(root: string): void {
  if (!existsSync(root)) return;
  const refuse = (why: string) => new InputError(root, `cannot be used for output: ${why}`);
  if (lstatSync(root).isSymbolicLink())
    throw refuse("it is a symbolic link (name the folder itself)");
  if (!lstatSync(root).isDirectory()) throw refuse("it is a file, not a folder");
  const ours = new Set(
    FINDINGS.flatMap((finding) => [folderOf(finding), `.${folderOf(finding)}.socsim-lock`]),
  );
  const foreign = readdirSync(root).filter((entry) => !ours.has(entry));
  if (foreign.length > 0) {
    throw refuse(
      `it holds files socsim reproduce did not write (${foreign.slice(0, 3).join(", ")})`,
    );
  }
}

/** The comparison replaces only a file it wrote itself (its first line says so). */
function checkDocFile(doc: string): void {
  if (!existsSync(doc)) return;
  if (!lstatSync(doc).isFile()) throw new InputError(doc, "is not a file; name a file for --doc");
  const first = readFileSync(doc, "utf8").split("\n", 1)[0];
  if (first !== DOC_HEADER) {
    throw new InputError(doc, "exists and was not written by socsim reproduce; name another --doc");
  }
}

function summary(rows: readonly ComparisonRow[]): string {
  const width = Math.max(...rows.map((row) => row.claim.length));
  return rows
    .map((row) => `${row.claim.padEnd(width)}  ${row.agreement.padEnd(15)}  ${row.socsim}\n`)
    .join("");
}
