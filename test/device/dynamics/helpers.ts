import { Simulator } from "../../../src/core/index.ts";
import { SimulatedDevice } from "../../../src/device/dynamics/device.ts";
import { type DeviceOptions, loadSoc, type SocSpec } from "../../../src/device/index.ts";
import { type Graph, ModelBuilder } from "../../../src/graph/index.ts";

export const sd855: SocSpec = loadSoc("snapdragon-855");

/** Every domain at its highest point: durations are then the cost model's. */
export const ALL_PERFORMANCE = {
  governors: {
    "cpu-prime": "performance",
    "cpu-big": "performance",
    "cpu-little": "performance",
    gpu: "performance",
    dsp: "performance",
  },
} as const satisfies DeviceOptions;

export function makeDevice(options: DeviceOptions = ALL_PERFORMANCE, soc: SocSpec = sd855) {
  const simulator = new Simulator();
  const device = new SimulatedDevice<string>(simulator, soc, options);
  return { simulator, device };
}

/** A one-op graph: a square convolution. */
export function convGraph(channels: number, size: number, out: number, kernel: number): Graph {
  const builder = new ModelBuilder("conv", "fp32");
  const input = builder.input("x", [1, channels, size, size]);
  builder.conv("conv", input, { kernel, out });
  return builder.build();
}

/** Submits an op job and records its completion time (ns) under `log[name]`. */
export function runOp(
  device: SimulatedDevice<string>,
  graph: Graph,
  target: string,
  log: Record<string, number>,
  name = target,
) {
  return device.submit({
    target,
    cycles: device.costs(graph).cycles(0, target),
    tag: name,
    onDone: (time) => {
      log[name] = time;
    },
  });
}
