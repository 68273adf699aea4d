import { Simulator } from "../../src/core/index.ts";
import { SimulatedDevice } from "../../src/device/dynamics/device.ts";
import { type DeviceOptions, loadSoc } from "../../src/device/index.ts";
import { buildModel } from "../../src/graph/index.ts";

/** Every domain of a SoC at its highest point: the clocks-pinned reference. */
export function pinnedAtTop(socId: string): DeviceOptions {
  const soc = loadSoc(socId);
  return {
    governors: Object.fromEntries(Object.keys(soc.processors).map((id) => [id, "performance"])),
  } as DeviceOptions;
}

/**
 * A periodic app on the framework's whole-CPU target of an otherwise idle
 * phone: one request every 1/fps seconds, its ops one after another, its
 * threads in the top-app group as the foreground app's are. Returns
 * the mean latency (s) of the requests that start after a one-second warm-up.
 */
export function periodicCpuApp(
  socId: string,
  model: string,
  dtype: "fp32" | "fp16" | "int8",
  fps: number,
  durationS: number,
  options: DeviceOptions = {},
): number {
  const simulator = new Simulator();
  const device = new SimulatedDevice<string>(simulator, loadSoc(socId), options);
  const graph = buildModel(model, dtype);
  const costs = device.costs(graph);
  const latencies: number[] = [];
  let busy = false;
  const periodNs = Math.round(1e9 / fps);
  const request = (arrivalNs: number): void => {
    if (!busy) {
      busy = true;
      let op = 0;
      const next = (): void => {
        if (op === graph.ops.length) {
          busy = false;
          if (arrivalNs >= 1e9) latencies.push((simulator.now - arrivalNs) / 1e9);
          return;
        }
        device.submit({
          target: "cpu",
          cycles: costs.cycles(op++, "cpu"),
          topApp: true,
          tag: model,
          onDone: next,
        });
      };
      next();
    }
    if (arrivalNs + periodNs < (durationS + 1) * 1e9) simulator.at(arrivalNs + periodNs, request);
  };
  simulator.at(0, request);
  simulator.run({ until: (durationS + 1) * 1e9 });
  device.dispose();
  return latencies.reduce((sum, seconds) => sum + seconds, 0) / latencies.length;
}
