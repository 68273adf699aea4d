import { describe, expect, it } from "vitest";
import {
  compileCpuTarget,
  compileProcessorTarget,
  loadSoc,
  type OpCycles,
  opCyclesOn,
  opFeatures,
  sliceCyclesOn,
  sliceFeatures,
  type Target,
} from "../../src/device/index.ts";
import {
  type Graph,
  isSplittable,
  ModelBuilder,
  sliceOp,
  unitSliceRanges,
} from "../../src/graph/index.ts";
import { TargetCatalog } from "../../src/runtime/target-catalog.ts";

const soc = loadSoc("snapdragon-855");
const gpu = compileProcessorTarget(soc, "mace", "gpu")!;
const cpu = compileCpuTarget(soc, "mace");

/** Two 3×3 convolutions (stride 1, same padding) on a 64-row, 32-channel map. */
function twoConvs(): Graph {
  const builder = new ModelBuilder("two-convs", "fp32");
  const input = builder.input("x", [1, 32, 64, 64]);
  const first = builder.conv("first", input, { kernel: 3, out: 32 });
  builder.conv("second", first, { kernel: 3, out: 64 });
  return builder.build();
}

function parallel(cycles: OpCycles): number {
  return Math.max(...cycles.parallelCycles) + cycles.serialCycles;
}

function slice(target: Target, graph: Graph, op: number, range: readonly [number, number]) {
  return sliceCyclesOn(soc, target, graph, op, { axis: "channels", range })!;
}

describe("slices priced as what they are", () => {
  it("only row- or channel-independent kinds split; anything else ends a split unit", () => {
    expect(isSplittable("conv2d", "rows")).toBe(true);
    expect(isSplittable("fully_connected", "channels")).toBe(true);
    expect(isSplittable("fully_connected", "rows")).toBe(false);
    expect(isSplittable("transposed_conv2d", "rows")).toBe(false);
    expect(isSplittable("concat")).toBe(false);
    expect(isSplittable("softmax")).toBe(false);
    const graph = twoConvs();
    expect(() => sliceOp(graph, 0, "rows", [0, 65])).toThrow(/outside/);
  });

  it("a 3×3 convolution split by rows reads the overlapping halo rows", () => {
    const graph = twoConvs();
    const second = 1;
    const top = sliceOp(graph, second, "rows", [0, 32]);
    const bottom = sliceOp(graph, second, "rows", [32, 64]);
    const rowBytes = 32 * 64 * 4;
    // Each half reads its 32 rows and one halo row from the other half.
    expect(top.inputBytes).toBe(33 * rowBytes);
    expect(bottom.inputBytes).toBe(33 * rowBytes);
    const whole = graph.ops[second]!;
    expect(top.inputBytes + bottom.inputBytes).toBe(whole.inputBytes + 2 * rowBytes);
    expect(top.macs + bottom.macs).toBe(whole.macs);
  });

  it("a rows split of a unit grows the halo backwards and pays for the overlap in compute", () => {
    const graph = twoConvs();
    const top = unitSliceRanges(graph, [0, 1], "rows", [0, 0.5]);
    const bottom = unitSliceRanges(graph, [0, 1], "rows", [0.5, 1]);
    expect(top).toEqual([
      [0, 33],
      [0, 32],
    ]);
    expect(bottom).toEqual([
      [31, 64],
      [32, 64],
    ]);
    const first = (range: readonly [number, number]) =>
      sliceCyclesOn(soc, cpu, graph, 0, { axis: "rows", range })!;
    const whole = opCyclesOn(soc, cpu, graph, 0)!;
    const halves = parallel(first(top[0]!)) + parallel(first(bottom[0]!));
    // The first conv computes 66 rows for 64: its slices cost more than the op.
    expect(halves).toBeGreaterThan(parallel(whole) * 1.02);
  });

  it("a GPU slice of a few channels pays for a whole work-group", () => {
    const graph = twoConvs();
    const tile = gpu.backend.tile.channels;
    expect(tile).toBeGreaterThan(2);
    const few = parallel(slice(gpu, graph, 1, [0, 2]));
    const group = parallel(slice(gpu, graph, 1, [0, tile]));
    expect(few).toBeCloseTo(group, 12);
    const whole = parallel(opCyclesOn(soc, gpu, graph, 1)!);
    expect(few).toBeGreaterThan((whole * 2) / 64 + 1e-9);
  });

  it("the slices of one op add up to the op's work, up to one tile each", () => {
    const graph = twoConvs();
    const op = graph.ops[1]!;
    const tile = gpu.backend.tile;
    const work = (range: readonly [number, number]) =>
      sliceFeatures(op, sliceOp(graph, 1, "channels", range), "fp32", "fp16", tile).work;
    const whole = opFeatures(op, graph, "fp16", tile).work;
    expect(work([0, tile.channels]) + work([tile.channels, 64])).toBe(whole);
    const oneTile = whole / (64 / tile.channels);
    const ragged = work([0, 21]) + work([21, 64]);
    expect(ragged).toBeGreaterThan(whole);
    expect(ragged).toBeLessThanOrEqual(whole + 2 * oneTile);
    // In time, a slice also waits for its last wave of work-groups: never cheaper than its share.
    const seconds =
      parallel(slice(gpu, graph, 1, [0, 16])) + parallel(slice(gpu, graph, 1, [16, 64]));
    expect(seconds).toBeGreaterThanOrEqual(parallel(opCyclesOn(soc, gpu, graph, 1)!));
  });

  it("a slice in a narrower dtype moves fewer bytes", () => {
    const graph = twoConvs();
    const range = [0, 32] as const;
    const fp32 = sliceCyclesOn(soc, cpu, graph, 1, { axis: "channels", range })!;
    const int8 = sliceCyclesOn(soc, cpu, graph, 1, { axis: "channels", range, dtype: "int8" })!;
    expect(int8.bytes).toBeLessThan(fp32.bytes / 2);
  });

  it("an empty slice computes nothing", () => {
    const graph = twoConvs();
    expect(slice(gpu, graph, 1, [5, 5]).bytes).toBe(0);
  });
});

describe("the profiling set a policy samples", () => {
  it("prices a slice by its shape, the same way the device runs it", () => {
    const graph = twoConvs();
    const catalog = new TargetCatalog(soc, "mace", [{ graph, forcedToCpu: [false, false] }]);
    const whole = catalog.isolatedOpSeconds(0, 1, "gpu");
    expect(catalog.isolatedSliceSeconds(0, 1, "gpu", "channels", [0, 1])).toBe(whole);
    const few = catalog.isolatedSliceSeconds(0, 1, "gpu", "channels", [0, 2 / 64]);
    const group = catalog.isolatedSliceSeconds(0, 1, "gpu", "channels", [0, 16 / 64]);
    expect(few).toBeCloseTo(group, 12);
    expect(few).toBeGreaterThan(whole / 32);
  });
});
