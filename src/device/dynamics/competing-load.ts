import type { EventId } from "../../core/event-queue.ts";
import type { Simulator } from "../../core/simulator.ts";
import type { CompetingLoad, JobHandle } from "./device-api.ts";

/**
 * Drives one competing process: at the start of every period it submits a
 * burst of work, unless the last burst is still queued or running (then the
 * process simply stays busy: work does not pile up across periods).
 */
export class CompetingLoadDriver {
  private burst: JobHandle<unknown> | undefined;
  private event: EventId;
  private readonly periodNs: number;

  constructor(
    private readonly simulator: Simulator,
    readonly load: CompetingLoad,
    private readonly submitBurst: () => JobHandle<unknown>,
    phaseNs: number,
  ) {
    this.periodNs = Math.max(1, Math.round(load.periodSeconds * 1e9));
    this.event = simulator.at(simulator.now + phaseNs, this.onPeriod);
  }

  private readonly onPeriod = (now: number): void => {
    if (this.burst === undefined || this.burst.state === "done") this.burst = this.submitBurst();
    this.event = this.simulator.at(now + this.periodNs, this.onPeriod);
  };

  dispose(): void {
    this.simulator.cancel(this.event);
  }
}
