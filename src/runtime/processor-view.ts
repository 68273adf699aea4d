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
 */
export class ProcessorViews {
  private readonly families: readonly string[];
  /** Per processor, the trip temperatures of its own sensor, rising. */
  private readonly trips: readonly (readonly number[])[];
  private readonly busy: BusyHistory[];

  constructor(
    soc: SocSpec,
    private readonly monitors: readonly ProcessorMonitor[],
    readonly books: readonly PolicyJobBooks[],
    windowNs: number,
  ) {
    this.families = monitors.map((m) => soc.processors[m.id]?.microarchitecture ?? m.kind);
    // Each processor's sensor is the thermal node of its own id; trips on other nodes (skin) cap it
    // too, but their temperatures are not the processor's, so they are no "next trip" of it.
    this.trips = monitors.map((m) =>
      soc.thermal.trips
        .filter((trip) => trip.processor === m.id && trip.node === m.id)
        .map((trip) => trip.above)
        .sort((a, b) => a - b),
    );
    this.busy = monitors.map(() => new BusyHistory(windowNs));
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
        busyFraction: this.busy[index]!.fraction(nowNs, m.busyNs),
        queueLength: m.queueLength,
        busy: m.busy,
        policyJobs: books.jobs,
        predictedDrainNs: books.drainNs(nowNs),
      });
    }
    return states;
  }
}

/**
 * A processor's busy share over the last `windowNs`, from its cumulative
 * busy time read at each view: the busy time at the window's start is
 * interpolated between the two readings around it (exact when the processor
 * did not change state between them), and the run's start reads 0 busy.
 */
class BusyHistory {
  private times = [0];
  private busy = [0];

  constructor(private readonly windowNs: number) {}

  fraction(nowNs: number, busyNs: number): number {
    const from = Math.max(0, nowNs - this.windowNs);
    // Keep one reading at or before the window's start, and every one after it.
    let keep = 0;
    while (keep + 1 < this.times.length && this.times[keep + 1]! <= from) keep++;
    if (keep > 0) {
      this.times = this.times.slice(keep);
      this.busy = this.busy.slice(keep);
    }
    if (nowNs > this.times[this.times.length - 1]!) {
      this.times.push(nowNs);
      this.busy.push(busyNs);
    }
    if (nowNs === from) return 0;
    const t0 = this.times[0]!;
    const t1 = this.times[1] ?? nowNs;
    const b0 = this.busy[0]!;
    const b1 = this.busy[1] ?? busyNs;
    const busyAtFrom = t1 === t0 ? b0 : b0 + ((b1 - b0) * (from - t0)) / (t1 - t0);
    return Math.min(1, Math.max(0, (busyNs - busyAtFrom) / (nowNs - from)));
  }
}
