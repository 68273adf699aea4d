import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { opSeconds, sliceCyclesOn, topOperatingPoints } from "../../src/device/index.ts";
import { type Graph, parallelBranches, sliceOp, ZOO } from "../../src/graph/index.ts";
import type { Execution } from "../../src/runtime/device-adapter.ts";
import { planRun } from "../../src/runtime/plan-run.ts";
import type { RunPolicy } from "../../src/runtime/run-spec.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { type LoadedScenario, loadScenario } from "../../src/scenario/load-scenario.ts";
import {
  buildPolicy,
  type PlanningContext,
  type PlanUnit,
  type PolicyEntry,
  SCHEDULERS,
} from "../../src/sched/index.ts";
import { type LayerPredictor, mulayerPolicy } from "../../src/sched/policies/mulayer.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-mulayer-"));
let counter = 0;

/** Every frequency domain at its top point (F1's pinned clocks); the SoC's ambient is 25 °C. */
const ALL_PERFORMANCE =
  "{ cpu-prime: performance, cpu-big: performance, cpu-little: performance, gpu: performance, dsp: performance }";

/**
 * The Snapdragon 855 with no UI and no competing load, clocks pinned. An
 * app with `fps` arrives periodically; one without runs a closed loop with
 * one outstanding request (F1's one request at a time, back to back).
 */
async function phone(apps: readonly { model: string; fps?: number }[], durationS: number) {
  const id = counter++;
  const arrival = (fps: number | undefined) =>
    fps === undefined
      ? "{ process: closed, outstanding: 1 }"
      : `{ process: periodic, fps: ${fps} }`;
  const lines = apps
    .map(
      (app, index) =>
        `  - name: app${index}\n    model: ${app.model}\n    arrival: ${arrival(app.fps)}\n`,
    )
    .join("");
  writeFileSync(join(folder, `w${id}.yaml`), `kind: workload\nname: w${id}\napps:\n${lines}`);
  writeFileSync(
    join(folder, `s${id}.yaml`),
    `kind: scenario\nname: s${id}\nsoc: snapdragon-855\nworkload: w${id}.yaml\n` +
      `schedulers: [mulayer, single-gpu]\nduration: ${durationS} s\nwarmup: 0 s\nseed: 1\n` +
      `what_if:\n  governors: ${ALL_PERFORMANCE}\n`,
  );
  return loadScenario(join(folder, `s${id}.yaml`));
}

function entry(name: string, factory: PolicyEntry = SCHEDULERS.get(name)): RunPolicy {
  return { name, label: name, params: {}, factory };
}

/** A kernel or copy the device ran, with its tag copied (the runtime reuses tag objects). */
interface Ran {
  readonly processor: string;
  readonly startNs: number;
  readonly endNs: number;
  readonly app: string;
  readonly request: number;
  readonly op: number;
  readonly transfer: boolean;
}

function run(scenario: LoadedScenario, policy: RunPolicy) {
  const ran: Ran[] = [];
  const onExecution = (execution: Execution) =>
    ran.push({
      processor: execution.processor,
      startNs: execution.startNs,
      endNs: execution.endNs,
      app: execution.tag.app,
      request: execution.tag.request,
      op: execution.tag.op,
      transfer: execution.transfer,
    });
  const { result } = simulateRun(scenario, policy, 1, { onExecution });
  return { result, ran, planned: planRun(scenario, policy, 1) };
}

const isSplit = (unit: PlanUnit) => unit.options[0]!.slices.length > 1;

/** Output channels of a unit's first op, the count its channel split cuts. */
function channelsOf(graph: Graph, unit: PlanUnit): number {
  return channelsOfOp(graph, unit.ops[0]!);
}

function channelsOfOp(graph: Graph, opId: number): number {
  const op = graph.ops[opId]!;
  const shape = graph.tensors[op.outputs[0]!]!.shape;
  return shape.length === 4 ? shape[1]! : shape[shape.length - 1]!;
}

/** Kernels of one request's unit, on the GPU and on the CPU side. */
function kernelsOf(ran: readonly Ran[], request: number, unit: PlanUnit) {
  const ops = new Set(unit.ops);
  const kernels = ran.filter((r) => !r.transfer && r.request === request && ops.has(r.op));
  return {
    all: kernels,
    gpu: kernels.filter((r) => r.processor === "gpu"),
    cpu: kernels.filter((r) => r.processor !== "gpu"),
  };
}

const earliest = (runs: readonly Ran[]) => Math.min(...runs.map((r) => r.startNs));
const latest = (runs: readonly Ran[]) => Math.max(...runs.map((r) => r.endNs));

describe("mulayer on the Snapdragon 855", () => {
  it("splits each layer's output channels between CPU and GPU, both slices after its input and the next layer after both (barrier per layer)", async () => {
    const scenario = await phone([{ model: "vgg16", fps: 1 }], 1.5);
    const { ran, planned } = run(scenario, entry("mulayer"));
    const { plan, inputs } = planned.planned[0]!;
    const graph = planned.graphs[0]!;
    const split = plan.units.filter(isSplit);
    expect(split.length).toBeGreaterThan(10);
    for (const unit of split) {
      const slices = unit.options[0]!.slices;
      expect(slices.map((slice) => slice.target)).toEqual(["gpu", "cpu"]);
      const channels = channelsOf(graph, unit);
      const cpuChannels = slices[1]!.share * channels;
      expect(cpuChannels).toBeCloseTo(Math.round(cpuChannels), 9);
      expect(slices[0]!.share * channels + cpuChannels).toBeCloseTo(channels, 9);
      const kernels = kernelsOf(ran, 0, unit);
      expect(kernels.gpu.length).toBeGreaterThan(0);
      expect(kernels.cpu.length).toBeGreaterThan(0);
      for (const edge of inputs[unit.id]!) {
        const before = kernelsOf(ran, 0, plan.units[edge.from]!).all;
        if (before.length > 0) expect(earliest(kernels.all)).toBeGreaterThanOrEqual(latest(before));
      }
    }
  });

  it("duplicates no work: the slices of every split op add up to the op's MACs, no halo", async () => {
    for (const model of ["vgg16", "posenet", "fast-style-transfer"]) {
      const scenario = await phone([{ model, fps: 1 }], 0.1);
      const planned = planRun(scenario, entry("mulayer"), 1);
      const graph = planned.graphs[0]!;
      for (const unit of planned.planned[0]!.plan.units.filter(isSplit)) {
        const channels = channelsOf(graph, unit);
        const gpuChannels = Math.round(unit.options[0]!.slices[0]!.share * channels);
        for (const opId of unit.ops) {
          const gpuSlice = sliceOp(graph, opId, "channels", [0, gpuChannels]);
          const cpuSlice = sliceOp(graph, opId, "channels", [gpuChannels, channels]);
          expect(gpuSlice.macs + cpuSlice.macs).toBe(graph.ops[opId]!.macs);
        }
      }
    }
  });

  it("runs parallel branches whole on different processors at once, with one join after them (branch mode)", async () => {
    const scenario = await phone([{ model: "inception-v3", fps: 1 }], 1.5);
    const { ran, planned } = run(scenario, entry("mulayer"));
    const { plan } = planned.planned[0]!;
    const unitOf = new Map<number, PlanUnit>();
    for (const unit of plan.units) for (const op of unit.ops) unitOf.set(op, unit);
    let distributed = 0;
    for (const region of parallelBranches(planned.graphs[0]!)) {
      const units = region.branches.map((ops) => unitOf.get(ops[0]!)!);
      const whole = units.every(
        (unit, index) => unit.ops.length === region.branches[index]!.length && !isSplit(unit),
      );
      const targets = new Set(units.map((unit) => unit.options[0]!.slices[0]!.target));
      if (!whole || targets.size < 2 || region.join === undefined) continue;
      distributed++;
      const onGpu = units.filter((unit) => unit.options[0]!.slices[0]!.target === "gpu");
      const onCpu = units.filter((unit) => unit.options[0]!.slices[0]!.target === "cpu");
      const gpuRuns = onGpu.flatMap((unit) => kernelsOf(ran, 0, unit).all);
      const cpuRuns = onCpu.flatMap((unit) => kernelsOf(ran, 0, unit).all);
      // The two processors' branches overlap in time.
      expect(earliest(gpuRuns)).toBeLessThan(latest(cpuRuns));
      expect(earliest(cpuRuns)).toBeLessThan(latest(gpuRuns));
      const join = kernelsOf(ran, 0, unitOf.get(region.join)!).all;
      expect(earliest(join)).toBeGreaterThanOrEqual(Math.max(latest(gpuRuns), latest(cpuRuns)));
    }
    expect(distributed).toBeGreaterThan(0);
  });

  it("runs each app's requests one at a time, apps independently", async () => {
    const scenario = await phone(
      [
        { model: "mobilenet-v2", fps: 60 },
        { model: "resnet18", fps: 60 },
      ],
      1,
    );
    const { result, ran } = run(scenario, entry("mulayer"));
    const spans = new Map<string, Map<number, [number, number]>>();
    for (const r of ran) {
      if (r.request < 0) continue;
      const byRequest = spans.get(r.app) ?? new Map<number, [number, number]>();
      spans.set(r.app, byRequest);
      const span = byRequest.get(r.request) ?? [r.startNs, r.endNs];
      byRequest.set(r.request, [Math.min(span[0], r.startNs), Math.max(span[1], r.endNs)]);
    }
    for (const byRequest of spans.values()) {
      const ordered = [...byRequest.values()].sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < ordered.length; i++)
        expect(ordered[i]![0]).toBeGreaterThanOrEqual(ordered[i - 1]![1]);
    }
    // Both apps complete requests: neither waits for the other's to finish.
    const [first, second] = [...spans.values()].map((byRequest) => [...byRequest.values()]);
    const overlapping = first!.some(([start, end]) =>
      second!.some(([otherStart, otherEnd]) => start < otherEnd && otherStart < end),
    );
    expect(overlapping).toBe(true);
    expect(result.models.every((model) => model.completed > 1)).toBe(true);
  });

  it("runs models with several inputs (every first unit of the current request) and grouped convolutions (slices on group bounds)", async () => {
    for (const model of ["mobilebert", "regnetx-1.6gf"]) {
      const scenario = await phone([{ model, fps: 1 }], 2.5);
      expect(run(scenario, entry("mulayer")).result.models[0]!.completed).toBeGreaterThanOrEqual(2);
    }
  });

  // Expected to fail on both. PoseNet: once split slices run at their own dtype and range (int8 CPU
  // slices under `quantize`), its CPU share is fast enough that 1 ms per layer no longer outweighs
  // it (187 vs 305 ms on the GPU alone). MobileNet-v2: since the ninth fit round (issue 18) put the
  // Adreno 6xx concurrency at 2048 work units, its small layers fill less of the Adreno 640 and the
  // GPU alone takes 17.9 ms against the CPU's 9.5 ms, so μLayer with 1 ms syncs (14.6 ms) still
  // beats it (18.7 ms); the digest's direction assumes a GPU faster than the CPU on this model.
  for (const [model, holds] of [
    ["mobilenet-v2", false],
    ["posenet", false],
  ] as const) {
    (holds ? it : it.fails)(
      `is slower than the GPU alone on ${model} when each layer's sync costs 1 ms`,
      async () => {
        const scenario = await phone([{ model, fps: 0.5 }], 2);
        const gpu = scenario.soc.transfers.gpu!;
        const slowSync: LoadedScenario = {
          ...scenario,
          soc: {
            ...scenario.soc,
            transfers: { ...scenario.soc.transfers, gpu: { ...gpu, sync: 1e-3 } },
          },
        };
        const latency = (s: LoadedScenario, name: string) =>
          run(s, entry(name)).result.models[0]!.latency_ms.mean!;
        const mulayerSlowSync = latency(slowSync, "mulayer");
        expect(mulayerSlowSync).toBeGreaterThan(latency(slowSync, "single-gpu"));
        expect(mulayerSlowSync).toBeGreaterThan(latency(scenario, "mulayer"));
      },
    );
  }

  it("gets less from the GPU with OpenCL buffers than with images on the Adreno 640", async () => {
    const scenario = await phone([{ model: "vgg16", fps: 0.5 }], 2);
    const latency = (gpuMemory: "buffer" | "image") =>
      run(scenario, { ...entry("single-gpu"), gpuMemory }).result.models[0]!.latency_ms.mean!;
    expect(latency("buffer")).toBeGreaterThan(latency("image"));
  });

  it("F1: is slower than single-gpu on Fast Style Transfer, closed loop with one outstanding request, clocks pinned", async () => {
    const scenario = await phone([{ model: "fast-style-transfer" }], 4);
    const mulayer = run(scenario, entry("mulayer"));
    const gpu = run(scenario, entry("single-gpu"));
    const mulayerMs = mulayer.result.models[0]!.latency_ms;
    const gpuMs = gpu.result.models[0]!.latency_ms;
    // Back to back: more than one request each, so the means are of a loop, not of one cold request.
    expect(mulayer.result.models[0]!.completed).toBeGreaterThan(1);
    expect(gpu.result.models[0]!.completed).toBeGreaterThan(1);
    expect(mulayerMs.mean!).toBeGreaterThan(gpuMs.mean!);
    // The cost is the priced sharing of each split layer: copies between CPU and GPU every layer.
    const splitLayers = mulayer.planned.planned[0]!.plan.units.filter(isSplit).length;
    const copies = mulayer.ran.filter((r) => r.transfer && r.request === 0).length;
    expect(copies).toBeGreaterThanOrEqual(splitLayers);
  });
});

describe("mulayer's quantize", () => {
  it("pays a quantize/dequantize pass on every crossing of a split layer that quantize: false does not", async () => {
    const scenario = await phone([{ model: "vgg16" }], 1.5);
    const quantized = run(scenario, entry("mulayer"));
    const fp32 = run(scenario, { ...entry("mulayer"), label: "fp32", params: { quantize: false } });
    const copies = (ran: readonly Ran[]) => ran.filter((r) => r.transfer && r.request === 0);
    const copyMs = (ran: readonly Ran[]) =>
      copies(ran).reduce((sum, r) => sum + (r.endNs - r.startNs), 0) / 1e6;
    // Same crossings (the split ratios come from FLOPs, not dtypes); each converts only under quantize.
    const crossings = copies(fp32.ran).length;
    expect(crossings).toBeGreaterThan(10);
    expect(copies(quantized.ran)).toHaveLength(crossings);
    // The extra pass moves the bytes the copy moves, at the GPU's conversion rate instead of its copy rate.
    const gpu = scenario.soc.transfers.gpu!;
    const fp32CopyMs = copyMs(fp32.ran) - crossings * gpu.sync * 1e3;
    const expectedExtraMs = (fp32CopyMs * gpu.copy_bandwidth) / gpu.conversion_bandwidth;
    const extraMs = copyMs(quantized.ran) - copyMs(fp32.ran);
    expect(Math.abs(extraMs - expectedExtraMs) / expectedExtraMs).toBeLessThan(0.2);
  });
});

describe("mulayer's split ratio", () => {
  /** A planning context over a zoo graph whose profiling set is exactly linear in FLOPs, the CPU `slowdown` times the GPU. */
  function exactContext(graph: Graph, slowdown: number): PlanningContext {
    const nsPerFlop = (target: string) => (target === "cpu" ? slowdown : 1) * 1e-3;
    return {
      appIndex: 0,
      appName: "app",
      graph,
      apps: [{ name: "app", graph, arrival: {}, sloNs: null }],
      targets: [
        { id: "cpu", kind: "cpu", family: "cortex-a76" },
        { id: "gpu", kind: "gpu", family: "adreno-6xx" },
      ],
      cpuThreads: 4,
      framework: "mace",
      gpuMemory: "buffer",
      supports: () => true,
      frameworkPlacement: (target) => graph.ops.map(() => target),
      offlineOpNs: (opId, target) => graph.ops[opId]!.flops * nsPerFlop(target),
      profileSliceNs: (opId, target, slice) =>
        graph.ops[opId]!.flops * slice.share * nsPerFlop(target),
      transferNs: () => 0,
      countWork: () => {},
    };
  }

  for (const slowdown of [0.5, 1, 3, 9]) {
    it(`gives the CPU ≈ 1/(1+k) of each layer when it is k = ${slowdown} times slower and the model is exact`, () => {
      const graph = ZOO.get("vgg16").build("fp32");
      const policy = buildPolicy(SCHEDULERS.get("mulayer"), "mulayer", {}).policy;
      const plan = policy.plan(exactContext(graph, slowdown));
      const split = plan.units.filter(isSplit);
      expect(split.length).toBeGreaterThan(10);
      for (const unit of split) {
        const cpuShare = unit.options[0]!.slices[1]!.share;
        // One grid step, plus rounding to whole channels.
        const tolerance = 0.1 + 1 / channelsOf(graph, unit);
        expect(Math.abs(cpuShare - 1 / (1 + slowdown))).toBeLessThanOrEqual(tolerance);
      }
    });
  }
});

describe("mulayer's FLOPs predictor against an oracle", () => {
  /**
   * Test-only oracle: each slice priced in isolation at the run's top
   * operating point by the device's own slice pricing (its real shape,
   * work-groups and tiles), the way the runtime runs it.
   */
  function oracleFor(scenario: LoadedScenario): PolicyEntry {
    const { soc, catalog } = planRun(scenario, entry("mulayer"), 1);
    return mulayerPolicy(
      (app): LayerPredictor => ({
        sliceNs(op, targetId, share) {
          if (!app.supports(op.id, targetId)) return Number.POSITIVE_INFINITY;
          if (share === 1) return app.offlineOpNs(op.id, targetId);
          const target = catalog.target(targetId);
          const channels = channelsOfOp(app.graph, op.id);
          const range: [number, number] = [0, Math.round(share * channels)];
          const cycles = sliceCyclesOn(soc, target, app.graph, op.id, { axis: "channels", range });
          if (cycles === null) return Number.POSITIVE_INFINITY;
          const [frequencies] = topOperatingPoints(soc, target);
          return opSeconds(cycles, target, frequencies, cycles.nominalHit, 1) * 1e9;
        },
      }),
    );
  }

  /** Share of split layers' time one side waits at the barrier for the other. */
  function barrierIdle(ran: readonly Ran[], units: readonly PlanUnit[]): number {
    let idle = 0;
    let span = 0;
    for (const unit of units.filter(isSplit)) {
      const kernels = kernelsOf(ran, 0, unit);
      if (kernels.gpu.length === 0 || kernels.cpu.length === 0) continue;
      idle += Math.abs(latest(kernels.gpu) - latest(kernels.cpu));
      span += latest(kernels.all) - earliest(kernels.all);
    }
    return idle / span;
  }

  it("leaves one side idle at the barriers with its FLOPs predictor", async () => {
    const scenario = await phone([{ model: "posenet", fps: 1 }], 1.5);
    const flops = run(scenario, entry("mulayer"));
    expect(barrierIdle(flops.ran, flops.planned.planned[0]!.plan.units)).toBeGreaterThan(0.1);
  });

  // Expected failure (dynamics outside the policy): the oracle prices each slice alone, but the CPU
  // slice first copies the layer's input from the GPU (sync + map) and both slices share the memory
  // bus while they run; neither predictor sees those costs, so the oracle's barriers stay about as
  // uneven (posenet: 18 % of split layers' time vs 20 % with FLOPs) instead of losing most of it.
  it.fails("with an oracle predictor, loses most of the idle time at the barriers", async () => {
    const scenario = await phone([{ model: "posenet", fps: 1 }], 1.5);
    const flops = run(scenario, entry("mulayer"));
    const exact = run(scenario, entry("mulayer", oracleFor(scenario)));
    const flopsIdle = barrierIdle(flops.ran, flops.planned.planned[0]!.plan.units);
    const exactIdle = barrierIdle(exact.ran, exact.planned.planned[0]!.plan.units);
    expect(exactIdle).toBeLessThan(flopsIdle / 2);
  });
});
