import type { RandomStreams, Simulator } from "../core/index.ts";
import {
  cpuTargetId,
  createDevice,
  type Device,
  type DeviceListener,
  deviceOptionsFromWhatIf,
  type EnergySink,
  type ModelCosts,
  type OpSubmitter,
  type ProcessorMonitor,
  TRANSFER_TRACK,
} from "../device/index.ts";
import type { DType } from "../graph/index.ts";
import type { ProcessorResult } from "../metrics/results.ts";
import type { RunSeriesRecorder } from "../metrics/run-series.ts";
import type { TraceWriter } from "../metrics/trace-writer.ts";
import { type CompetingSpec, foregroundApps } from "../workload/workload-schema.ts";
import type { DevicePort, Done, JobTag, OpRunner } from "./device-port.ts";
import type { RunScenario } from "./run-spec.ts";
import { SliceRunner, type UnitSliceSpec } from "./slice-runner.ts";

/**
 * The runtime's port onto the simulated device: ops become fluid jobs,
 * crossings become transfers, UI frames and scheduler decisions become busy
 * work; the device's trace events and counters go to the trace writer.
 */
export interface DeviceStatistics {
  readonly processors: ProcessorResult[];
  readonly energyJ: number;
  readonly maxSkinTempC: number;
  /** Heat the what-if's held nodes supplied, apart from device energy. */
  readonly externalHeatJ: number;
  /** What the processors' idle cores drew: charged to no job. */
  readonly idleJ: number;
  /** The uncore and the platform floor: charged to no job. */
  readonly platformJ: number;
}

export interface RunDevice extends DevicePort {
  addCompetingLoad(load: CompetingSpec): void;
  /** Where each job's energy goes (see Device.chargeEnergyTo). */
  chargeEnergyTo(sink: EnergySink<JobTag>): void;
  /** The window's statistics; the running jobs' energy so far is charged first. */
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

const COUNTER_INTERVAL_NS = 10_000_000;

export function createDevicePort(
  simulator: Simulator,
  scenario: RunScenario,
  streams: RandomStreams,
  trace: TraceWriter | undefined,
  onExecution?: (execution: Execution) => void,
  series?: RunSeriesRecorder,
): RunDevice {
  return new SimulatedDevicePort(simulator, scenario, streams, trace, onExecution, series);
}

/**
 * The port and its op runners are classes rather than literals of closures:
 * every run then calls the same methods, and the JIT's code from one run
 * (or one policy of a comparison) still fits the next.
 */
class SimulatedDevicePort implements RunDevice {
  private readonly device: Device<JobTag>;
  private readonly costs: ModelCosts[];
  private readonly cpuCluster: string;
  /** Per app: the device target its `cpu` work runs on (the framework's, or `cpu:N` for its `threads:`). */
  private readonly cpuTargets: readonly string[];
  private readonly runners: Map<string, OpRunner>[];
  /** Per app: slice runners by target, axis, shares, dtype and unit ops, each priced once. */
  private readonly sliceRunners: Map<string, OpRunner>[];
  /** Per app: in Android's top-app group (the foreground app). */
  private readonly foreground: readonly boolean[];
  /** Names of the foreground apps: their transfers' host thread is top-app too. */
  private readonly foregroundNames: ReadonlySet<string>;

  constructor(
    readonly simulator: Simulator,
    private readonly scenario: RunScenario,
    streams: RandomStreams,
    trace: TraceWriter | undefined,
    onExecution: ((execution: Execution) => void) | undefined,
    series: RunSeriesRecorder | undefined,
  ) {
    const { soc, spec } = scenario;
    const framework = spec.framework ?? soc.default_framework;
    const threads = scenario.workload.apps.map((app) => app.threads);
    const device: Device<JobTag> = createDevice<JobTag>(
      simulator,
      soc,
      deviceOptionsFromWhatIf(spec.what_if, {
        framework,
        thermalTickNs: Math.round(spec.thermal_tick * 1e9),
        random: streams,
        recycleJobs: true,
        cpuThreadCounts: threads.filter((count) => count !== undefined),
      }),
    );
    this.device = device;
    this.cpuTargets = threads.map((count) => cpuTargetId(soc, framework, count));
    this.costs = scenario.graphs.map((graph) => device.costs(graph));
    this.cpuCluster = device.target("cpu").domains[0]!;
    this.runners = scenario.graphs.map(() => new Map<string, OpRunner>());
    this.sliceRunners = scenario.graphs.map(() => new Map<string, OpRunner>());
    this.foreground = foregroundApps(scenario.workload.apps);
    this.foregroundNames = new Set(
      scenario.workload.apps.filter((_, index) => this.foreground[index]).map((app) => app.name),
    );
    if (trace !== undefined || onExecution !== undefined)
      device.addListener(traceListener(device, trace, onExecution), {
        counterIntervalNs: COUNTER_INTERVAL_NS,
      });
    if (series !== undefined)
      device.addListener(seriesListener(series), { counterIntervalNs: series.counterIntervalNs });
  }

  /** The device target of an app's work on `target`: its own CPU target for `cpu`. */
  private deviceTarget(appIndex: number, target: string): string {
    return target === "cpu" ? this.cpuTargets[appIndex]! : target;
  }

  opRunner(appIndex: number, target: string): OpRunner {
    const known = this.runners[appIndex]!;
    let runner = known.get(target);
    if (runner === undefined) {
      runner = new TargetOpRunner(
        this.device.opSubmitter(
          this.scenario.graphs[appIndex]!,
          this.deviceTarget(appIndex, target),
          this.foreground[appIndex],
        ),
      );
      known.set(target, runner);
    }
    return runner;
  }

  sliceRunner(appIndex: number, slice: UnitSliceSpec): OpRunner {
    const key = `${slice.target}|${slice.axis}|${slice.shares[0]}|${slice.shares[1]}|${slice.dtype ?? ""}|${slice.ops.join(",")}`;
    const known = this.sliceRunners[appIndex]!;
    let runner = known.get(key);
    if (runner === undefined) {
      const graph = this.scenario.graphs[appIndex]!;
      runner = new SliceRunner(
        this.device,
        this.costs[appIndex]!,
        graph,
        { ...slice, target: this.deviceTarget(appIndex, slice.target) },
        this.foreground[appIndex]!,
      );
      known.set(key, runner);
    }
    return runner;
  }

  transfer(
    from: string,
    to: string,
    bytes: number,
    tag: JobTag,
    done: Done,
    sliceDtype?: DType,
  ): void {
    const topApp = this.foregroundNames.has(tag.app);
    this.device.submitTransfer({ from, to, bytes, tag, onDone: done, sliceDtype, topApp });
  }

  runFixedWork(
    processor: string,
    nominalSeconds: number,
    tag: JobTag,
    done: Done,
    nice = 0,
    topApp = false,
  ): void {
    const id = processor === "cpu" ? this.cpuCluster : processor;
    this.device.submitBusy({ processor: id, nominalSeconds, nice, topApp, tag, onDone: done });
  }

  runAppWork(
    appIndex: number,
    processor: string,
    nominalSeconds: number,
    tag: JobTag,
    done: Done,
  ): void {
    this.runFixedWork(processor, nominalSeconds, tag, done, 0, this.foreground[appIndex]);
  }

  addCompetingLoad(load: CompetingSpec): void {
    this.device.addCompetingLoad({
      name: load.name,
      processor: load.processor,
      threads: load.threads,
      dutyCycle: load.duty_cycle,
      periodSeconds: load.period,
      footprintBytes: load.footprint,
      bandwidth: load.bandwidth,
      nice: load.nice,
    });
  }

  chargeEnergyTo(sink: EnergySink<JobTag>): void {
    this.device.chargeEnergyTo(sink);
  }

  processorStates(): readonly ProcessorMonitor[] {
    return this.device.monitor.processors;
  }

  transferSeconds(bytes: number, from: string, to: string): number {
    return this.device.transferSeconds(bytes, from, to);
  }

  resetStatistics(): void {
    this.device.resetStatistics();
  }

  statistics(): DeviceStatistics {
    this.device.chargeRunningJobs();
    const stats = this.device.statistics();
    return {
      processors: stats.processors.map((p) => ({ ...p })),
      energyJ: stats.energy_j,
      maxSkinTempC: stats.max_skin_temp_c,
      externalHeatJ: stats.external_heat_j,
      idleJ: stats.idle_energy_j,
      platformJ: stats.uncore_energy_j + stats.platform_energy_j,
    };
  }
}

/** Runs one app's ops on one target (a class: see SimulatedDevicePort). */
class TargetOpRunner implements OpRunner {
  constructor(private readonly submitter: OpSubmitter<JobTag>) {}

  run(opId: number, share: number, tag: JobTag, done: Done): void {
    this.submitter.submit(opId, share, tag, done);
  }
}

/** Feeds report.html's bounded series (src/metrics/run-series.ts). */
function seriesListener(series: RunSeriesRecorder): DeviceListener<JobTag> {
  return {
    jobEnded(event) {
      const app = event.tag?.app ?? event.competingLoad ?? "competing";
      series.execution(event.processor, event.track, app, event.startNs, event.timeNs);
    },
    counters(sample) {
      series.counter(sample.timeNs, sample.processors, sample.skinTemperatureC, sample.totalPowerW);
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
  /** Per processor, the tracks already named in this run's trace processes. */
  const named = new Map(device.processorIds.map((id) => [id, [] as boolean[]]));
  const nameTrack = (processor: string, track: number) => {
    const tracks = named.get(processor)!;
    if (tracks[track] === true) return;
    tracks[track] = true;
    const name =
      capacity.get(processor) !== 1
        ? `thread lane ${track}`
        : track >= TRANSFER_TRACK
          ? `copies ${track - TRANSFER_TRACK}`
          : "kernels";
    trace?.nameTrack(processor, track, name);
  };
  return {
    jobEnded(event) {
      const name = event.competingLoad ?? "competing";
      const tag = event.tag ?? { app: name, request: -1, name, op: -1 };
      if (trace !== undefined) {
        nameTrack(event.processor, event.track);
        trace.slice(event.processor, event.track, tag.name, event.startNs, event.timeNs, tag);
      }
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
        transfer: queue && event.track >= TRANSFER_TRACK,
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
