import type { RandomStreams, Simulator } from "../core/index.ts";
import { busyPower, type Target, topOperatingPoints } from "../device/index.ts";
import type { ProcessorResult } from "../metrics/results.ts";
import type { TraceWriter } from "../metrics/trace-writer.ts";
import type { LoadedScenario } from "../scenario/load-scenario.ts";
import type { ProcessorState } from "../sched/view.ts";
import type { CompetingSpec } from "../workload/workload-schema.ts";
import type { DevicePort, Done, JobTag } from "./device-port.ts";
import type { TargetCatalog } from "./target-catalog.ts";

/**
 * Interim device behind the runtime's port, until the dynamic device lands:
 * every processor runs at its highest operating point, jobs hold whole
 * processors (a CPU cluster's cores are shared by thread count, first come
 * first served), a job's time is the op cost model's isolated latency, and
 * transfers are delays priced from the SoC's transfer costs.
 */
export interface DeviceStatistics {
  readonly processors: ProcessorResult[];
  readonly energyJ: number;
  readonly maxSkinTempC: number;
  /** Energy of the jobs of each app (J), for energy per inference. */
  readonly appEnergyJ: readonly number[];
}

export interface RunDevice extends DevicePort {
  /** A competing process: every period, a burst of duty × period busy time on its processor. */
  addCompetingLoad(load: CompetingSpec, endNs: number): void;
  resetStatistics(): void;
  statistics(): DeviceStatistics;
}

/** One job on one core lane (CPU) or queue (accelerator), from start to end. */
export interface Execution {
  readonly processor: string;
  readonly lane: number;
  readonly capacity: number;
  readonly startNs: number;
  readonly endNs: number;
  readonly tag: JobTag;
}

interface Job {
  readonly slots: readonly { processor: number; cores: number }[];
  readonly seconds: number;
  readonly watts: number;
  readonly appIndex: number;
  readonly tag: JobTag;
  readonly done: Done;
}

interface Processor {
  readonly id: string;
  readonly kind: string;
  readonly capacity: number;
  readonly frequencyHz: number;
  used: number;
  readonly lanes: boolean[];
  busyNs: number;
  energyJ: number;
  readonly waiting: Job[];
}

export function createDevicePort(
  simulator: Simulator,
  scenario: LoadedScenario,
  catalog: TargetCatalog,
  _streams: RandomStreams,
  trace: TraceWriter | undefined,
  onExecution?: (execution: Execution) => void,
): RunDevice {
  const { soc } = scenario;
  const ambient = scenario.spec.what_if.ambient;
  const appNames = scenario.workload.apps.map((app) => app.name);
  const processors: Processor[] = Object.entries(soc.processors).map(([id, spec]) => ({
    id,
    kind: spec.kind,
    capacity: spec.kind === "cpu" ? spec.cores : 1,
    frequencyHz: spec.operating_points.at(-1)!.freq,
    used: 0,
    lanes: [],
    busyNs: 0,
    energyJ: 0,
    waiting: [],
  }));
  const indexOf = new Map(processors.map((processor, index) => [processor.id, index]));
  const targetState = catalog.targets.map((target) => {
    const [frequencies, voltages] = topOperatingPoints(soc, target);
    return { target, frequencies, watts: busyPower(soc, target, frequencies, voltages, ambient) };
  });
  const appEnergyJ = appNames.map(() => 0);
  let windowStartNs = 0;
  let extraEnergyJ = 0;

  const slotsOf = (target: Target) =>
    target.domains.map((domain, index) => ({
      processor: indexOf.get(domain)!,
      cores: Math.min(target.threadsPerDomain[index]!, processors[indexOf.get(domain)!]!.capacity),
    }));

  const fits = (job: Job) =>
    job.slots.every(
      (slot) =>
        processors[slot.processor]!.used + slot.cores <= processors[slot.processor]!.capacity,
    );

  const powerCounter = (processor: Processor, timeNs: number, watts: number): void => {
    trace?.counter(processor.id, "power", timeNs, { watts });
  };

  /** Lowest free core lanes of a processor, so trace slices on one lane never overlap. */
  const takeLanes = (processor: Processor, cores: number): number[] => {
    const lanes: number[] = [];
    for (let lane = 0; lanes.length < cores; lane++) if (!processor.lanes[lane]) lanes.push(lane);
    for (const lane of lanes) processor.lanes[lane] = true;
    return lanes;
  };

  const start = (job: Job): void => {
    for (const slot of job.slots) processors[slot.processor]!.used += slot.cores;
    const lanes = job.slots.map((slot) => takeLanes(processors[slot.processor]!, slot.cores));
    const startNs = simulator.now;
    powerCounter(processors[job.slots[0]!.processor]!, startNs, job.watts);
    const durationNs = Math.max(1, Math.round(job.seconds * 1e9));
    simulator.after(durationNs, (endNs) => {
      job.slots.forEach((slot, index) => {
        const processor = processors[slot.processor]!;
        processor.used -= slot.cores;
        processor.busyNs +=
          ((endNs - Math.max(startNs, windowStartNs)) * slot.cores) / processor.capacity;
        for (const lane of lanes[index]!) {
          processor.lanes[lane] = false;
          trace?.slice(processor.id, lane, job.tag.name, startNs, endNs, {
            app: job.tag.app,
            request: job.tag.request,
          });
          onExecution?.({
            processor: processor.id,
            lane,
            capacity: processor.capacity,
            startNs,
            endNs,
            tag: job.tag,
          });
        }
      });
      const energy = (job.watts * Math.max(0, endNs - Math.max(startNs, windowStartNs))) / 1e9;
      processors[job.slots[0]!.processor]!.energyJ += energy;
      if (job.appIndex >= 0) appEnergyJ[job.appIndex]! += energy;
      powerCounter(processors[job.slots[0]!.processor]!, endNs, 0);
      for (const slot of job.slots) drain(processors[slot.processor]!);
      job.done(endNs);
    });
  };

  const drain = (processor: Processor): void => {
    // First come, first served: a job that does not fit blocks those behind it.
    while (processor.waiting.length > 0 && fits(processor.waiting[0]!)) {
      const job = processor.waiting.shift()!;
      for (const slot of job.slots) {
        const other = processors[slot.processor]!;
        if (other !== processor) other.waiting.splice(other.waiting.indexOf(job), 1);
      }
      start(job);
    }
  };

  const submit = (job: Job): void => {
    const queued = job.slots.some((slot) => processors[slot.processor]!.waiting.length > 0);
    if (!queued && fits(job)) start(job);
    else for (const slot of job.slots) processors[slot.processor]!.waiting.push(job);
  };

  const transferSeconds = (from: string, to: string, bytes: number): number => {
    const accelerator = from.startsWith("cpu") ? to : from;
    const cost = soc.transfers[accelerator];
    if (from === to || cost === undefined || (from.startsWith("cpu") && to.startsWith("cpu")))
      return 0;
    return cost.sync + bytes / cost.copy_bandwidth;
  };

  return {
    runOp(target, appIndex, opId, share, tag, done) {
      const index = catalog.indexOf(target);
      const cycles = catalog.opCycles(appIndex, opId, index)!;
      const state = targetState[index]!;
      const seconds = catalog.isolatedOpSeconds(appIndex, opId, target) * share;
      if (cycles.bytes === 0 && seconds === 0) {
        simulator.after(0, done);
        return;
      }
      submit({ slots: slotsOf(state.target), seconds, watts: state.watts, appIndex, tag, done });
    },
    transfer(from, to, bytes, _tag, done) {
      const seconds = transferSeconds(from, to, bytes);
      extraEnergyJ += seconds * soc.power.uncore_active;
      simulator.after(Math.round(seconds * 1e9), done);
    },
    runFixedWork(processor, nominalSeconds, tag, done) {
      const index = indexOf.get(processor);
      if (index === undefined) throw new Error(`${soc.id} has no processor "${processor}"`);
      const watts = targetState.find((state) => state.target.domains[0] === processor)?.watts ?? 0;
      const perCore =
        processors[index]!.kind === "cpu" ? watts / processors[index]!.capacity : watts;
      submit({
        slots: [{ processor: index, cores: 1 }],
        seconds: nominalSeconds,
        watts: perCore,
        appIndex: -1,
        tag,
        done,
      });
    },
    addCompetingLoad(load, endNs) {
      const index = indexOf.get(load.processor);
      if (index === undefined)
        throw new Error(
          `competing process ${load.name}: ${soc.id} has no processor "${load.processor}"`,
        );
      const periodNs = Math.round(load.period * 1e9);
      const tag = { app: load.name, request: -1, name: load.name, op: -1 };
      const cores = Math.min(load.threads, processors[index]!.capacity);
      const burst = (): void => {
        submit({
          slots: [{ processor: index, cores }],
          seconds: load.duty_cycle * load.period,
          watts: 0,
          appIndex: -1,
          tag,
          done: () => {},
        });
        if (simulator.now + periodNs <= endNs) simulator.after(periodNs, burst);
      };
      simulator.at(0, burst);
    },
    processorStates(): ProcessorState[] {
      return processors.map((processor) => ({
        id: processor.id,
        kind: processor.kind,
        frequencyHz: processor.frequencyHz,
        temperatureC: ambient,
        queueLength: processor.waiting.length + (processor.used > 0 ? 1 : 0),
        busy: processor.used > 0,
      }));
    },
    resetStatistics() {
      windowStartNs = simulator.now;
      for (const processor of processors) {
        processor.busyNs = 0;
        processor.energyJ = 0;
      }
      appEnergyJ.fill(0);
      extraEnergyJ = 0;
    },
    statistics(): DeviceStatistics {
      const windowNs = Math.max(1, simulator.now - windowStartNs);
      const results = processors.map((processor) => ({
        id: processor.id,
        kind: processor.kind,
        utilization: processor.busyNs / windowNs,
        busy_s: processor.busyNs / 1e9,
        energy_j: processor.energyJ,
        mean_freq_hz: processor.frequencyHz,
        max_temp_c: ambient,
        throttled_s: 0,
      }));
      const idle = soc.power.platform_idle * (windowNs / 1e9);
      const energyJ = results.reduce((sum, p) => sum + p.energy_j, 0) + extraEnergyJ + idle;
      return { processors: results, energyJ, maxSkinTempC: ambient, appEnergyJ };
    },
  };
}
