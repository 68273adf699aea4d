import type { EventId } from "../../core/event-queue.ts";
import type { Simulator } from "../../core/simulator.ts";
import type { CompetingLoad, JobHandle } from "./device-api.ts";

/**
 * Drives one competing process: at the start of every period it submits a
 * burst of `duty cycle × period` of work at the top speed. A burst still
 * running when the next period starts has fallen behind (slower clocks, a
 * shared core): the next burst then starts the moment it ends, so a process
 * owes at most one burst and one with duty cycle 1 is always runnable.
 */
export class CompetingLoadDriver {
  private burst: JobHandle<unknown> | undefined;
  private behind = false;
  private event: EventId;
  private readonly periodNs: number;

  constructor(
    private readonly simulator: Simulator,
    readonly load: CompetingLoad,
    private readonly submitBurst: (onDone: () => void) => JobHandle<unknown>,
    phaseNs: number,
  ) {
    this.periodNs = Math.max(1, Math.round(load.periodSeconds * 1e9));
    this.event = simulator.at(simulator.now + phaseNs, this.onPeriod);
  }

  private readonly onPeriod = (now: number): void => {
    if (this.burst === undefined || this.burst.state === "done")
      this.burst = this.submitBurst(this.onBurstDone);
    else this.behind = true;
    this.event = this.simulator.at(now + this.periodNs, this.onPeriod);
  };

  private readonly onBurstDone = (): void => {
    if (!this.behind) return;
    this.behind = false;
    this.burst = this.submitBurst(this.onBurstDone);
  };

  dispose(): void {
    this.simulator.cancel(this.event);
  }
}
