import type { EventId } from "../../../core/event-queue.ts";
import { NS_PER_MS, NS_PER_US, secondsToNs } from "../../../core/time.ts";
import type { Governor, GovernorContext } from "./governor.ts";

/** Defaults when the SoC file gives the domain another governor (research digest §3). */
const DEFAULT_UP_RATE_LIMIT_NS = 500 * NS_PER_US;
const DEFAULT_DOWN_RATE_LIMIT_NS = 20 * NS_PER_MS;
const DEFAULT_HEADROOM = 1.25;
/** The scheduler tick (CONFIG_HZ = 250) at which a busy CPU's utilisation is re-read. */
const SCHEDULER_TICK_NS = 4 * NS_PER_MS;

/**
 * schedutil-like: target frequency = headroom × utilisation × f_max, where
 * utilisation is the frequency-invariant PELT average of the busiest core;
 * the lowest point reaching the target is asked for, at most once per
 * up (or down) rate limit. Re-evaluated on every load change and on the
 * scheduler tick while the cluster is busy; an idle cluster keeps its point
 * until it wakes (a real idle CPU calls no governor).
 */
export function schedutil(context: GovernorContext): Governor {
  const { simulator, domain, configured } = context;
  const settings =
    configured.kind === "schedutil"
      ? {
          up: secondsToNs(configured.up_rate_limit),
          down: secondsToNs(configured.down_rate_limit),
          headroom: configured.headroom,
        }
      : {
          up: DEFAULT_UP_RATE_LIMIT_NS,
          down: DEFAULT_DOWN_RATE_LIMIT_NS,
          headroom: DEFAULT_HEADROOM,
        };
  let lastChangeNs = Number.NEGATIVE_INFINITY;
  let tick: EventId = -1;

  const evaluate = (now: number): void => {
    const target =
      settings.headroom * domain.invariantUtilizationAt(now) * domain.points.maxFrequency;
    const point = domain.points.lowestAtLeast(target);
    const current = domain.requestedPoint;
    const wait = point > current ? settings.up : settings.down;
    if (point !== current && now - lastChangeNs >= wait) {
      lastChangeNs = now;
      domain.request(now, point);
    }
  };
  const onTick = (now: number): void => {
    tick = -1;
    evaluate(now);
    if (domain.busy) tick = simulator.at(now + SCHEDULER_TICK_NS, onTick);
  };
  domain.request(simulator.now, 0);
  return {
    loadChanged(now) {
      evaluate(now);
      if (domain.busy && tick < 0) tick = simulator.at(now + SCHEDULER_TICK_NS, onTick);
    },
    dispose() {
      if (tick >= 0) simulator.cancel(tick);
      tick = -1;
    },
  };
}
