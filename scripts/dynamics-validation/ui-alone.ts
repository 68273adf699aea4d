import { Simulator } from "../../src/core/index.ts";
import { SimulatedDevice } from "../../src/device/dynamics/device.ts";
import { type DeviceOptions, loadSoc } from "../../src/device/index.ts";
import type { UiResult } from "../../src/metrics/results.ts";
import { startUiLoad } from "../../src/runtime/ui-load.ts";
import type { UiSpec } from "../../src/workload/workload-schema.ts";

/** The bundled UI costs (workloads/seed-trio.yaml): a light scrolling list at 60 Hz. */
export const BUNDLED_UI: UiSpec = {
  refresh: 60,
  cpu_per_frame: 0.004,
  gpu_per_frame: 0.003,
  cpu: "cpu-big",
  nice: -10,
};

/** The UI alone on an idle phone: its frame drops over `durationS` after a one-second warm-up. */
export function uiAlone(
  socId: string,
  durationS: number,
  options: DeviceOptions = {},
  ui: UiSpec = BUNDLED_UI,
): UiResult {
  const simulator = new Simulator();
  const device = new SimulatedDevice<object>(simulator, loadSoc(socId), options);
  const port = {
    runFixedWork(
      processor: string,
      nominalSeconds: number,
      tag: object,
      done: (timeNs: number) => void,
      nice = 0,
    ) {
      device.submitBusy({ processor, nominalSeconds, nice, tag, onDone: done });
    },
  };
  const load = startUiLoad(simulator, port, ui, 1e9, (durationS + 1) * 1e9, () => {});
  simulator.run({ until: (durationS + 1) * 1e9 });
  device.dispose();
  return load.summary();
}
