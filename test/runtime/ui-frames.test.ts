import { describe, expect, it } from "vitest";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { tinyScenario } from "./helpers.ts";

/**
 * UI drop rates with VGG-16 under single-cpu and single-gpu, at 2 fps or (`arrival`) as given,
 * with the app's `queue_window` if given.
 */
async function dropRates(
  arrival?: string,
  queueWindow?: number,
): Promise<{ gpu: number; cpu: number }> {
  const scenario = await tinyScenario({
    apps: [
      {
        model: "vgg16",
        ...(arrival === undefined ? { fps: 2 } : { arrival }),
        ...(queueWindow !== undefined && { queueWindow }),
      },
    ],
    schedulers: ["single-cpu", "single-gpu"],
    ui: true,
    durationS: 3,
  });
  const { results } = runExperiment(scenario, { seed: 1, trace: false });
  const dropRate = (scheduler: string) =>
    results.runs.find((run) => run.scheduler === scheduler)!.ui!.drop_rate;
  return { gpu: dropRate("single-gpu"), cpu: dropRate("single-cpu") };
}

describe("UI frames under DNN load (seed study F7)", () => {
  it("drop far more often when the DNN runs on the GPU than on the CPU, where CFS favours the UI thread", async () => {
    const { gpu, cpu } = await dropRates();
    expect(gpu).toBeGreaterThan(0.1);
    expect(cpu).toBeLessThan(gpu / 3);
  });

  // F7 ran VGG-16 continuously. MACE enqueues a whole inference's kernels at once, so a frame's
  // GPU stage waits behind the rest of the inference and, back to back, behind the next one.
  it("drop most frames with the DNN back to back on the GPU, as F7's MACE GPU run did", async () => {
    const { gpu } = await dropRates("{ process: closed, outstanding: 1 }");
    expect(gpu).toBeGreaterThan(0.5);
  });

  // MACE's opencl_queue_window_size, which its docs give for UI responsiveness: with one kernel in
  // the queue at a time a frame waits behind one kernel, not behind the rest of an inference.
  it("drop fewer frames when the app keeps a small queue window on the GPU", async () => {
    const closedLoop = "{ process: closed, outstanding: 1 }";
    const whole = await dropRates(closedLoop);
    const windowed = await dropRates(closedLoop, 1);
    expect(windowed.gpu).toBeLessThan(whole.gpu - 0.2);
    expect(windowed.cpu).toBe(whole.cpu);
  });
});
