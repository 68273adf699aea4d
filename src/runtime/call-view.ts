import type { ProcessorState, Profiler, ReadyUnit, SchedulerView } from "../sched/view.ts";
import type { RuntimeProfiler } from "./profiler.ts";

/**
 * The view one `decide` call gets: copies of the ready list and running
 * counts, and the processors' states copied the first time the policy
 * reads them (a policy that never looks at processors, like the
 * single-processor ones, does not pay for the copy on every pass). The copy
 * is of the call's instant, so the processors may be read only during the
 * call: a later first read would see another instant, and throws instead.
 * The ready entries are the runtime's own, frozen when made (runtime.ts):
 * a policy that writes to one throws rather than changing what runs.
 */
export class CallView implements SchedulerView {
  private states: readonly ProcessorState[] | undefined;
  private open = true;

  constructor(
    readonly nowNs: number,
    readonly ready: readonly ReadyUnit[],
    readonly runningRequests: readonly number[],
    private readonly runtimeProfiler: RuntimeProfiler,
    readonly countWork: (amount: number) => void,
    private readonly snapshot: (nowNs: number) => readonly ProcessorState[],
  ) {}

  get profiler(): Profiler {
    return this.runtimeProfiler.forPolicy;
  }

  get processors(): readonly ProcessorState[] {
    if (this.states === undefined) {
      if (!this.open)
        throw new Error(
          "view.processors was first read after decide returned; read it during the call",
        );
      this.states = this.snapshot(this.nowNs);
    }
    return this.states;
  }

  /** The call has returned. */
  close(): void {
    this.open = false;
  }
}
