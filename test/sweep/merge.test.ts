import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mergeSweepFolders } from "../../src/scenario/sweep/merge.ts";
import { readResultsFile } from "../../src/scenario/sweep/results-file.ts";

const root = mkdtempSync(join(tmpdir(), "socsim-merge-"));

function shardFolder(name: string, record: Record<string, unknown>, ids: string[]): string {
  const folder = join(root, name);
  mkdirSync(folder);
  writeFileSync(
    join(folder, "sweep.json"),
    JSON.stringify({
      sweep: "s",
      socsim: "0.1.0",
      identity: "i",
      shard: "1/2",
      ...record,
      runs: ids,
    }),
  );
  writeFileSync(
    join(folder, "results.jsonl"),
    ids
      .map((id) => `{"sweep":"s","id":"${id}","axes":{},"socsim":"0.1.0","results":{},"host":{}}\n`)
      .join(""),
  );
  return folder;
}

describe("merging shard folders", () => {
  it("joins the lines of each run once, ordered by id, and names runs no folder holds", () => {
    const a = shardFolder("a", {}, ["bbbbbbbbbbbb", "aaaaaaaaaaaa"]);
    const b = shardFolder("b", { shard: "2/2" }, ["cccccccccccc"]);
    writeFileSync(
      join(b, "sweep.json"),
      readFileSync(join(b, "sweep.json"), "utf8").replace(
        '"cccccccccccc"',
        '"cccccccccccc","dddddddddddd"',
      ),
    );
    const merged = mergeSweepFolders([a, b]);
    expect(merged.lines.map((read) => read.line.id)).toEqual([
      "aaaaaaaaaaaa",
      "bbbbbbbbbbbb",
      "cccccccccccc",
    ]);
    expect(merged.missing).toEqual(["dddddddddddd"]);
    expect(merged.record.shard).toBeNull();
  });

  it("names the shards of the split no folder holds, and refuses shards of different splits", () => {
    const first = shardFolder("split-1", { shard: "1/3" }, ["eeeeeeeeeeee"]);
    const third = shardFolder("split-3", { shard: "3/3" }, ["ffffffffffff"]);
    expect(mergeSweepFolders([first, third]).missingShards).toEqual(["2/3"]);
    const whole = shardFolder("whole", { shard: null }, ["eeeeeeeeeeee", "ffffffffffff"]);
    expect(mergeSweepFolders([whole, third]).missingShards).toEqual([]);
    const otherSplit = shardFolder("split-2-of-4", { shard: "2/4" }, ["abababababab"]);
    expect(() => mergeSweepFolders([first, otherSplit])).toThrow(
      /holds shard 2\/4 of a split into 4, the other of a split into 3/,
    );
  });

  it("refuses folders of another socsim version, other inputs or another sweep", () => {
    const base = shardFolder("base", {}, ["aaaaaaaaaaaa"]);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ socsim: "0.2.0" }, /written by socsim 0\.2\.0, the other by 0\.1\.0/],
      [{ identity: "other" }, /with different input files/],
      [{ sweep: "t", identity: "other" }, /a different sweep \("t", not "s"\)/],
    ];
    for (const [index, [record, message]] of cases.entries()) {
      const other = shardFolder(`other-${index}`, record, ["bbbbbbbbbbbb"]);
      expect(() => mergeSweepFolders([base, other])).toThrow(message);
    }
  });

  it("reads back only complete lines, and cuts a torn last line when asked", () => {
    const folder = shardFolder("torn", {}, ["aaaaaaaaaaaa"]);
    const file = join(folder, "results.jsonl");
    const whole = readFileSync(file, "utf8");
    appendFileSync(file, '{"sweep":"s","id":"bbbb');
    expect(readResultsFile(file, false)).toHaveLength(1);
    expect(readResultsFile(file, true).map((read) => read.text)).toEqual([whole]);
    expect(readFileSync(file, "utf8")).toBe(whole);
  });
});
