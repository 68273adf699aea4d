import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkCapacity,
  checkWorkConservation,
  InvariantLog,
} from "../../../src/device/dynamics/invariants.ts";
import { convGraph, makeDevice, runOp } from "./helpers.ts";

const MS = 1_000_000;

describe("fluid execution", () => {
  it("runs a job alone in the cost model's isolated time", () => {
    const graph = convGraph(64, 56, 64, 3);
    for (const target of ["gpu", "cpu-big", "cpu", "cpu-little"]) {
      const { simulator, device } = makeDevice();
      const done: Record<string, number> = {};
      const expected = device.isolatedSeconds(target, device.costs(graph).cycles(0, target));
      runOp(device, graph, target, done);
      simulator.run({ until: 1e9 });
      expect(done[target]! / 1e9).toBeCloseTo(expected, 8);
    }
  });

  it("runs a share of an op as the channel slice it is, a whole GPU work-group at least", () => {
    const graph = convGraph(64, 56, 64, 3);
    const finish = (share: number) => {
      const { simulator, device } = makeDevice();
      let end = Number.NaN;
      device.opSubmitter(graph, "gpu").submit(0, share, "slice", (time) => {
        end = time;
      });
      simulator.run({ until: 1e9 });
      return end;
    };
    const tile = makeDevice().device.target("gpu").backend.tile.channels;
    expect(finish(2 / 64)).toBe(finish(tile / 64));
    const { device } = makeDevice();
    const slice = device.costs(graph).sliceCycles(0, "gpu", { axis: "channels", range: [0, tile] });
    expect(finish(tile / 64) / 1e9).toBeCloseTo(device.isolatedSeconds("gpu", slice), 8);
    expect(finish(tile / 64)).toBeLessThan(finish(1));
  });

  it("re-times a running job when a co-runner halves its core share", () => {
    const { simulator, device } = makeDevice();
    const done: Record<string, number> = {};
    const busy = (name: string) =>
      device.submitBusy({
        processor: "cpu-big",
        nominalSeconds: 0.01,
        threads: 3,
        tag: name,
        onDone: (time) => {
          done[name] = time;
        },
      });
    busy("first");
    simulator.at(4 * MS, () => busy("second"));
    simulator.run({ until: 100 * MS });
    // 6 threads on 3 cores from 4 ms: the first job's 6 ms left take 12 ms.
    expect(done.first).toBe(16 * MS);
    // The second did 6 ms of work by 16 ms, then runs alone for its last 4 ms.
    expect(done.second).toBe(20 * MS);
  });

  it("runs accelerator kernels one at a time, in the order given, without preemption", () => {
    const { simulator, device } = makeDevice();
    const order: string[] = [];
    const starts: Record<string, number> = {};
    const handles = ["a", "b", "c"].map((name, index) =>
      device.submitBusy({
        processor: "gpu",
        nominalSeconds: 0.001 * (3 - index),
        tag: name,
        onDone: () => order.push(name),
      }),
    );
    simulator.run({ until: 50 * MS });
    handles.forEach((handle) => {
      starts[handle.tag] = handle.startNs;
    });
    expect(order).toEqual(["a", "b", "c"]);
    expect(starts).toEqual({ a: 0, b: 3 * MS, c: 5 * MS });
    expect(handles.map((handle) => handle.endNs)).toEqual([3 * MS, 5 * MS, 6 * MS]);
  });

  it("conserves work and capacity whatever the arrivals, shares and frequencies", () => {
    const job = fc.record({
      at: fc.integer({ min: 0, max: 30 * MS }),
      processor: fc.constantFrom("cpu-prime", "cpu-big", "cpu-little", "gpu", "dsp"),
      threads: fc.integer({ min: 1, max: 6 }),
      microseconds: fc.integer({ min: 0, max: 20_000 }),
      bandwidth: fc.constantFrom(0, 2e9, 8e9, 20e9),
      footprint: fc.constantFrom(0, 1e6, 8e6),
    });
    fc.assert(
      fc.property(
        fc.array(job, { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        (jobs, governed) => {
          const { simulator, device } = makeDevice(governed ? {} : undefined);
          const log = new InvariantLog();
          checkCapacity(device, log);
          checkWorkConservation(device, log);
          let completed = 0;
          for (const spec of jobs) {
            simulator.at(spec.at, () =>
              device.submitBusy({
                processor: spec.processor,
                nominalSeconds: spec.microseconds * 1e-6,
                threads: spec.threads,
                dramBandwidth: spec.bandwidth,
                workingSetBytes: spec.footprint,
                tag: "job",
                onDone: () => {
                  completed++;
                },
              }),
            );
          }
          simulator.run({ until: 2e9 });
          expect(log.violations).toEqual([]);
          expect(completed).toBe(jobs.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
