import { type EventHandler, type EventId, EventQueue } from "./event-queue.ts";

/** How a call to `run` ended. */
export interface RunOutcome {
  /** `stopped`: the stop condition held or `maxEvents` were fired. */
  readonly reason: "until" | "stopped" | "empty";
  /** Events fired by this call. */
  readonly events: number;
}

export interface RunOptions {
  /** Stop before any event later than this time (ns); the clock is then set to it. */
  readonly until?: number;
  /** Checked after every event; the run stops as soon as it returns true. */
  readonly stopWhen?: () => boolean;
  /** Stop once this call has fired this many events. */
  readonly maxEvents?: number;
}

/**
 * The clock and the loop: simulated time in integer nanoseconds, one event
 * queue, nothing about what is being simulated. Time never goes backwards:
 * scheduling into the past is a bug and throws.
 */
export class Simulator {
  private readonly queue = new EventQueue();
  private currentTime = 0;
  private firedTotal = 0;

  get now(): number {
    return this.currentTime;
  }

  /** Events fired since the simulator was made. */
  get eventCount(): number {
    return this.firedTotal;
  }

  get pendingCount(): number {
    return this.queue.length;
  }

  at(time: number, handler: EventHandler): EventId {
    this.checkTime(time);
    return this.queue.schedule(time, handler);
  }

  after(delay: number, handler: EventHandler): EventId {
    return this.at(this.currentTime + delay, handler);
  }

  cancel(id: EventId): boolean {
    return this.queue.cancel(id);
  }

  retime(id: EventId, time: number): boolean {
    this.checkTime(time);
    return this.queue.retime(id, time);
  }

  isPending(id: EventId): boolean {
    return this.queue.isPending(id);
  }

  run(options: RunOptions = {}): RunOutcome {
    const until = options.until ?? Number.POSITIVE_INFINITY;
    const stopWhen = options.stopWhen;
    const queue = this.queue;
    const firedBefore = this.firedTotal;
    const lastEvent = firedBefore + (options.maxEvents ?? Number.POSITIVE_INFINITY);
    for (;;) {
      const next = queue.peekTime();
      if (next === Number.POSITIVE_INFINITY) {
        if (until !== Number.POSITIVE_INFINITY)
          this.currentTime = Math.max(this.currentTime, until);
        return { reason: "empty", events: this.firedTotal - firedBefore };
      }
      if (next > until) {
        this.currentTime = until;
        return { reason: "until", events: this.firedTotal - firedBefore };
      }
      const handler = queue.popLiveTop();
      this.currentTime = next;
      this.firedTotal++;
      handler(next);
      if (this.firedTotal >= lastEvent || stopWhen?.()) {
        return { reason: "stopped", events: this.firedTotal - firedBefore };
      }
    }
  }

  private checkTime(time: number): void {
    if (!(time >= this.currentTime) || !Number.isSafeInteger(time)) {
      throw new RangeError(
        `event time ${time} ns is ${Number.isSafeInteger(time) ? `before now (${this.currentTime} ns)` : "not an integer number of nanoseconds"}`,
      );
    }
  }
}
