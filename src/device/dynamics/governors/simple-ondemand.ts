import type { EventId } from "../../../core/event-queue.ts";
import { NS_PER_MS, secondsToNs } from "../../../core/time.ts";
import type { Governor, GovernorContext } from "./governor.ts";

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
 * next job (a deferrable timer on an idle device does not fire).
 */
export function simpleOndemand(context: GovernorContext): Governor {
  const { simulator, domain, configured } = context;
  const settings =
    configured.kind === "simple_ondemand"
      ? {
          polling: secondsToNs(configured.polling_interval),
          up: configured.up_threshold,
          down: configured.down_differential,
        }
      : configured.kind === "bw_hwmon"
        ? {
            polling: secondsToNs(configured.polling_interval),
            up: DEFAULT_UP_THRESHOLD,
            down: DEFAULT_DOWN_DIFFERENTIAL,
          }
        : {
            polling: DEFAULT_POLLING_NS,
            up: DEFAULT_UP_THRESHOLD,
            down: DEFAULT_DOWN_DIFFERENTIAL,
          };
  let poll: EventId = -1;
  let windowStartNs = simulator.now;
  let busyAtWindowStart = domain.busyNsAt(simulator.now);

  const onPoll = (now: number): void => {
    poll = -1;
    const busyNs = domain.busyNsAt(now);
    const load = (100 * (busyNs - busyAtWindowStart)) / (now - windowStartNs);
    windowStartNs = now;
    busyAtWindowStart = busyNs;
    let point = domain.requestedPoint;
    if (load > settings.up) point = domain.points.top;
    else if (load <= settings.up - settings.down)
      point = domain.points.lowestAtLeast(
        (domain.frequency * load) / (settings.up - settings.down / 2),
      );
    if (point !== domain.requestedPoint) domain.request(now, point);
    if (domain.busy || domain.requestedPoint > 0)
      poll = simulator.at(now + settings.polling, onPoll);
  };
  const startPolling = (now: number): void => {
    if (poll >= 0) return;
    windowStartNs = now;
    busyAtWindowStart = domain.busyNsAt(now);
    poll = simulator.at(now + settings.polling, onPoll);
  };
  domain.request(simulator.now, 0);
  return {
    loadChanged(now) {
      if (domain.busy) startPolling(now);
    },
    dispose() {
      if (poll >= 0) simulator.cancel(poll);
      poll = -1;
    },
  };
}
