import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeDtype } from "../../src/device/cost/support.ts";
import { DTYPE_INDEX, KIND_INDEX } from "../../src/device/cost/target.ts";
import {
  compileCpuTarget,
  compileProcessorTarget,
  computeSeconds,
  loadSoc,
  opCycles,
  opFeatures,
  opSeconds,
  type Target,
} from "../../src/device/index.ts";
import { type Graph, ModelBuilder } from "../../src/graph/index.ts";

const soc = loadSoc("snapdragon-855");

/** A one-op graph: a convolution (or depthwise) of the given shape. */
function convGraph(shape: {
  channels: number;
  size: number;
  out: number;
  kernel: number;
  stride: number;
  depthwise: boolean;
}): Graph {
  const builder = new ModelBuilder("one-op", "fp32");
  const input = builder.input("x", [1, shape.channels, shape.size, shape.size]);
  if (shape.depthwise)
    builder.depthwise("op", input, { kernel: shape.kernel, stride: shape.stride });
  else builder.conv("op", input, { kernel: shape.kernel, out: shape.out, stride: shape.stride });
  return builder.build();
}

const shapes = fc.record({
  channels: fc.integer({ min: 1, max: 256 }),
  size: fc.integer({ min: 5, max: 96 }),
  out: fc.integer({ min: 1, max: 256 }),
  kernel: fc.constantFrom(1, 3, 5),
  stride: fc.constantFrom(1, 2),
  depthwise: fc.boolean(),
});

function cyclesOn(target: Target, graph: Graph) {
  const op = graph.ops[0]!;
  const dtype = computeDtype(soc, target, op)!;
  const features = opFeatures(op, graph, dtype, target.backend.tile);
  return opCycles(target, features, KIND_INDEX.get(op.kind)!, DTYPE_INDEX.get(dtype)!);
}

/** Every CPU and GPU target of every framework of the SoC. */
const targets: Target[] = Object.keys(soc.frameworks).flatMap((framework) => [
  compileCpuTarget(soc, framework),
  ...Object.keys(soc.processors)
    .map((id) => compileProcessorTarget(soc, framework, id))
    .filter((target): target is Target => target !== undefined && target.kind !== "dsp"),
]);

function frequencies(target: Target, pick: (points: { freq: number }[]) => number): number[] {
  return target.domains.map((domain) => pick(soc.processors[domain]!.operating_points));
}

describe("the op cost model", () => {
  it("never makes an op slower at a higher operating point", () => {
    fc.assert(
      fc.property(shapes, fc.nat(), fc.nat(), (shape, a, b) => {
        const graph = convGraph(shape);
        for (const target of targets) {
          const cycles = cyclesOn(target, graph);
          const points = target.domains.map((domain) => soc.processors[domain]!.operating_points);
          // Per domain a lower and an equal-or-higher operating point.
          const lowIndex = points.map((list) => a % list.length);
          const highIndex = points.map(
            (list, domain) => lowIndex[domain]! + (b % (list.length - lowIndex[domain]!)),
          );
          const low = points.map((list, domain) => list[lowIndex[domain]!]!.freq);
          const high = points.map((list, domain) => list[highIndex[domain]!]!.freq);
          expect(opSeconds(cycles, target, high, 0.5, 1)).toBeLessThanOrEqual(
            opSeconds(cycles, target, low, 0.5, 1) * (1 + 1e-12),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it("never makes an op slower with a cache hit rate of 1 than of 0", () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const graph = convGraph(shape);
        for (const target of targets) {
          const cycles = cyclesOn(target, graph);
          const top = frequencies(target, (points) => points.at(-1)!.freq);
          expect(opSeconds(cycles, target, top, 1, 1)).toBeLessThanOrEqual(
            opSeconds(cycles, target, top, 0, 1),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it("never makes a parallel op slower with more threads, up to the framework's thread count", () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const graph = convGraph(shape);
        for (const framework of Object.keys(soc.frameworks)) {
          let previous = Number.POSITIVE_INFINITY;
          for (let threads = 1; threads <= soc.frameworks[framework]!.cpu.threads; threads++) {
            const target = compileCpuTarget(soc, framework, threads);
            const seconds = opSeconds(
              cyclesOn(target, graph),
              target,
              frequencies(target, (points) => points.at(-1)!.freq),
              0.5,
              1,
            );
            expect(seconds).toBeLessThanOrEqual(previous * (1 + 1e-12));
            previous = seconds;
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("prices an op a back-end runs on one thread (serial_ops) the same whatever the thread count", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 512 }),
        fc.integer({ min: 1, max: 512 }),
        fc.integer({ min: 1, max: 128 }),
        (left, right, size) => {
          const builder = new ModelBuilder("one-concat", "fp32");
          const a = builder.input("a", [1, left, size, size]);
          const b = builder.input("b", [1, right, size, size]);
          builder.op("concat", "op", [a, b], { axis: 1 });
          const graph = builder.build();
          const serialIn = Object.keys(soc.frameworks).filter((framework) =>
            soc.frameworks[framework]!.backends.cpu!.serial_ops.includes("concat"),
          );
          expect(serialIn.length).toBeGreaterThan(0);
          for (const framework of serialIn) {
            const at = (threads: number) => {
              const target = compileCpuTarget(soc, framework, threads);
              const cycles = cyclesOn(target, graph);
              return opSeconds(
                cycles,
                target,
                frequencies(target, (points) => points.at(-1)!.freq),
                cycles.nominalHit,
                1,
              );
            };
            const one = at(1);
            for (let threads = 2; threads <= soc.frameworks[framework]!.cpu.threads; threads++)
              expect(at(threads)).toBeCloseTo(one, 12);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it("never makes an oversubscribed CPU run (more threads than cores) faster than one thread per core", () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 1, max: 8 }), (shape, extra) => {
        const graph = convGraph(shape);
        for (const framework of Object.keys(soc.frameworks)) {
          const cores = soc.frameworks[framework]!.cpu.clusters.reduce(
            (sum, cluster) => sum + soc.processors[cluster]!.cores,
            0,
          );
          const seconds = (threads: number) => {
            const target = compileCpuTarget(soc, framework, threads);
            return opSeconds(
              cyclesOn(target, graph),
              target,
              frequencies(target, (points) => points.at(-1)!.freq),
              0.5,
              1,
            );
          };
          const over = seconds(cores + extra);
          expect(over).toBeGreaterThanOrEqual(0);
          expect(over).toBeGreaterThanOrEqual(seconds(cores) * (1 - 1e-12));
        }
      }),
      {
        numRuns: 30,
        // Fewer tiles than cores: the second cluster's cores take no leftover tile at any thread count.
        examples: [[{ channels: 1, size: 5, out: 1, kernel: 3, stride: 2, depthwise: false }, 1]],
      },
    );
  });

  it("never makes a GPU conv faster by giving it more output channels (occupancy and quantisation)", () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 1, max: 64 }), (shape, more) => {
        const at = (out: number) => convGraph({ ...shape, out, depthwise: false });
        for (const target of targets.filter((candidate) => candidate.kind === "gpu")) {
          const top = frequencies(target, (points) => points.at(-1)!.freq);
          const smaller = opSeconds(cyclesOn(target, at(shape.out)), target, top, 0.5, 1);
          const bigger = opSeconds(cyclesOn(target, at(shape.out + more)), target, top, 0.5, 1);
          expect(smaller).toBeGreaterThanOrEqual(0);
          expect(bigger).toBeGreaterThanOrEqual(smaller * (1 - 1e-12));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("quantises work: a GPU conv costs the same for every channel count inside one channel block", () => {
    const gpu = compileProcessorTarget(soc, "mace", "gpu")!;
    const block = gpu.backend.tile.channels;
    // Large enough to take many waves of work-groups, so the extra channel block shows whatever the fitted concurrency.
    const at = (out: number) => {
      const graph = convGraph({
        channels: 64,
        size: 256,
        out,
        kernel: 3,
        stride: 1,
        depthwise: false,
      });
      return opSeconds(cyclesOn(gpu, graph), gpu, [585e6], 0, 1);
    };
    if (block > 1) expect(at(block + 1)).toBeCloseTo(at(2 * block), 12);
    expect(at(block * 2 + 1)).toBeGreaterThan(at(block * 2));
  });
});

/** A one-op graph: a batch-1 fully-connected layer. */
function fcGraph(inputs: number, outputs: number): Graph {
  const builder = new ModelBuilder("one-fc", "fp32");
  const input = builder.input("x", [1, inputs]);
  builder.fullyConnected("op", input, outputs);
  return builder.build();
}

const fcShapes = fc.record({
  inputs: fc.integer({ min: 1, max: 4096 }),
  outputs: fc.integer({ min: 1, max: 4096 }),
});

describe("weight streaming of fully-connected layers on accelerators", () => {
  const gpus = targets.filter((target) => target.kind === "gpu");
  const withStreaming = (target: Target, weightStreaming: number): Target => ({
    ...target,
    weightStreaming,
  });

  it("prices a fully-connected layer at a non-negative, finite time on every GPU target", () => {
    fc.assert(
      fc.property(fcShapes, ({ inputs, outputs }) => {
        const graph = fcGraph(inputs, outputs);
        for (const target of gpus) {
          const top = frequencies(target, (points) => points.at(-1)!.freq);
          const cycles = cyclesOn(target, graph);
          expect(cycles.bytes).toBeGreaterThanOrEqual(0);
          expect(cycles.nominalHit).toBeGreaterThanOrEqual(0);
          expect(cycles.nominalHit).toBeLessThanOrEqual(1);
          const seconds = opSeconds(cycles, target, top, cycles.nominalHit, 1);
          expect(Number.isFinite(seconds)).toBe(true);
          expect(seconds).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("never makes a fully-connected layer faster when weights stream at a smaller share of bandwidth", () => {
    fc.assert(
      fc.property(
        fcShapes,
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ inputs, outputs }, a, b, hit) => {
          const graph = fcGraph(inputs, outputs);
          const [low, high] = a < b ? [a, b] : [b, a];
          for (const target of gpus) {
            const top = frequencies(target, (points) => points.at(-1)!.freq);
            const slow = withStreaming(target, low);
            const fast = withStreaming(target, high);
            expect(opSeconds(cyclesOn(slow, graph), slow, top, hit, 1)).toBeGreaterThanOrEqual(
              opSeconds(cyclesOn(fast, graph), fast, top, hit, 1) * (1 - 1e-12),
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("never makes a fully-connected layer faster by giving it more weights", () => {
    fc.assert(
      fc.property(fcShapes, fc.integer({ min: 1, max: 512 }), ({ inputs, outputs }, more) => {
        for (const target of gpus) {
          const top = frequencies(target, (points) => points.at(-1)!.freq);
          const smaller = opSeconds(cyclesOn(target, fcGraph(inputs, outputs)), target, top, 0, 1);
          const bigger = opSeconds(
            cyclesOn(target, fcGraph(inputs + more, outputs)),
            target,
            top,
            0,
            1,
          );
          expect(bigger).toBeGreaterThanOrEqual(smaller * (1 - 1e-12));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("leaves other op kinds and CPU targets untouched", () => {
    const graph = convGraph({
      channels: 32,
      size: 28,
      out: 32,
      kernel: 3,
      stride: 1,
      depthwise: false,
    });
    for (const target of targets) {
      const top = frequencies(target, (points) => points.at(-1)!.freq);
      const base = opSeconds(cyclesOn(target, graph), target, top, 0.5, 1);
      const changed = withStreaming(target, 0.01);
      expect(opSeconds(cyclesOn(changed, graph), changed, top, 0.5, 1)).toBe(base);
    }
    for (const target of targets.filter((candidate) => candidate.kind === "cpu")) {
      expect(target.weightStreaming).toBe(1);
    }
  });
});

describe("a GPU family's kernel launch", () => {
  it("is never negative and never makes an op faster as it grows", () => {
    fc.assert(
      fc.property(
        shapes,
        fc.double({ min: 0, max: 1e-3, noNaN: true }),
        fc.double({ min: 0, max: 1e-3, noNaN: true }),
        (shape, a, b) => {
          const graph = convGraph(shape);
          const [low, high] = a < b ? [a, b] : [b, a];
          for (const framework of Object.keys(soc.frameworks)) {
            const at = (launch: number) => {
              const changed = {
                ...soc,
                processors: { ...soc.processors, gpu: { ...soc.processors.gpu!, launch } },
              };
              return compileProcessorTarget(changed, framework, "gpu");
            };
            const slow = at(high);
            const fast = at(low);
            if (slow === undefined || fast === undefined) continue;
            expect(slow.dispatchSeconds).toBeGreaterThanOrEqual(0);
            const top = frequencies(slow, (points) => points.at(-1)!.freq);
            expect(opSeconds(cyclesOn(slow, graph), slow, top, 0.5, 1)).toBeGreaterThanOrEqual(
              opSeconds(cyclesOn(fast, graph), fast, top, 0.5, 1),
            );
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it("is not charged to CPU targets", () => {
    const changed = {
      ...soc,
      processors: { ...soc.processors, gpu: { ...soc.processors.gpu!, launch: 1 } },
    };
    for (const framework of Object.keys(soc.frameworks)) {
      expect(compileCpuTarget(changed, framework).dispatchSeconds).toBe(
        compileCpuTarget(soc, framework).dispatchSeconds,
      );
    }
  });
});

describe("dynamically balanced CPU work (threading: dynamic)", () => {
  const balanced = targets.filter((target) => target.kind === "cpu" && target.balanced);
  const top = (target: Target) => frequencies(target, (points) => points.at(-1)!.freq);

  it("is on more than one CPU cluster here, so the properties below test something", () => {
    expect(balanced.some((target) => target.domains.length > 1)).toBe(true);
  });

  it("finishes no later than the slowest cluster alone would bound it, and slows by no more than the slowed cluster did", () => {
    fc.assert(
      fc.property(
        shapes,
        fc.integer({ min: 0, max: 7 }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (shape, pick, factor) => {
          const graph = convGraph(shape);
          for (const target of balanced) {
            const cycles = cyclesOn(target, graph);
            const nominal = top(target);
            const slowed = [...nominal];
            const domain = pick % slowed.length;
            slowed[domain] = slowed[domain]! * factor;
            // Equal shares would wait for the slowed cluster: every cycle of its share at the lower clock.
            let equalShares = 0;
            for (let d = 0; d < slowed.length; d++)
              equalShares = Math.max(equalShares, cycles.parallelCycles[d]! / slowed[d]!);
            const parallel = (f: number[]) =>
              computeSeconds(cycles, f) - cycles.serialCycles / f[0]!;
            expect(parallel(slowed)).toBeLessThanOrEqual(equalShares * (1 + 1e-9));
            expect(parallel(slowed)).toBeGreaterThanOrEqual(parallel(nominal) * (1 - 1e-9));
            expect(parallel(slowed)).toBeLessThanOrEqual((parallel(nominal) / factor) * (1 + 1e-9));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
