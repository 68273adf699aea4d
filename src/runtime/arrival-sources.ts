import { type RandomStreams, type Simulator, secondsToNs } from "../core/index.ts";
import { makeArrivalProcess } from "../workload/arrivals.ts";
import type { WorkloadSpec } from "../workload/workload-schema.ts";
import type { Runtime } from "./runtime.ts";

/**
 * Feeds each app's requests to the runtime. An open process (periodic,
 * Poisson, bursty, trace) keeps one pending arrival event per app; a closed
 * loop issues its `outstanding` requests at time 0 and each next one
 * `think` after a request of the app completes or is dropped. A request
 * arriving at the end instant could not even start: it is not part of the run.
 */
export function startArrivals(
  simulator: Simulator,
  runtime: Runtime,
  workload: WorkloadSpec,
  streams: RandomStreams,
  traces: ReadonlyMap<string, readonly number[]>,
  endNs: number,
): void {
  const thinkNs: (number | undefined)[] = [];
  workload.apps.forEach((app, appIndex) => {
    const arrival = app.arrival;
    if (arrival.process === "closed") {
      thinkNs[appIndex] = secondsToNs(arrival.think);
      for (let issued = 0; issued < arrival.outstanding; issued++)
        simulator.at(0, () => runtime.arrive(appIndex));
      return;
    }
    const arrivals = makeArrivalProcess(
      arrival,
      streams.stream(`arrivals/${app.name}`),
      traces.get(app.name),
    );
    const onArrival = (): void => {
      runtime.arrive(appIndex);
      const next = arrivals.next();
      if (next < endNs) simulator.at(next, onArrival);
    };
    const first = arrivals.next();
    if (first < endNs) simulator.at(first, onArrival);
  });
  if (thinkNs.length === 0) return;
  const lastIssueNs = workload.apps.map(() => -1);
  const issuedThen = workload.apps.map(() => 0);
  runtime.onRequestEnded((appIndex) => {
    const think = thinkNs[appIndex];
    if (think === undefined) return;
    const next = simulator.now + think;
    if (next >= endNs) return;
    // With no think time, a request ended at once (a policy that drops every request) would be re-issued forever without time moving.
    if (next === lastIssueNs[appIndex]) {
      if (++issuedThen[appIndex]! > MAX_REISSUES_PER_INSTANT)
        throw new ClosedLoopSpinError(workload.apps[appIndex]!.name, next);
    } else {
      lastIssueNs[appIndex] = next;
      issuedThen[appIndex] = 0;
    }
    simulator.at(next, () => runtime.arrive(appIndex));
  });
}

/** Far more than any real loop ends at one instant; reached only when time has stopped moving. */
const MAX_REISSUES_PER_INSTANT = 100_000;

/** A closed loop whose requests all end in the instant they are issued: the run would never leave it. */
export class ClosedLoopSpinError extends Error {
  constructor(app: string, timeNs: number) {
    super(
      `closed loop of app ${app}: ${MAX_REISSUES_PER_INSTANT} requests ended at ${timeNs / 1e6} ms without time moving (think time 0, and every request dropped at once)`,
    );
  }
}
