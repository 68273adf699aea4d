import type { Simulator } from "../core/index.ts";
import type { UiResult } from "../metrics/results.ts";
import type { UiSpec } from "../workload/workload-schema.ts";
import { type DevicePort, UI_WORK } from "./device-port.ts";

/**
 * Buffers the app may have queued and not yet shown: triple buffering is
 * three buffers, one on screen, so two frames can be in flight (Android's
 * BufferQueue for a window surface).
 */
const FRAMES_IN_FLIGHT = 2;

/**
 * UI rendering as Android pipelines it. At every vsync the Choreographer
 * starts a frame if the UI thread is free: the UI thread and the
 * RenderThread do the frame's CPU work (at the UI's nice level and in the
 * top-app group, as the top app's threads run), then the GPU draws it. Stages overlap across frames:
 * frame N's GPU work runs while frame N+1's CPU work does, and the GPU runs
 * kernels in order without preemption, so a frame waits behind any DNN
 * kernel queued there.
 *
 * A frame is dropped when it misses its slot: its vsync arrives while the
 * UI thread is still busy with the previous frame or every buffer is
 * queued (nothing new reaches the screen), or it is drawn after the vsync
 * at which triple buffering shows it, two periods after it started
 * (seed study F7).
 */
export function startUiLoad(
  simulator: Simulator,
  device: Pick<DevicePort, "runFixedWork">,
  ui: UiSpec,
  warmupNs: number,
  endNs: number,
  onFrameDone: () => void,
): { summary(): UiResult } {
  const periodNs = Math.round(1e9 / ui.refresh);
  let frames = 0;
  let dropped = 0;
  let uiThreadBusy = false;
  let inFlight = 0;
  const tag = { app: UI_WORK, request: -1, name: "frame", op: -1 };
  const vsync = (vsyncNs: number): void => {
    const deadlineNs = vsyncNs + FRAMES_IN_FLIGHT * periodNs;
    const counted = vsyncNs >= warmupNs && deadlineNs <= endNs;
    if (counted) frames++;
    if (uiThreadBusy || inFlight >= FRAMES_IN_FLIGHT) {
      if (counted) dropped++;
    } else {
      uiThreadBusy = true;
      inFlight++;
      device.runFixedWork(
        ui.cpu,
        ui.cpu_per_frame,
        tag,
        () => {
          uiThreadBusy = false;
          device.runFixedWork("gpu", ui.gpu_per_frame, tag, (doneNs) => {
            inFlight--;
            if (counted && doneNs > deadlineNs) dropped++;
            onFrameDone();
          });
        },
        ui.nice,
        true,
      );
    }
    if (vsyncNs + periodNs < endNs) simulator.at(vsyncNs + periodNs, vsync);
  };
  simulator.at(0, vsync);
  return { summary: () => ({ frames, dropped, drop_rate: frames === 0 ? 0 : dropped / frames }) };
}
