import { createHash } from "node:crypto";
import { InputError } from "../../core/index.ts";

/** Which slice of a sweep this process runs: shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `--shard 2/8`; 0/4, 3/2 and anything not two positive integers are refused. */
export function parseShard(text: string, from = "--shard"): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new InputError(
      from,
      `"${text}" is not a shard: expected I/N with 1 ≤ I ≤ N, such as 1/4 (I is 1-based)`,
    );
  }
  return { index, count };
}

/**
 * The shard a cluster array job assigns this process, when no `--shard` is
 * given: Slurm (`SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN` + 1 of
 * `SLURM_ARRAY_TASK_COUNT`) or a Kubernetes indexed Job
 * (`JOB_COMPLETION_INDEX` + 1 of `SOCSIM_SHARD_COUNT`, which Kubernetes
 * does not pass and so must be set). Undefined outside either.
 */
export function shardFromEnvironment(env: NodeJS.ProcessEnv): Shard | undefined {
  const slurmTask = env.SLURM_ARRAY_TASK_ID;
  if (slurmTask !== undefined && env.SLURM_ARRAY_TASK_COUNT !== undefined) {
    const index = Number(slurmTask) - Number(env.SLURM_ARRAY_TASK_MIN ?? 0) + 1;
    return parseShard(`${index}/${env.SLURM_ARRAY_TASK_COUNT}`, "SLURM_ARRAY_TASK_ID");
  }
  const jobIndex = env.JOB_COMPLETION_INDEX;
  if (jobIndex !== undefined) {
    const count = env.SOCSIM_SHARD_COUNT;
    if (count === undefined) {
      throw new InputError(
        "SOCSIM_SHARD_COUNT",
        "JOB_COMPLETION_INDEX is set (a Kubernetes indexed Job) but SOCSIM_SHARD_COUNT is not: set it to the Job's completions",
      );
    }
    if (!/^\d+$/.test(jobIndex)) {
      throw new InputError("JOB_COMPLETION_INDEX", `"${jobIndex}" is not a job index`);
    }
    return parseShard(`${Number(jobIndex) + 1}/${count}`, "JOB_COMPLETION_INDEX");
  }
  return undefined;
}

/**
 * Whether run `id` belongs to `shard`: by a hash of the id alone, so every
 * process agrees without talking and a run keeps its shard when runs are
 * added to the sweep.
 */
export function inShard(id: string, shard: Shard): boolean {
  const bucket = createHash("sha256").update(id).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}
