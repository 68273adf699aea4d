import { describe, expect, it } from "vitest";
import { ALL_PERFORMANCE, convGraph, makeDevice, runOp, sd855 } from "./helpers.ts";

const mace = sd855.frameworks.mace!;
const hostIds = mace.cpu.clusters;

/** Runnable threads on the framework's CPU clusters now. */
function hostThreads(device: ReturnType<typeof makeDevice>["device"]): number {
  return device.processors
    .filter((processor) => hostIds.includes(processor.id))
    .reduce((sum, processor) => sum + processor.runnableThreads, 0);
}

describe("the host thread's CPU work", () => {
  it("meters an accelerator kernel's launch as its host thread's CPU work on a framework cluster's idle core", () => {
    const { simulator, device } = makeDevice({ ...ALL_PERFORMANCE, framework: "mace" });
    const graph = convGraph(256, 56, 256, 3);
    const cycles = device.costs(graph).cycles(0, "gpu");
    const log: Record<string, number> = {};
    let energy = 0;
    device.chargeEnergyTo((_tag, _load, joules) => {
      energy += joules;
    });
    const host = device.processors.find((processor) => processor.id === "cpu-prime")!;
    const utilizationBefore = host.invariantUtilizationAt(0);
    runOp(device, graph, "gpu", log);
    const seconds = device.isolatedSeconds("gpu", cycles);
    // The launch is booked as it starts: no thread stays runnable, the governor's average moved.
    expect(hostThreads(device)).toBe(0);
    expect(host.busy).toBe(false);
    expect(host.invariantUtilizationAt(0)).toBeGreaterThan(utilizationBefore);
    simulator.run({ until: 1e9 });
    device.dispose();
    // Alone on an idle device the launch and the kernel take what the cost model says.
    expect(log.gpu! * 1e-9).toBeCloseTo(seconds, 6);
    // The op is charged what its host thread's core drew, beside the GPU: every busy joule is someone's.
    expect(host.energyJ - host.idleEnergyJ).toBeGreaterThan(0);
    expect(host.busyNsAt(1e9) * host.cores * 1e-9).toBeCloseTo(cycles.dispatchSeconds, 9);
    const processorsBusy = device.processors.reduce(
      (sum, processor) => sum + processor.energyJ - processor.idleEnergyJ,
      0,
    );
    const dramJ = device.meter.dramBytes * sd855.memory.energy_per_byte;
    expect(energy).toBeCloseTo(processorsBusy + dramJ, 9);
  });

  it("keeps a core of a framework cluster busy for a whole transfer, and slows it when those cores are full", () => {
    const alone = makeDevice({ ...ALL_PERFORMANCE, framework: "mace" });
    const seconds = alone.device.transferSeconds(4e6, "cpu", "dsp");
    let done = 0;
    alone.device.submitTransfer({
      from: "cpu",
      to: "dsp",
      bytes: 4e6,
      tag: "t",
      onDone: (t) => (done = t),
    });
    expect(hostThreads(alone.device)).toBe(1);
    alone.simulator.run({ until: 1e9 });
    alone.device.dispose();
    expect(done * 1e-9).toBeCloseTo(seconds, 6);

    const crowded = makeDevice({ ...ALL_PERFORMANCE, framework: "mace" });
    for (const id of hostIds) {
      const cores = sd855.processors[id]!.cores;
      crowded.device.submitBusy({
        processor: id,
        nominalSeconds: 1,
        threads: 2 * cores,
        tag: "hog",
        onDone: () => {},
      });
    }
    let crowdedDone = 0;
    crowded.device.submitTransfer({
      from: "cpu",
      to: "dsp",
      bytes: 4e6,
      tag: "t",
      onDone: (t) => (crowdedDone = t),
    });
    crowded.simulator.run({ until: 2e9 });
    crowded.device.dispose();
    expect(crowdedDone).toBeGreaterThan(done);
  });
});

describe("a spinning CPU thread pool (MACE's 2 ms spin-wait)", () => {
  it("keeps its workers runnable after an op, charged to the op's tag, until its next op takes them", () => {
    const { simulator, device } = makeDevice({ ...ALL_PERFORMANCE, framework: "mace" });
    const graph = convGraph(64, 28, 64, 1);
    const submitter = device.opSubmitter(graph, "cpu");
    const target = device.target("cpu");
    const workers = target.threadsPerDomain.reduce((sum, threads) => sum + threads, 0) - 1;
    const charged: Record<string, number> = {};
    device.chargeEnergyTo((tag, _load, joules) => {
      charged[tag] = (charged[tag] ?? 0) + joules;
    });
    let firstDone = 0;
    submitter.submit(0, 1, "first", (time) => {
      firstDone = time;
    });
    simulator.run({ until: 1e9 });
    // Once the op is done, its workers spin for spin_wait, then sleep.
    expect(firstDone).toBeGreaterThan(0);
    const spinNs = mace.backends.cpu!.spin_wait * 1e9;
    const busyAfter = device.processors.reduce(
      (sum, processor) => sum + processor.busyNsAt(1e9) * processor.cores,
      0,
    );
    device.dispose();
    expect(busyAfter).toBeCloseTo((workers + 1) * firstDone + workers * spinNs, -3);
    expect(charged.first).toBeGreaterThan(0);

    // The pool's next op, submitted as the first ends, ends the spin at once.
    const again = makeDevice({ ...ALL_PERFORMANCE, framework: "mace" });
    const pool = again.device.opSubmitter(graph, "cpu");
    let secondDone = 0;
    pool.submit(0, 1, "first", () => {
      pool.submit(0, 1, "second", (time) => {
        secondDone = time;
      });
    });
    again.simulator.run({ until: Math.round(2 * firstDone) + 1 });
    expect(secondDone).toBe(2 * firstDone);
    const threads = again.device.processors.reduce(
      (sum, processor) => sum + processor.runnableThreads,
      0,
    );
    expect(threads).toBe(workers);
    again.simulator.run({ until: 1e9 });
    again.device.dispose();
  });
});
