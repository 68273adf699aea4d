import { type EventHandler, type EventId, EventQueue } from "./event-queue.ts";

const EMPTY = 0;
const UNTIL = 1;
const STOPPED = 2;

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
    const firedBefore = this.firedTotal;
    const lastEvent = firedBefore + (options.maxEvents ?? Number.POSITIVE_INFINITY);
    const ended = this.fire(until, lastEvent, options.stopWhen);
    if (ended === EMPTY && until !== Number.POSITIVE_INFINITY)
      this.currentTime = Math.max(this.currentTime, until);
    if (ended === UNTIL) this.currentTime = until;
    const events = this.firedTotal - firedBefore;
    return { reason: ended === EMPTY ? "empty" : ended === UNTIL ? "until" : "stopped", events };
  }

  /**
   * The loop: fires events in order until one of the stop conditions holds.
   * It returns a code and leaves the bookkeeping to `run`, so that leaving
   * the loop runs nothing the JIT has not seen, and its optimised code
   * survives from one call of `run` to the next.
   */
  private fire(until: number, lastEvent: number, stopWhen: (() => boolean) | undefined): number {
    const queue = this.queue;
    for (;;) {
      const next = queue.peekTime();
      if (next === Number.POSITIVE_INFINITY) return EMPTY;
      if (next > until) return UNTIL;
      const handler = queue.popLiveTop();
      this.currentTime = next;
      this.firedTotal++;
      handler(next);
      if (this.firedTotal >= lastEvent || stopWhen?.()) return STOPPED;
    }
  }

  /**
   * Inlined wherever an event is scheduled or moved, so it stays small: the
   * message is built elsewhere. Its bytecode counts against V8's inlining
   * budget of each hot caller, and a callee left out of that budget is
   * called with its number arguments boxed, one heap allocation each.
   */
  private checkTime(time: number): void {
    if (!(time >= this.currentTime) || !Number.isSafeInteger(time))
      throw timeError(time, this.currentTime);
  }
}

function timeError(time: number, now: number): RangeError {
  return new RangeError(
    `event time ${time} ns is ${Number.isSafeInteger(time) ? `before now (${now} ns)` : "not an integer number of nanoseconds"}`,
  );
}
