import type { SimulatedDevice } from "./device.ts";

/** One broken invariant, with when and what. */
export interface InvariantViolation {
  readonly invariant: string;
  readonly timeNs: number;
  readonly detail: string;
}

/** Collects violations from the checkers attached to one device. */
export class InvariantLog {
  readonly violations: InvariantViolation[] = [];

  report(invariant: string, timeNs: number, detail: string): void {
    // A broken device breaks an invariant at every event: the first few say enough.
    if (this.violations.length < 100) this.violations.push({ invariant, timeNs, detail });
  }

  of(invariant: string): InvariantViolation[] {
    return this.violations.filter((violation) => violation.invariant === invariant);
  }
}

const SLACK = 1e-9;

/**
 * No processor runs more than it has at any instant: the core shares of a
 * CPU cluster's running threads sum to at most its cores; an accelerator
 * runs at most one job; the DRAM allocations sum to at most the bus.
 * Checked from the jobs, not from the processors' own counters.
 */
export function checkCapacity(device: SimulatedDevice<unknown>, log: InvariantLog): void {
  const used = new Float64Array(device.processors.length);
  device.observe({
    afterChange(now) {
      used.fill(0);
      let dram = 0;
      for (const job of device.jobs.running) {
        const { domains, threads } = job.cost;
        for (let domain = 0; domain < domains.length; domain++) {
          const processor = device.processors[domains[domain]!]!;
          used[processor.index]! +=
            processor.kind === "cpu" ? threads[domain]! * processor.shareOf(job.cost.weight) : 1;
        }
        dram += job.dramAllocation;
      }
      for (const processor of device.processors) {
        const capacity = processor.kind === "cpu" ? processor.cores : 1;
        if (used[processor.index]! > capacity * (1 + SLACK))
          log.report(
            "capacity",
            now,
            `${processor.id} runs ${used[processor.index]} of ${capacity} ${processor.kind === "cpu" ? "cores" : "kernel slots"}`,
          );
      }
      if (dram > device.contention.capacity * (1 + SLACK))
        log.report("capacity", now, `DRAM grants ${dram} B/s of ${device.contention.capacity}`);
    },
  });
}

/** A job's completed work equals its total work when it completes, whatever its rate did. */
export function checkWorkConservation(device: SimulatedDevice<unknown>, log: InvariantLog): void {
  device.observe({
    jobCompleted(job, completedWork) {
      // Finish times are whole nanoseconds: the last one may overshoot by a nanosecond's work.
      const tolerance = 1e-9 + (Number.isFinite(job.rate) ? job.rate * 2e-9 : 0);
      if (Math.abs(completedWork - 1) > tolerance)
        log.report(
          "work",
          job.endNs,
          `job ${job.id} completed ${completedWork} of its work (rate ${job.rate}/s)`,
        );
    },
  });
}

/**
 * Energy is non-negative and additive: no power is negative, no meter
 * falls, and the processors' energies never add up to more than the total.
 */
export function checkEnergy(device: SimulatedDevice<unknown>, log: InvariantLog): void {
  const last = new Float64Array(device.processors.length);
  device.observe({
    afterChange(now) {
      for (const processor of device.processors) {
        if (processor.powerW < 0)
          log.report("energy", now, `${processor.id} draws ${processor.powerW} W`);
        if (processor.energyJ < last[processor.index]! - SLACK)
          log.report("energy", now, `${processor.id}'s energy fell to ${processor.energyJ} J`);
        last[processor.index] = processor.energyJ;
      }
      for (const job of device.jobs.running)
        if (job.powerW < 0 || job.energyJ < 0)
          log.report("energy", now, `job ${job.id} at ${job.powerW} W, ${job.energyJ} J`);
    },
    thermalStepped(now) {
      const statistics = device.statistics();
      let sum = 0;
      for (const processor of statistics.processors) sum += processor.energy_j;
      if (statistics.energy_j < 0 || sum > statistics.energy_j + SLACK)
        log.report("energy", now, `processors ${sum} J of a total ${statistics.energy_j} J`);
    },
  });
}

/**
 * Every free node stays between ambient and the steady state of the highest
 * power applied so far (node by node): the network is cooperative, so that
 * steady state bounds every trajectory that starts at ambient. A network
 * that starts warmer (initial temperatures, preheat) may add at most its
 * largest excess over the unpowered steady state: exp(A·t) is non-negative
 * with rows summing to at most 1, so a start decays without amplifying.
 */
export function checkTemperatureBounds(device: SimulatedDevice<unknown>, log: InvariantLog): void {
  const network = device.network;
  const highest = new Float64Array(network.nodeIds.length);
  const start = Float64Array.from(network.temperatures);
  const unpowered = network.steadyState(highest);
  let startExcess = 0;
  for (let node = 0; node < start.length; node++)
    if (!network.held[node]) startExcess = Math.max(startExcess, start[node]! - unpowered[node]!);
  let bound = network.steadyState(highest);
  device.observe({
    thermalStepped(now, powers) {
      let raised = false;
      for (let node = 0; node < powers.length; node++) {
        if (powers[node]! > highest[node]!) {
          highest[node] = powers[node]!;
          raised = true;
        }
      }
      if (raised) bound = network.steadyState(highest);
      const temperatures = network.temperatures;
      for (let node = 0; node < temperatures.length; node++) {
        const ceiling = bound[node]! + startExcess + 1e-6;
        const floor = Math.min(network.ambientC, start[node]!) - 1e-6;
        const celsius = temperatures[node]!;
        if (celsius > ceiling || celsius < floor)
          log.report(
            "temperature",
            now,
            `${network.nodeIds[node]} at ${celsius} °C, outside [${floor}, ${ceiling}]`,
          );
      }
    },
  });
}

/** The operating point in use is never above the thermal cap. */
export function checkThermalCap(device: SimulatedDevice<unknown>, log: InvariantLog): void {
  device.observe({
    afterChange(now) {
      for (const processor of device.processors)
        if (processor.point > processor.capPoint)
          log.report(
            "thermal-cap",
            now,
            `${processor.id} at point ${processor.point}, above its cap ${processor.capPoint}`,
          );
    },
  });
}

/** Every device checker at once. */
export function checkDevice(device: SimulatedDevice<unknown>): InvariantLog {
  const log = new InvariantLog();
  checkCapacity(device, log);
  checkWorkConservation(device, log);
  checkEnergy(device, log);
  checkTemperatureBounds(device, log);
  checkThermalCap(device, log);
  return log;
}

/** The same inputs give the same result: runs `run` twice and compares the results as JSON. */
export function checkDeterminism(run: () => unknown): InvariantViolation | undefined {
  const first = JSON.stringify(run());
  const second = JSON.stringify(run());
  if (first === second) return undefined;
  let at = 0;
  while (at < first.length && first[at] === second[at]) at++;
  return {
    invariant: "determinism",
    timeNs: Number.NaN,
    detail: `two runs differ from character ${at}: …${first.slice(at, at + 40)}… vs …${second.slice(at, at + 40)}…`,
  };
}
