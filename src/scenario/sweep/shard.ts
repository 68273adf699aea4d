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
 * given: Slurm (the task's place in the array, of `SLURM_ARRAY_TASK_COUNT`)
 * or a Kubernetes indexed Job
 * (`JOB_COMPLETION_INDEX` + 1 of `SOCSIM_SHARD_COUNT`, which Kubernetes
 * does not pass and so must be set). Undefined outside either.
 */
export function shardFromEnvironment(env: NodeJS.ProcessEnv): Shard | undefined {
  if (env.SLURM_ARRAY_TASK_ID !== undefined) return slurmShard(env);
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
 * A Slurm array task's shard: its place among the array's task ids, which
 * run from SLURM_ARRAY_TASK_MIN to SLURM_ARRAY_TASK_MAX in steps of
 * SLURM_ARRAY_TASK_STEP (`--array=0-6:2` is four shards). An array whose
 * ids are not evenly spaced (`--array=1,5,6`) gives no place to derive:
 * refused, as is an id without the array's count.
 */
function slurmShard(env: NodeJS.ProcessEnv): Shard {
  const refuse = (why: string) =>
    new InputError(
      "SLURM_ARRAY_TASK_ID",
      `${why}; pass --shard I/N to say which shard this task runs`,
    );
  const read = (name: string, fallback?: number) => {
    const text = env[name];
    if (text === undefined && fallback !== undefined) return fallback;
    if (text === undefined || !/^\d+$/.test(text.trim()))
      throw refuse(
        `${name} is ${text === undefined ? "not set" : `"${text}", not a whole number`}`,
      );
    return Number(text);
  };
  const id = read("SLURM_ARRAY_TASK_ID");
  const count = read("SLURM_ARRAY_TASK_COUNT");
  const min = read("SLURM_ARRAY_TASK_MIN", 0);
  const step = read("SLURM_ARRAY_TASK_STEP", 1);
  const max = read("SLURM_ARRAY_TASK_MAX", min + (count - 1) * step);
  if (step < 1 || min + (count - 1) * step !== max)
    throw refuse(
      `the array's ${count} task ids from ${min} to ${max} are not evenly spaced (step ${step})`,
    );
  if ((id - min) % step !== 0 || id < min || id > max)
    throw refuse(`task id ${id} is not one of the array's (${min} to ${max} in steps of ${step})`);
  return parseShard(`${(id - min) / step + 1}/${count}`, "SLURM_ARRAY_TASK_ID");
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
