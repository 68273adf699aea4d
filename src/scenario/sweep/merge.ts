import { join } from "node:path";
import { InputError } from "../../core/index.ts";
import { type ReadLine, readResultsFile } from "./results-file.ts";
import { RESULTS_FILE, readRecord, SWEEP_FILE, type SweepRecord } from "./sweep-folder.ts";

export interface MergedSweep {
  readonly record: SweepRecord;
  /** Every run's line once, ordered by run id (the order a report uses). */
  readonly lines: readonly ReadLine[];
  /** Runs some shard was to run that no folder holds a line for. */
  readonly missing: readonly string[];
  /** Shards (I of N) of the split merged that no folder holds. */
  readonly missingShards: readonly string[];
}

/**
 * Joins the folders of shards of one sweep. Folders of different sweeps,
 * of changed inputs or of other socsim versions are refused: their runs
 * would not be comparable.
 */
export function mergeSweepFolders(folders: readonly string[]): MergedSweep {
  const records = folders.map((folder) => {
    const record = readRecord(join(folder, SWEEP_FILE));
    if (record === undefined) {
      throw new InputError(folder, `is not a sweep folder (no readable ${SWEEP_FILE})`);
    }
    return record;
  });
  const first = records[0]!;
  for (const [index, record] of records.entries()) {
    const refuse = (why: string) =>
      new InputError(folders[index]!, `cannot be merged with ${folders[0]}: ${why}`);
    if (record.socsim !== first.socsim) {
      throw refuse(`written by socsim ${record.socsim}, the other by ${first.socsim}`);
    }
    if (record.sweep !== first.sweep || record.identity !== first.identity) {
      throw refuse(
        record.sweep === first.sweep
          ? `a run of sweep "${record.sweep}" with different input files`
          : `a different sweep ("${record.sweep}", not "${first.sweep}")`,
      );
    }
  }
  const missingShards = shardsNotHeld(records, folders);
  const byId = new Map<string, ReadLine>();
  for (const folder of folders) {
    for (const read of readResultsFile(join(folder, RESULTS_FILE), false)) {
      if (!byId.has(read.line.id)) byId.set(read.line.id, read);
    }
  }
  const planned = [...new Set(records.flatMap((record) => record.runs))].sort();
  const lines = [...byId.keys()].sort().map((id) => byId.get(id)!);
  return {
    record: { ...first, shard: null, runs: planned },
    lines,
    missing: planned.filter((id) => !byId.has(id)),
    missingShards,
  };
}

/**
 * The shards of the folders' split that none of them holds; none when a
 * folder holds the whole sweep. Shards of different splits (1/3 beside
 * 2/4) overlap and leave gaps no folder shows: refused.
 */
function shardsNotHeld(records: readonly SweepRecord[], folders: readonly string[]): string[] {
  if (records.some((record) => record.shard === null)) return [];
  const shards = records.map((record) => record.shard!.split("/").map(Number) as [number, number]);
  const count = shards[0]![1];
  const other = shards.findIndex(([, each]) => each !== count);
  if (other >= 0) {
    throw new InputError(
      folders[other]!,
      `cannot be merged with ${folders[0]}: it holds shard ${records[other]!.shard} of a split into ${shards[other]![1]}, the other of a split into ${count}`,
    );
  }
  const held = new Set(shards.map(([index]) => index));
  const missing: string[] = [];
  for (let index = 1; index <= count; index++) {
    if (!held.has(index)) missing.push(`${index}/${count}`);
  }
  return missing;
}
