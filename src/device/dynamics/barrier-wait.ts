/**
 * CFS time slices, from Linux's kernel/sched/fair.c: a run queue's period is
 * `sysctl_sched_latency` (6 ms) or, with more than `sched_nr_latency` (8)
 * tasks, `sysctl_sched_min_granularity` (0.75 ms) per task; both are scaled
 * by 1 + log2(CPUs, at most 8) (SCHED_TUNABLESCALING_LOG), so ×4 on the
 * eight-core phones: 24 ms and 3 ms.
 */
const LATENCY_SECONDS = 0.006;
const MIN_GRANULARITY_SECONDS = 0.00075;
const NR_LATENCY = 8;

/** The kernel's scaling factor for a phone with `cpus` CPUs. */
export function tunableScaling(cpus: number): number {
  return 1 + Math.floor(Math.log2(Math.min(Math.max(cpus, 1), 8)));
}

/** The slice each of `tasks` equal tasks (on average: it may be fractional) gets on one run queue. */
export function sliceSeconds(tasks: number, scaling: number): number {
  const period =
    tasks > NR_LATENCY ? tasks * MIN_GRANULARITY_SECONDS * scaling : LATENCY_SECONDS * scaling;
  return period / tasks;
}

/**
 * Extra seconds an op of a thread pool waits at its barrier when each of its
 * `threads` threads gets `share` (< 1) of a core. Each core then round-robins
 * 1/share threads, so a thread becomes runnable at a uniformly random point
 * of the others' turns. Busy work (a competing process, the UI) does not make
 * it wait a slice: a pool thread wakes from its last barrier with the sleeper
 * credit (half the scheduling latency, 12 ms) beyond the wake-up granularity
 * (1 ms × 4), so CFS lets it preempt at once (fair.c place_entity,
 * wakeup_preempt_entity). Another pool's thread it must wait for, until that
 * thread blocks at its own barrier: a turn of the op's own `chunkSeconds`
 * (streams of the same model), at most a slice. The fluid rate already
 * charges the mean wait, half the range of the others' turns; the op ends
 * only when its last thread does, and the largest of T uniform waits is
 * T/(T+1) of the range: the barrier adds (T/(T+1) − 1/2) × the range.
 */
export function barrierWaitSeconds(
  share: number,
  threads: number,
  chunkSeconds: number,
  scaling: number,
): number {
  if (share >= 1 || threads < 2) return 0;
  const perCore = 1 / share;
  const slice = sliceSeconds(perCore, scaling);
  const range = (perCore - 1) * (chunkSeconds < slice ? chunkSeconds : slice);
  return (threads / (threads + 1) - 0.5) * range;
}
