import { type EventId, NO_EVENT } from "../../../core/event-queue.ts";
import type { Simulator } from "../../../core/simulator.ts";
import { NS_PER_MS, secondsToNs } from "../../../core/time.ts";
import type { GovernedDomain, Governor, GovernorContext } from "./governor.ts";

/** Defaults when the SoC file gives the domain another governor (research digest §3: KGSL, Linux DFSO_*). */
const DEFAULT_POLLING_NS = 10 * NS_PER_MS;
const DEFAULT_UP_THRESHOLD = 90;
const DEFAULT_DOWN_DIFFERENTIAL = 5;

/**
 * devfreq simple_ondemand-like: every polling interval, the busy share of
 * the last interval decides: above the up-threshold, the top point; within
 * the down-differential below it, no change; otherwise the lowest point
 * reaching f_cur × busy ÷ (up-threshold − down-differential ÷ 2). Polling
 * stops once the domain is idle at its lowest point and restarts with the
 * next job (a deferrable timer on an idle device does not fire). A minimum
 * lock (`min_freq`) is a floor under every request.
 */
export function simpleOndemand(context: GovernorContext): Governor {
  return new SimpleOndemand(context);
}

class SimpleOndemand implements Governor {
  private readonly simulator: Simulator;
  private readonly domain: GovernedDomain;
  private readonly pollingNs: number;
  private readonly upThreshold: number;
  private readonly downDifferential: number;
  /** The lowest point the governor asks for (a driver's minimum lock); 0 without one. */
  private readonly floor: number;
  private poll: EventId = NO_EVENT;
  private windowStartNs: number;
  private busyAtWindowStart: number;

  constructor(context: GovernorContext) {
    const { simulator, domain, configured } = context;
    this.simulator = simulator;
    this.domain = domain;
    if (configured.kind === "simple_ondemand") {
      this.pollingNs = secondsToNs(configured.polling_interval);
      this.upThreshold = configured.up_threshold;
      this.downDifferential = configured.down_differential;
      this.floor =
        configured.min_freq === undefined ? 0 : domain.points.lowestAtLeast(configured.min_freq);
    } else {
      this.floor = 0;
      this.pollingNs =
        configured.kind === "bw_hwmon"
          ? secondsToNs(configured.polling_interval)
          : DEFAULT_POLLING_NS;
      this.upThreshold = DEFAULT_UP_THRESHOLD;
      this.downDifferential = DEFAULT_DOWN_DIFFERENTIAL;
    }
    this.windowStartNs = simulator.now;
    this.busyAtWindowStart = domain.busyNsAt(simulator.now);
    domain.request(simulator.now, this.floor);
  }

  loadChanged(now: number): void {
    if (this.domain.busy && this.poll < 0) {
      this.windowStartNs = now;
      this.busyAtWindowStart = this.domain.busyNsAt(now);
      this.poll = this.simulator.at(now + this.pollingNs, this.onPoll);
    }
  }

  dispose(): void {
    if (this.poll >= 0) this.simulator.cancel(this.poll);
    this.poll = NO_EVENT;
  }

  private readonly onPoll = (now: number): void => {
    this.poll = NO_EVENT;
    const domain = this.domain;
    const busyNs = domain.busyNsAt(now);
    const load = (100 * (busyNs - this.busyAtWindowStart)) / (now - this.windowStartNs);
    this.windowStartNs = now;
    this.busyAtWindowStart = busyNs;
    const up = this.upThreshold;
    const down = this.downDifferential;
    let point = domain.requestedPoint;
    if (load > up) point = domain.points.top;
    else if (load <= up - down)
      point = domain.points.lowestAtLeast((domain.frequency * load) / (up - down / 2));
    if (point < this.floor) point = this.floor;
    if (point !== domain.requestedPoint) domain.request(now, point);
    if (domain.busy || domain.requestedPoint > this.floor)
      this.poll = this.simulator.at(now + this.pollingNs, this.onPoll);
  };
}
