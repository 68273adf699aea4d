import { Simulator } from "../../src/core/index.ts";
import { SimulatedDevice } from "../../src/device/dynamics/device.ts";
import {
  type DeviceOptions,
  type DeviceStatistics,
  loadSoc,
  type SocSpec,
} from "../../src/device/index.ts";
import { buildModel } from "../../src/graph/index.ts";

/** What a sustained GPU load does to one phone: when its GPU first steps down, and the power it settles at. */
export interface HeatUp {
  /** The SoC's id. */
  readonly soc: string;
  /** Seconds until the GPU's thermal cap first falls below its top point (null: never within the run). */
  readonly firstThrottleS: number | null;
  /** Whole-device average power over the first ten seconds, and over the run's last minute (or quarter). */
  readonly startPowerW: number;
  readonly settledPowerW: number;
  /** The GPU's own average power over the same windows. */
  readonly gpuStartPowerW: number;
  readonly gpuSettledPowerW: number;
  /** Where the start power goes, averaged over the first ten seconds. */
  readonly startBreakdownW: PowerBreakdown;
  readonly gpuTempAtEndC: number;
  readonly skinTempAtEndC: number;
  readonly inferencesPerSecondStart: number;
  readonly inferencesPerSecondEnd: number;
}

/** Average power (W) by consumer; the processors' idle cores are inside `cpu` and `gpu`. */
export interface PowerBreakdown {
  readonly gpu: number;
  /** Every CPU cluster together. */
  readonly cpu: number;
  /** Every other processor (DSP, NPU). */
  readonly otherProcessors: number;
  readonly dram: number;
  readonly uncore: number;
  readonly platform: number;
}

const SAMPLE_NS = 1e9;
const START_WINDOW_S = 10;

function breakdown(statistics: DeviceStatistics, soc: SocSpec): PowerBreakdown {
  const seconds = statistics.window_s;
  const kindOf = (id: string) => soc.processors[id]?.kind;
  const sum = (keep: (id: string) => boolean) =>
    statistics.processors
      .filter((processor) => keep(processor.id))
      .reduce((total, processor) => total + processor.energy_j, 0) / seconds;
  return {
    gpu: sum((id) => kindOf(id) === "gpu"),
    cpu: sum((id) => kindOf(id) === "cpu"),
    otherProcessors: sum((id) => kindOf(id) !== "gpu" && kindOf(id) !== "cpu"),
    dram: statistics.dram_energy_j / seconds,
    uncore: statistics.uncore_energy_j / seconds,
    platform: statistics.platform_energy_j / seconds,
  };
}

/**
 * Back-to-back VGG-16 (fp32) on the GPU through the framework's GPU target,
 * each op submitted when the previous one finishes, default governors, for
 * `durationS` of simulated time. `socOrId` is a bundled id or a spec already
 * in hand (a variant of one, as the network derivations try).
 */
export function heatUp(
  socOrId: string | SocSpec,
  durationS: number,
  options: DeviceOptions = {},
): HeatUp {
  const soc = typeof socOrId === "string" ? loadSoc(socOrId) : socOrId;
  const simulator = new Simulator();
  const device = new SimulatedDevice<string>(simulator, soc, options);
  const graph = buildModel("vgg16", "fp32");
  const costs = device.costs(graph);
  const order = graph.ops.map((_, index) => index);
  const gpu = device.monitor.processors.find((processor) => processor.id === "gpu")!;
  let firstThrottleS: number | null = null;
  let completed = 0;
  const completions: number[] = [];
  let next = 0;
  const submitNext = (): void => {
    const op = order[next]!;
    next = (next + 1) % order.length;
    const target = costs.supported(op, "gpu") ? "gpu" : "cpu";
    device.submit({
      target,
      cycles: costs.cycles(op, target),
      tag: "vgg16",
      onDone: () => {
        if (next === 0) completed++;
        submitNext();
      },
    });
  };
  submitNext();
  let startBreakdownW: PowerBreakdown | undefined;
  const energies: number[] = [];
  const gpuEnergies: number[] = [];
  const sample = (now: number): void => {
    if (firstThrottleS === null && gpu.capFrequencyHz < gpu.maxFrequencyHz)
      firstThrottleS = now / 1e9;
    completions.push(completed);
    const statistics = device.statistics();
    if (now === START_WINDOW_S * SAMPLE_NS) startBreakdownW = breakdown(statistics, soc);
    energies.push(statistics.energy_j);
    gpuEnergies.push(statistics.processors.find((processor) => processor.id === "gpu")!.energy_j);
    if (now + SAMPLE_NS <= durationS * 1e9) simulator.at(now + SAMPLE_NS, sample);
  };
  simulator.at(0, sample);
  simulator.run({ until: durationS * 1e9 });
  const settleWindow = Math.min(60, Math.floor(durationS / 4));
  const last = energies.length - 1;
  const start = Math.min(START_WINDOW_S, last);
  const average = (series: readonly number[], from: number, to: number) =>
    (series[to]! - series[from]!) / (to - from);
  const result: HeatUp = {
    soc: soc.id,
    firstThrottleS,
    startPowerW: average(energies, 0, start),
    settledPowerW: average(energies, last - settleWindow, last),
    gpuStartPowerW: average(gpuEnergies, 0, start),
    gpuSettledPowerW: average(gpuEnergies, last - settleWindow, last),
    startBreakdownW: startBreakdownW ?? breakdown(device.statistics(), soc),
    gpuTempAtEndC: gpu.temperatureC,
    skinTempAtEndC: device.monitor.skinTemperatureC,
    inferencesPerSecondStart: average(completions, 0, start),
    inferencesPerSecondEnd: average(completions, last - settleWindow, last),
  };
  device.dispose();
  return result;
}
