import { type EventId, NO_EVENT } from "../../../core/event-queue.ts";
import type { Simulator } from "../../../core/simulator.ts";
import { NS_PER_MS, NS_PER_US, secondsToNs } from "../../../core/time.ts";
import type { GovernedDomain, Governor, GovernorContext } from "./governor.ts";
import { WindowLoad } from "./walt-load.ts";

/** Defaults when the SoC file gives the domain another governor (research digest §3). */
const DEFAULT_UP_RATE_LIMIT_NS = 500 * NS_PER_US;
const DEFAULT_DOWN_RATE_LIMIT_NS = 20 * NS_PER_MS;
const DEFAULT_HEADROOM = 1.25;
/** The scheduler tick (CONFIG_HZ = 250) at which a busy CPU's utilisation is re-read. */
const SCHEDULER_TICK_NS = 4 * NS_PER_MS;
/** util_est's moving average keeps 3/4 of its value per new sample (mainline UTIL_EST_WEIGHT_SHIFT = 2). */
const UTIL_EST_KEEP = 0.75;

/**
 * schedutil-like: target frequency = headroom × utilisation × f_max, where
 * utilisation is the larger of the frequency-invariant PELT average of the
 * busiest core and util_est (mainline since 4.17): the utilisation the
 * cluster had when it last went idle, and a moving average of those, so a
 * periodic task wakes at the speed it needed last time instead of ramping
 * from a decayed average. With the SoC file's `hispeed_freq` (Qualcomm's
 * WALT schedutil) a utilisation of `hispeed_load` % of the current
 * frequency's capacity asks for at least that frequency at once. With the
 * file's `walt_window` the utilisation is WALT's instead (see WindowLoad):
 * the previous window's load, the hispeed test against that window's
 * average capacity, and while busy the work's predicted demand (the
 * phones' init scripts set schedutil's `pl`). The top-app boost, while a
 * top-app thread runs, adds its share of the spare capacity (schedtune)
 * or floors the utilisation (uclamp.min).
 * The lowest point reaching the target is asked for, at most once per
 * up (or down) rate limit. Re-evaluated on every load change, and while
 * the cluster is busy on the scheduler tick (PELT) or at each window's end
 * (WALT); an idle PELT cluster keeps its point until it wakes (a real idle
 * CPU calls no governor), a WALT cluster hears the windows it still has load in.
 */
export function schedutil(context: GovernorContext): Governor {
  return new Schedutil(context);
}

class Schedutil implements Governor {
  private readonly simulator: Simulator;
  private readonly domain: GovernedDomain;
  private readonly upNs: number;
  private readonly downNs: number;
  private readonly headroom: number;
  /** Hz, or 0 without WALT's hispeed jump. */
  private readonly hispeedFrequency: number;
  private readonly hispeedLoad: number;
  /** Share of the spare capacity the top-app group adds (schedtune.boost ÷ 100). */
  private readonly topAppBoost: number;
  /** Utilisation the top-app group is floored at (uclamp.min). */
  private readonly topAppFloor: number;
  private readonly walt: WindowLoad | undefined;
  /** f / f_max since the last evaluation: WALT accounts the time since then at it. */
  private capacity: number;
  private utilEstAverage = 0;
  private utilEstLast = 0;
  private wasBusy = false;
  private lastChangeNs = Number.NEGATIVE_INFINITY;
  /** The next scheduler tick (PELT) or window end (WALT). */
  private tick: EventId = NO_EVENT;

  constructor(context: GovernorContext) {
    const { simulator, domain, configured } = context;
    this.simulator = simulator;
    this.domain = domain;
    const own = configured.kind === "schedutil" ? configured : undefined;
    this.upNs = own ? secondsToNs(own.up_rate_limit) : DEFAULT_UP_RATE_LIMIT_NS;
    this.downNs = own ? secondsToNs(own.down_rate_limit) : DEFAULT_DOWN_RATE_LIMIT_NS;
    this.headroom = own ? own.headroom : DEFAULT_HEADROOM;
    this.hispeedFrequency = own?.hispeed_freq ?? 0;
    this.hispeedLoad = (own?.hispeed_load ?? 100) / 100;
    this.topAppBoost = (own?.top_app_boost ?? 0) / 100;
    this.topAppFloor = own?.top_app_uclamp_min ?? 0;
    domain.request(simulator.now, 0);
    this.capacity = domain.frequency / domain.points.maxFrequency;
    this.walt =
      own?.walt_window === undefined
        ? undefined
        : new WindowLoad(secondsToNs(own.walt_window), this.capacity);
  }

  loadChanged(now: number): void {
    const busy = this.domain.busy;
    if (this.walt !== undefined) {
      this.walt.advance(now, this.wasBusy, this.capacity);
      this.wasBusy = busy;
      this.evaluate(now);
      if (this.tick < 0) this.tick = this.simulator.at(this.walt.nextWindowNs, this.onWindow);
      return;
    }
    // util_est samples the utilisation as the cluster goes idle (mainline: as a task dequeues).
    if (this.wasBusy && !busy) {
      const sample = this.domain.invariantUtilizationAt(now);
      this.utilEstLast = sample;
      this.utilEstAverage = UTIL_EST_KEEP * this.utilEstAverage + (1 - UTIL_EST_KEEP) * sample;
    }
    this.wasBusy = busy;
    this.evaluate(now);
    if (this.domain.busy && this.tick < 0)
      this.tick = this.simulator.at(now + SCHEDULER_TICK_NS, this.onTick);
  }

  hostWorked(now: number, busyNs: number): void {
    const walt = this.walt;
    if (walt === undefined) {
      // PELT: the domain's averages already hold the work (Processor.hostWorked).
      this.evaluate(now);
      return;
    }
    // WALT's input moves only when the window rolls over: booked, heard then.
    walt.advance(now, this.wasBusy, this.capacity);
    walt.addBusy(busyNs, this.capacity);
    if (this.tick < 0) this.tick = this.simulator.at(walt.nextWindowNs, this.onWindow);
  }

  dispose(): void {
    if (this.tick >= 0) this.simulator.cancel(this.tick);
    this.tick = NO_EVENT;
  }

  private readonly onTick = (now: number): void => {
    this.tick = NO_EVENT;
    this.evaluate(now);
    if (this.domain.busy) this.tick = this.simulator.at(now + SCHEDULER_TICK_NS, this.onTick);
  };

  /** A WALT window ended: the governor reads the new previous window while the cluster still has load to report. */
  private readonly onWindow = (now: number): void => {
    this.tick = NO_EVENT;
    const walt = this.walt!;
    walt.advance(now, this.wasBusy, this.capacity);
    this.evaluate(now);
    if (this.wasBusy || walt.active)
      this.tick = this.simulator.at(walt.nextWindowNs, this.onWindow);
  };

  private evaluate(now: number): void {
    const domain = this.domain;
    const maxFrequency = domain.points.maxFrequency;
    const busy = domain.busy;
    const walt = this.walt;
    let utilization: number;
    let hispeedCapacity: number;
    if (walt === undefined) {
      utilization = domain.invariantUtilizationAt(now);
      if (busy) utilization = Math.max(utilization, this.utilEstLast, this.utilEstAverage);
      hispeedCapacity = domain.frequency / maxFrequency;
    } else {
      utilization = walt.previousLoad;
      hispeedCapacity = walt.previousCapacity;
    }
    if (domain.topAppRunnable) {
      utilization += (1 - utilization) * this.topAppBoost;
      if (utilization < this.topAppFloor) utilization = this.topAppFloor;
    }
    let target = this.headroom * utilization * maxFrequency;
    if (
      this.hispeedFrequency > 0 &&
      utilization >= this.hispeedLoad * hispeedCapacity &&
      target < this.hispeedFrequency
    )
      target = this.hispeedFrequency;
    // WALT's predicted load (`pl`) of the work now running.
    if (walt !== undefined && busy) {
      const predicted = this.headroom * walt.demand * maxFrequency;
      if (predicted > target) target = predicted;
    }
    const point = domain.points.lowestAtLeast(target);
    const current = domain.requestedPoint;
    const wait = point > current ? this.upNs : this.downNs;
    if (point !== current && now - this.lastChangeNs >= wait) {
      this.lastChangeNs = now;
      domain.request(now, point);
    }
    this.capacity = domain.frequency / maxFrequency;
  }
}
