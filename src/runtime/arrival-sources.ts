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
  runtime.onRequestEnded((appIndex) => {
    const think = thinkNs[appIndex];
    if (think === undefined) return;
    const next = simulator.now + think;
    if (next < endNs) simulator.at(next, () => runtime.arrive(appIndex));
  });
}
