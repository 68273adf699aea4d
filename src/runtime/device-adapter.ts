import type { RandomStreams, Simulator } from "../core/index.ts";
import {
  createDevice,
  type Device,
  type DeviceListener,
  deviceOptionsFromWhatIf,
  type ModelCosts,
} from "../device/index.ts";
import type { ProcessorResult } from "../metrics/results.ts";
import type { TraceWriter } from "../metrics/trace-writer.ts";
import type { LoadedScenario } from "../scenario/load-scenario.ts";
import type { ProcessorState } from "../sched/view.ts";
import type { CompetingSpec } from "../workload/workload-schema.ts";
import type { DevicePort, JobTag, OpRunner } from "./device-port.ts";

/**
 * The runtime's port onto the simulated device: ops become fluid jobs,
 * crossings become transfers, UI frames and scheduler decisions become busy
 * work; the device's trace events and counters go to the trace writer.
 */
export interface DeviceStatistics {
  readonly processors: ProcessorResult[];
  readonly energyJ: number;
  readonly maxSkinTempC: number;
  /**
   * Energy attributed to each app (J): the device's total split by the work
   * each app asked for (its ops' isolated core-seconds), since fluid jobs
   * that share cores and the bus have no separable energy of their own.
   */
  readonly appEnergyJ: readonly number[];
}

export interface RunDevice extends DevicePort {
  addCompetingLoad(load: CompetingSpec): void;
  resetStatistics(): void;
  statistics(): DeviceStatistics;
}

/** One job on one core lane (CPU) or queue (accelerator), from start to end. */
export interface Execution {
  readonly processor: string;
  readonly lane: number;
  /** Jobs the processor may run at once; Infinity for a CPU cluster, whose cores CFS time-shares. */
  readonly capacity: number;
  readonly startNs: number;
  readonly endNs: number;
  readonly tag: JobTag;
  /** A copy between memory spaces (shown on an accelerator's transfer track), not a kernel. */
  readonly transfer: boolean;
}

/** The device shows an accelerator's kernels on track 0, its transfers on tracks 1 and up (one per concurrent copy). */
const ACCELERATOR_TRANSFER_TRACK = 1;

const COUNTER_INTERVAL_NS = 10_000_000;

export function createDevicePort(
  simulator: Simulator,
  scenario: LoadedScenario,
  streams: RandomStreams,
  trace: TraceWriter | undefined,
  onExecution?: (execution: Execution) => void,
): RunDevice {
  const { soc, spec } = scenario;
  const device: Device<JobTag> = createDevice<JobTag>(
    simulator,
    soc,
    deviceOptionsFromWhatIf(spec.what_if, {
      framework: spec.framework ?? soc.default_framework,
      thermalTickNs: Math.round(spec.thermal_tick * 1e9),
      random: streams,
      recycleJobs: true,
    }),
  );
  const costs: ModelCosts[] = scenario.graphs.map((graph) => device.costs(graph));
  const appWork = scenario.workload.apps.map(() => 0);
  // Per app, per target: an op's isolated core-seconds (latency × threads), the weight its energy share is split by.
  const targetIndex = new Map(device.targetIds.map((id, index) => [id, index]));
  const opWeights = scenario.graphs.map((graph) =>
    device.targetIds.map(() => new Float64Array(graph.ops.length).fill(Number.NaN)),
  );
  const cpuCluster = device.target("cpu").domains[0]!;
  let windowStartNs = 0;

  if (trace !== undefined || onExecution !== undefined)
    device.addListener(traceListener(device, trace, onExecution), {
      counterIntervalNs: COUNTER_INTERVAL_NS,
    });

  const runners = scenario.graphs.map(() => new Map<string, OpRunner>());
  const opRunner = (appIndex: number, target: string): OpRunner => {
    const submitter = device.opSubmitter(scenario.graphs[appIndex]!, target);
    const cycles = costs[appIndex]!;
    const weights = opWeights[appIndex]![targetIndex.get(target)!]!;
    const threads = device.target(target).threads;
    return {
      run(opId, share, tag, done) {
        if (simulator.now >= windowStartNs) {
          let weight = weights[opId]!;
          if (Number.isNaN(weight)) {
            weight = device.isolatedSeconds(target, cycles.cycles(opId, target)) * threads;
            weights[opId] = weight;
          }
          appWork[appIndex]! += weight * share;
        }
        submitter.submit(opId, share, tag, done);
      },
    };
  };

  return {
    opRunner(appIndex, target) {
      const known = runners[appIndex]!;
      let runner = known.get(target);
      if (runner === undefined) {
        runner = opRunner(appIndex, target);
        known.set(target, runner);
      }
      return runner;
    },
    transfer(from, to, bytes, tag, done) {
      device.submitTransfer({ from, to, bytes, tag, onDone: done });
    },
    runFixedWork(processor, nominalSeconds, tag, done, nice = 0) {
      const id = processor === "cpu" ? cpuCluster : processor;
      device.submitBusy({ processor: id, nominalSeconds, nice, tag, onDone: done });
    },
    addCompetingLoad(load) {
      device.addCompetingLoad({
        name: load.name,
        processor: load.processor,
        threads: load.threads,
        dutyCycle: load.duty_cycle,
        periodSeconds: load.period,
        footprintBytes: load.footprint,
        bandwidth: load.bandwidth,
        nice: load.nice,
      });
    },
    processorStates(): readonly ProcessorState[] {
      // The device's monitors are live views with every field a policy may read: no copy per decision.
      return device.monitor.processors;
    },
    resetStatistics() {
      windowStartNs = simulator.now;
      appWork.fill(0);
      device.resetStatistics();
    },
    statistics(): DeviceStatistics {
      const stats = device.statistics();
      const workTotal = appWork.reduce((a, b) => a + b, 0);
      return {
        processors: stats.processors.map((p) => ({ ...p })),
        energyJ: stats.energy_j,
        maxSkinTempC: stats.max_skin_temp_c,
        appEnergyJ: appWork.map((work) =>
          workTotal > 0 ? (stats.energy_j * work) / workTotal : 0,
        ),
      };
    },
  };
}

/** Trace slices per core lane or queue, counters for frequency, temperature and power. */
function traceListener(
  device: Device<JobTag>,
  trace: TraceWriter | undefined,
  onExecution: ((execution: Execution) => void) | undefined,
): DeviceListener<JobTag> {
  const capacity = new Map(
    device.processorIds.map((id) => [id, id.startsWith("cpu") ? Number.POSITIVE_INFINITY : 1]),
  );
  return {
    jobEnded(event) {
      const name = event.competingLoad ?? "competing";
      const tag = event.tag ?? { app: name, request: -1, name, op: -1 };
      trace?.slice(event.processor, event.track, tag.name, event.startNs, event.timeNs, tag);
      if (onExecution === undefined) return;
      const queue = capacity.get(event.processor) === 1;
      onExecution({
        processor: event.processor,
        lane: event.track,
        capacity: capacity.get(event.processor) ?? 1,
        startNs: event.startNs,
        endNs: event.timeNs,
        // A slice reuses its tag for its next op, so whoever keeps an execution gets a copy.
        tag: { ...tag },
        transfer: queue && event.track >= ACCELERATOR_TRANSFER_TRACK,
      });
    },
    counters(sample) {
      if (trace === undefined) return;
      for (const p of sample.processors) {
        trace.counter(p.id, "frequency", sample.timeNs, "mhz", p.frequencyHz / 1e6);
        trace.counter(p.id, "temperature", sample.timeNs, "celsius", p.temperatureC);
        trace.counter(p.id, "power", sample.timeNs, "watts", p.powerW);
      }
    },
  };
}
