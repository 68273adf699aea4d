/**
 * CFS load weights by nice level, −20 … 19: Linux's `sched_prio_to_weight`
 * (kernel/sched/core.c). Each step is about 1.25×, so one nice level moves a
 * thread's CPU share by about 10 % against a nice-0 thread.
 */
const WEIGHT_BY_NICE = [
  88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916, 9548, 7620, 6100, 4904,
  3906, 3121, 2501, 1991, 1586, 1277, 1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110, 87,
  70, 56, 45, 36, 29, 23, 18, 15,
] as const;

export const MIN_NICE = -20;
export const MAX_NICE = 19;

/** The weight of a nice-0 thread. */
export const NICE_0_WEIGHT = 1024;

/** CFS weight of a thread at `nice` (an integer in −20 … 19). */
export function weightOfNice(nice: number): number {
  const weight = WEIGHT_BY_NICE[nice - MIN_NICE];
  if (!Number.isInteger(nice) || weight === undefined)
    throw new Error(`nice must be an integer from ${MIN_NICE} to ${MAX_NICE}, not ${nice}`);
  return weight;
}
