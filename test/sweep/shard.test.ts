import { describe, expect, it } from "vitest";
import { inShard, parseShard, shardFromEnvironment } from "../../src/scenario/sweep/shard.ts";

describe("shards", () => {
  it("reads I/N and refuses 0/4, 3/2 and what is not two integers", () => {
    expect(parseShard("2/8")).toEqual({ index: 2, count: 8 });
    for (const bad of ["0/4", "3/2", "1/0", "a/2", "1", "-1/2"]) {
      expect(() => parseShard(bad)).toThrow(/is not a shard/);
    }
  });

  it("takes I and N from a Slurm array or a Kubernetes indexed Job", () => {
    expect(
      shardFromEnvironment({
        SLURM_ARRAY_TASK_ID: "12",
        SLURM_ARRAY_TASK_MIN: "10",
        SLURM_ARRAY_TASK_COUNT: "4",
      }),
    ).toEqual({ index: 3, count: 4 });
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: "0", SOCSIM_SHARD_COUNT: "5" })).toEqual({
      index: 1,
      count: 5,
    });
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: "0" })).toThrow(/SOCSIM_SHARD_COUNT/);
    expect(shardFromEnvironment({})).toBeUndefined();
  });

  it("places a Slurm task among evenly spaced array ids, and refuses what it cannot place", () => {
    const array = (id: string, extra: Record<string, string> = {}) =>
      shardFromEnvironment({
        SLURM_ARRAY_TASK_ID: id,
        SLURM_ARRAY_TASK_MIN: "0",
        SLURM_ARRAY_TASK_MAX: "6",
        SLURM_ARRAY_TASK_STEP: "2",
        SLURM_ARRAY_TASK_COUNT: "4",
        ...extra,
      });
    // --array=0-6:2: four tasks, four shards.
    expect(["0", "2", "4", "6"].map((id) => array(id))).toEqual(
      [1, 2, 3, 4].map((index) => ({ index, count: 4 })),
    );
    expect(() => array("3")).toThrow(/task id 3 is not one of the array's/);
    // --array=1,5,6: no step fits.
    expect(() =>
      array("5", {
        SLURM_ARRAY_TASK_MIN: "1",
        SLURM_ARRAY_TASK_MAX: "6",
        SLURM_ARRAY_TASK_COUNT: "3",
      }),
    ).toThrow(/not evenly spaced.*--shard/);
    expect(() => shardFromEnvironment({ SLURM_ARRAY_TASK_ID: "1" })).toThrow(
      /SLURM_ARRAY_TASK_COUNT is not set/,
    );
    expect(() => array("")).toThrow(/SLURM_ARRAY_TASK_ID is "", not a whole number/);
  });

  it("puts every run in exactly one shard", () => {
    const ids = Array.from({ length: 300 }, (_, index) => index.toString(16).padStart(12, "0"));
    for (const id of ids) {
      const owners = [1, 2, 3, 4, 5].filter((index) => inShard(id, { index, count: 5 }));
      expect(owners).toHaveLength(1);
    }
    const sizes = [1, 2, 3].map(
      (index) => ids.filter((id) => inShard(id, { index, count: 3 })).length,
    );
    for (const size of sizes) expect(size).toBeGreaterThan(60);
  });
});
