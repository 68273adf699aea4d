import type { FluidJob, JobCost } from "./fluid-job.ts";

/**
 * A CPU back-end's thread pool whose workers busy-wait for the pool's next
 * op before they sleep (MACE's ThreadPool spins up to 2 ms on its event
 * word, then waits on a condition variable). After each op the workers,
 * every pool thread but the caller's, stay runnable on their cores for the
 * back-end's `spin_wait` unless the pool's next op starts first: CPU time
 * the governor sees and the app is charged, while the app waits for an
 * accelerator or a transfer, or until its next inference.
 */
export class SpinningPool {
  /** The workers' spin now running, if any. */
  spinning: FluidJob<unknown> | undefined = undefined;

  /** The spin ran its whole time: the workers sleep. */
  readonly ended = (): void => {
    this.spinning = undefined;
  };

  constructor(
    /** The workers' threads per domain, spinning for the back-end's `spin_wait`. */
    readonly spinCost: JobCost,
    readonly topApp: boolean,
  ) {}
}
