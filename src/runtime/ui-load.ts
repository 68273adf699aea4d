import type { Simulator } from "../core/index.ts";
import type { UiResult } from "../metrics/results.ts";
import type { UiSpec } from "../workload/workload-schema.ts";
import type { DevicePort } from "./device-port.ts";

/**
 * UI rendering: at every vsync the UI thread does its CPU work (at the UI's
 * nice level, so CFS favours it over the DNN threads), then the GPU
 * composes the frame. The GPU runs kernels without preemption, so a frame
 * waits behind any DNN kernel already queued there. A frame not done by the
 * next vsync is a dropped frame (seed study F7).
 */
export function startUiLoad(
  simulator: Simulator,
  device: DevicePort,
  ui: UiSpec,
  warmupNs: number,
  endNs: number,
  onFrameDone: () => void,
): { summary(): UiResult } {
  const periodNs = Math.round(1e9 / ui.refresh);
  let frames = 0;
  let dropped = 0;
  const frame = (vsyncNs: number): void => {
    const deadlineNs = vsyncNs + periodNs;
    const counted = vsyncNs >= warmupNs && deadlineNs <= endNs;
    const tag = { app: "ui", request: -1, name: "frame", op: -1 };
    device.runFixedWork(
      ui.cpu,
      ui.cpu_per_frame,
      tag,
      () => {
        device.runFixedWork("gpu", ui.gpu_per_frame, tag, (doneNs) => {
          if (counted) {
            frames++;
            if (doneNs > deadlineNs) dropped++;
          }
          onFrameDone();
        });
      },
      ui.nice,
    );
    if (deadlineNs <= endNs) simulator.at(deadlineNs, frame);
  };
  simulator.at(0, frame);
  return { summary: () => ({ frames, dropped, drop_rate: frames === 0 ? 0 : dropped / frames }) };
}
