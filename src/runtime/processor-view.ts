import type { ProcessorMonitor, SocSpec } from "../device/index.ts";
import type { ProcessorState } from "../sched/view.ts";

/**
 * The runtime's own books of a policy's jobs on one processor: how many it
 * has there and their predicted time (runtime profile), counted from when
 * the processor last took one of them with none of them left before.
 */
export class PolicyJobBooks {
  jobs = 0;
  predictedNs = 0;
  sinceNs = 0;

  add(predictedNs: number, nowNs: number): void {
    if (this.jobs++ === 0) this.sinceNs = nowNs;
    this.predictedNs += predictedNs;
  }

  /** A job ended: what remains is predicted from now on. */
  remove(predictedNs: number, nowNs: number): void {
    this.jobs--;
    this.predictedNs = this.jobs === 0 ? 0 : Math.max(0, this.predictedNs - predictedNs);
    this.sinceNs = nowNs;
  }

  drainNs(nowNs: number): number {
    return this.jobs === 0 ? 0 : Math.max(0, this.predictedNs - (nowNs - this.sinceNs));
  }
}

/**
 * Builds each call's plain-data copy of the processors: the device monitor's
 * readings, the SoC's static facts (family, trips), and the runtime's books.
 * The busy fraction is the device monitor's recent average (see
 * docs/scheduling.md: the policy's own window awaits the device layer).
 */
export class ProcessorViews {
  private readonly families: readonly string[];
  /** Per processor, its trip temperatures, rising. */
  private readonly trips: readonly (readonly number[])[];

  constructor(
    soc: SocSpec,
    private readonly monitors: readonly ProcessorMonitor[],
    readonly books: readonly PolicyJobBooks[],
  ) {
    this.families = monitors.map((m) => soc.processors[m.id]?.microarchitecture ?? m.kind);
    this.trips = monitors.map((m) =>
      soc.thermal.trips
        .filter((trip) => trip.processor === m.id)
        .map((trip) => trip.above)
        .sort((a, b) => a - b),
    );
  }

  indexOf(processor: string): number {
    return this.monitors.findIndex((m) => m.id === processor);
  }

  snapshot(nowNs: number): ProcessorState[] {
    const states: ProcessorState[] = [];
    for (let index = 0; index < this.monitors.length; index++) {
      const m = this.monitors[index]!;
      const books = this.books[index]!;
      const temperatureC = m.temperatureC;
      states.push({
        id: m.id,
        kind: m.kind,
        family: this.families[index]!,
        frequencyHz: m.frequencyHz,
        maxFrequencyHz: m.maxFrequencyHz,
        thermalCapHz: m.capFrequencyHz,
        temperatureC,
        nextTripC: this.trips[index]!.find((above) => above > temperatureC) ?? null,
        busyFraction: m.utilization,
        queueLength: m.queueLength,
        busy: m.busy,
        policyJobs: books.jobs,
        predictedDrainNs: books.drainNs(nowNs),
      });
    }
    return states;
  }
}
