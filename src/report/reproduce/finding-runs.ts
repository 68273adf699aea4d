import type { ModelResult, Results, RunResult } from "../../metrics/results.ts";

/** One finished run of a finding's sweep: its axis values and results.json. */
export interface RunRecord {
  readonly axes: Readonly<Record<string, unknown>>;
  readonly results: Results;
}

/** One scheduler entry's run inside a record, with what a claim selects it by. */
export interface EntryRun {
  readonly axes: Readonly<Record<string, unknown>>;
  readonly soc: string;
  readonly run: RunResult;
}

export interface Selection {
  readonly label: string;
  readonly soc?: string;
  /** The model of app `probe`. */
  readonly model?: string;
  readonly where?: (axes: Readonly<Record<string, unknown>>) => boolean;
}

/** The runs of one finding, as claims read them. */
export class FindingRuns {
  readonly entries: readonly EntryRun[];

  constructor(records: readonly RunRecord[]) {
    this.entries = records.flatMap((record) =>
      record.results.runs.map((run) => ({ axes: record.axes, soc: record.results.soc, run })),
    );
  }

  /** The entry runs matching `selection` (label, SoC, probe model, axes). */
  select(selection: Selection): EntryRun[] {
    return this.entries.filter(
      (entry) =>
        entry.run.label === selection.label &&
        (selection.soc === undefined || entry.soc === selection.soc) &&
        (selection.model === undefined || appOf(entry.run, "probe")?.model === selection.model) &&
        (selection.where === undefined || selection.where(entry.axes)),
    );
  }

  /** The one entry run matching `selection`; a finding file that lacks it is socsim's bug. */
  one(selection: Selection): EntryRun {
    const found = this.select(selection);
    if (found.length !== 1) {
      throw new Error(
        `reproduce: ${found.length} runs match ${JSON.stringify({ ...selection, where: undefined })}`,
      );
    }
    return found[0]!;
  }

  /** Mean latency (ms) of `app` in the run matching `selection`; null when it completed nothing. */
  latency(selection: Selection, app = "probe"): number | null {
    return appOf(this.one(selection).run, app)?.latency_ms.mean ?? null;
  }

  /** Distinct values of `key` among the entries, in order of appearance. */
  distinct<T>(key: (entry: EntryRun) => T): T[] {
    return [...new Set(this.entries.map(key))];
  }
}

export function appOf(run: RunResult, app: string): ModelResult | undefined {
  return run.models.find((model) => model.app === app);
}

/** How many competing processes a run's `workload.competing` axis sets. */
export function competingCount(axes: Readonly<Record<string, unknown>>): number {
  const competing = axes["workload.competing"];
  return Array.isArray(competing) ? competing.length : 0;
}
