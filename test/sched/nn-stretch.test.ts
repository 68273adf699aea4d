import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STRETCH, stretchModel } from "../../src/graph/index.ts";
import type { Execution } from "../../src/runtime/device-adapter.ts";
import { planRun } from "../../src/runtime/plan-run.ts";
import type { RunPolicy } from "../../src/runtime/run-spec.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { type LoadedScenario, loadScenario } from "../../src/scenario/load-scenario.ts";
import { buildPolicy, type PlanningContext, type TargetInfo } from "../../src/sched/index.ts";
import { nnStretch } from "../../src/sched/policies/nn-stretch.ts";
import { tinyScenario } from "../runtime/helpers.ts";

const policy = (params: Record<string, unknown> = {}): RunPolicy => ({
  name: "nn-stretch",
  label: "nn-stretch",
  params,
  factory: nnStretch,
});

async function runResNet50(params: Record<string, unknown> = {}) {
  const scenario = await tinyScenario({
    apps: [{ model: "resnet50", fps: 5 }],
    schedulers: ["single-cpu"],
    durationS: 1,
  });
  return simulateRun(scenario, policy(params), 1);
}

/** Just enough of a planning context to rewrite: the app's graph and the SoC's targets. */
function contextOn(kinds: TargetInfo["kind"][], model = "resnet50"): PlanningContext {
  const targets = kinds.map((kind) => ({ id: kind, kind, family: "test" }));
  const graph = { name: model } as PlanningContext["graph"];
  return { appIndex: 0, appName: "app0", graph, targets } as unknown as PlanningContext;
}

describe("nn-stretch", () => {
  it("runs ResNet-50 stretched over CPU, GPU and DSP on the Snapdragon 855, with the stretched MACs", async () => {
    const { result } = await runResNet50();
    const model = result.models[0]!;
    expect(model.completed).toBeGreaterThan(0);
    expect(model.rewritten).toBe(true);
    // The app asks for fp32; the artifact's models are int8, and the results say so.
    expect(model.dtype).toBe("int8");
    expect(model.macs).toBe(stretchModel(STRETCH.get("R-50-CDG@mi")).report.after.macs);
    expect(result.framework).toBe("tflite");
  });

  it("uses the configuration an app names", async () => {
    const { result } = await runResNet50({ configurations: { app0: "R-50-CD@mi" } });
    expect(result.models[0]!.macs).toBe(stretchModel(STRETCH.get("R-50-CD@mi")).report.after.macs);
  });

  it("plans every branch on its processor and stem, merges and head on the CPU", () => {
    const { policy: built } = buildPolicy(nnStretch, "nn-stretch", {});
    const graph = built.rewrite!(contextOn(["cpu", "gpu", "dsp"]))!;
    const app = {
      ...contextOn(["cpu", "gpu", "dsp"]),
      graph,
      frameworkPlacement: (target: string) => graph.ops.map(() => target),
    } as unknown as PlanningContext;
    const plan = built.plan(app);
    expect(plan.fallbackOps).toBe(0);
    for (const unit of plan.units) {
      const target = unit.options[0]!.slices[0]!.target;
      for (const opId of unit.ops) expect(graph.ops[opId]!.placement!.processor).toBe(target);
    }
    // Stem, 4 stages × 3 branches, 4 merges, head.
    expect(plan.units.length).toBe(1 + 12 + 4 + 1);
  });

  it("refuses a model without a configuration and a SoC lacking a processor the configuration needs", () => {
    const { policy: built } = buildPolicy(nnStretch, "nn-stretch", {});
    expect(() => built.rewrite!(contextOn(["cpu", "gpu", "dsp"], "vgg16"))).toThrow(
      /no configuration for app0's model vgg16/,
    );
    // Without a DSP the default falls back to a CPU+GPU configuration...
    const noDsp = built.rewrite!(contextOn(["cpu", "gpu"]))!;
    expect(noDsp.ops.some((op) => op.placement?.processor === "dsp")).toBe(false);
    // ... but a CPU+DSP configuration named for the app is refused.
    const { policy: named } = buildPolicy(nnStretch, "nn-stretch", {
      configurations: { app0: "R-50-CD@mi" },
    });
    expect(() => named.rewrite!(contextOn(["cpu", "gpu"]))).toThrow(/needs a dsp/);
  });
});

const folder = mkdtempSync(join(tmpdir(), "socsim-nn-stretch-"));
let counter = 0;

/**
 * ResNet-50 in int8 (the artifact's TFLite models) on the Snapdragon 855:
 * closed loop with one outstanding request, clocks at their top points,
 * 25 °C, no UI or competing load; `gpuMhz` pins the GPU lower instead.
 */
async function resnet50On855(schedulers: readonly string[], gpuMhz?: number) {
  const id = counter++;
  writeFileSync(
    join(folder, `w${id}.yaml`),
    `kind: workload\nname: w${id}\napps:\n  - name: app0\n    model: resnet50\n    dtype: int8\n` +
      "    arrival: { process: closed, outstanding: 1 }\n",
  );
  const gpuGovernor = gpuMhz === undefined ? "performance" : "userspace";
  const fixed = gpuMhz === undefined ? "" : `  fixed_freq: { gpu: ${gpuMhz} MHz }\n`;
  writeFileSync(
    join(folder, `s${id}.yaml`),
    `kind: scenario\nname: s${id}\nsoc: snapdragon-855\nworkload: w${id}.yaml\n` +
      `schedulers: [${schedulers.join(", ")}]\nduration: 1 s\nwarmup: 0 s\nseed: 1\n` +
      "what_if:\n  governors: { cpu-prime: performance, cpu-big: performance, " +
      `cpu-little: performance, gpu: ${gpuGovernor}, dsp: performance }\n${fixed}`,
  );
  return loadScenario(join(folder, `s${id}.yaml`));
}

/** A stage of one request: when it became ready, each branch, and its merge. */
interface Stage {
  readonly readyNs: number;
  /** By processor kind: the start of the branch's first job (its input copy off the CPU) and the end of its last kernel. */
  readonly branches: ReadonlyMap<string, { startNs: number; doneNs: number }>;
  /** The merge's copies of the accelerators' outputs to the CPU, then its kernels. */
  readonly mergeCopies: readonly Execution[];
  readonly mergeKernelsStartNs: number;
  readonly mergeEndNs: number;
}

/** Runs the scenario's first entry and cuts request 0 into stem, stages and head by the stretched graph's placements. */
function stagesOf(scenario: LoadedScenario) {
  const choice = scenario.schedulers[0]!;
  const graph = planRun(scenario, choice, 1).graphs[0]!;
  const executions: Execution[] = [];
  // Tags are reused by the runtime: keep the fields read below.
  const { result } = simulateRun(scenario, choice, 1, {
    onExecution: (e) => executions.push({ ...e, tag: { ...e.tag } }),
  });
  const mine = executions.filter((e) => e.tag.request === 0);
  const kernels = (part: string, stage?: number, processor?: string) =>
    mine.filter((e) => {
      const placement = e.transfer ? undefined : graph.ops[e.tag.op]?.placement;
      return (
        placement !== undefined &&
        placement.part === part &&
        (stage === undefined || placement.stage === stage) &&
        (processor === undefined || placement.processor === processor)
      );
    });
  const start = (jobs: readonly Execution[]) => Math.min(...jobs.map((e) => e.startNs));
  const end = (jobs: readonly Execution[]) => Math.max(...jobs.map((e) => e.endNs));
  const stageCount = Math.max(...graph.ops.map((op) => op.placement?.stage ?? 0));
  const stages: Stage[] = [];
  let readyNs = end(kernels("stem"));
  for (let stage = 1; stage <= stageCount; stage++) {
    const branches = new Map<string, { startNs: number; doneNs: number }>();
    const kinds = new Set(
      kernels("branch", stage).map((e) => graph.ops[e.tag.op]!.placement!.processor),
    );
    for (const kind of kinds) {
      const own = kernels("branch", stage, kind);
      // Off the CPU a branch starts with its input copy, on its accelerator's transfer track.
      const copies = mine.filter(
        (e) => e.transfer && e.processor === kind && e.startNs >= readyNs && e.endNs <= start(own),
      );
      branches.set(kind, { startNs: start([...copies, ...own]), doneNs: end(own) });
    }
    const merge = kernels("merge", stage);
    const lastDone = Math.max(...[...branches.values()].map((branch) => branch.doneNs));
    const mergeCopies = mine.filter(
      (e) => e.transfer && e.startNs >= lastDone && e.endNs <= start(merge),
    );
    stages.push({
      readyNs,
      branches,
      mergeCopies,
      mergeKernelsStartNs: start(merge),
      mergeEndNs: end(merge),
    });
    readyNs = end(merge);
  }
  const processorOf = new Map(mine.filter((e) => !e.transfer).map((e) => [e.tag.op, e.processor]));
  return {
    result,
    stem: kernels("stem"),
    head: kernels("head"),
    stages,
    processorOf,
    start,
    end,
  };
}

const span = (stage: Stage) => stage.mergeEndNs - stage.readyNs;

describe("nn-stretch on the Snapdragon 855 (digest, How to test it in a simulator)", () => {
  const lastDone = (stage: Stage) =>
    Math.max(...[...stage.branches.values()].map((branch) => branch.doneNs));
  /** The merge: its input copies from the accelerators, then its kernels. */
  const mergeNs = (stage: Stage) => stage.mergeEndNs - lastDone(stage);
  const branchNs = (stage: Stage, kind: string) => {
    const { startNs, doneNs } = stage.branches.get(kind)!;
    return doneNs - startNs;
  };

  it("2: a stage's branches start together, its merge starts when the last ends, and a request is stem + stages + head", async () => {
    const run = stagesOf(await resnet50On855(["nn-stretch"]));
    expect(run.stages).toHaveLength(4);
    for (const stage of run.stages) {
      expect([...stage.branches.keys()].sort()).toEqual(["cpu", "dsp", "gpu"]);
      for (const branch of stage.branches.values()) expect(branch.startNs).toBe(stage.readyNs);
      // The merge fetches the GPU's and the DSP's outputs the instant the slowest branch ends, then runs.
      expect(stage.mergeCopies.length).toBeGreaterThanOrEqual(2);
      expect(Math.min(...stage.mergeCopies.map((e) => e.startNs))).toBe(lastDone(stage));
      expect(stage.mergeKernelsStartNs).toBe(Math.max(...stage.mergeCopies.map((e) => e.endNs)));
      // Stage time = slowest branch + merge.
      const slowest = Math.max(...["cpu", "dsp", "gpu"].map((kind) => branchNs(stage, kind)));
      expect(span(stage)).toBe(slowest + mergeNs(stage));
    }
    const stem = run.end(run.stem) - run.start(run.stem);
    const head = run.end(run.head) - run.start(run.head);
    const total = run.end(run.head) - run.start(run.stem);
    expect(total).toBe(stem + run.stages.reduce((sum, stage) => sum + span(stage), 0) + head);
  });

  it("3: with the GPU pinned at its lowest point, each stage grows by what its GPU branch's slowdown makes of the slowest branch, and no work moves", async () => {
    const nominal = stagesOf(await resnet50On855(["nn-stretch"]));
    const slowed = stagesOf(await resnet50On855(["nn-stretch"], 257));
    // The policy never moves work: every op of the request runs where it ran at full clock.
    expect(slowed.processorOf).toEqual(nominal.processorOf);
    let grown = 0;
    nominal.stages.forEach((before, index) => {
      const after = slowed.stages[index]!;
      const gpuSlowdown = branchNs(after, "gpu") - branchNs(before, "gpu");
      expect(gpuSlowdown).toBeGreaterThan(0);
      // The other branches and the merge keep their times: they share only the memory bus with
      // the GPU, whose slower kernels leave them a little more of it (up to 5.5 % faster).
      for (const kind of ["cpu", "dsp"])
        expect(Math.abs(branchNs(after, kind) / branchNs(before, kind) - 1)).toBeLessThan(0.07);
      expect(Math.abs(mergeNs(after) / mergeNs(before) - 1)).toBeLessThan(0.02);
      // The stage grows by the GPU branch's slowdown less the slack it had to the slowest other branch.
      const others = Math.max(branchNs(before, "cpu"), branchNs(before, "dsp"));
      const expected =
        Math.max(others, branchNs(after, "gpu")) - Math.max(others, branchNs(before, "gpu"));
      const growth = span(after) - span(before);
      expect(growth).toBeLessThanOrEqual(gpuSlowdown * 1.02);
      expect(Math.abs(growth - expected)).toBeLessThan(0.02 * span(before));
      if (growth > 0.1 * span(before)) grown++;
    });
    // The GPU's lowest point makes it the slowest branch somewhere.
    expect(grown).toBeGreaterThan(0);
  });
  /** Item 6's mean latencies (ms) by label: NN-Stretch's CPU+DSP and CPU+GPU files, and each processor alone in TFLite int8. */
  let item6: Promise<Map<string, number>> | undefined;
  const latencies = () => {
    item6 ??= resnet50On855([
      "{name: nn-stretch, label: CD, params: {configurations: {app0: R-50-CD@mi}}}",
      "{name: nn-stretch, label: CG, params: {configurations: {app0: R-50-CG@mi}}}",
      "{name: single-cpu, label: C, framework: tflite}",
      "{name: single-gpu, label: G, framework: tflite}",
      "{name: single-dsp, label: D, framework: tflite}",
    ]).then(
      (scenario) =>
        new Map(
          scenario.schedulers.map((choice) => {
            const model = simulateRun(scenario, choice, 1).result.models[0]!;
            expect(model.completed).toBeGreaterThan(1);
            return [choice.label, model.latency_ms.mean!] as const;
          }),
        ),
    );
    return item6;
  };

  it("6: CG < min(C, G) for ResNet-50", async () => {
    const ms = await latencies();
    expect(ms.get("CG")!).toBeLessThan(Math.min(ms.get("C")!, ms.get("G")!));
  });

  // Expected failure (calibration and the configuration's phone, outside this policy): CD 16.7 ms
  // against C 26.1 and D 9.2 ms. socsim's Hexagon 690 runs int8 ResNet-50 2.8x faster than the
  // CPU, and R-50-CD@mi's branches were sized for the Xiaomi phone's ratio: the CPU branches take
  // about 13.6 ms of the request against the DSP's 3.7 ms, plus 4.3 ms of DSP copies (0.4 ms assumed
  // FastRPC sync each way per stage). CG holds (16.7 against C 26.1 and G 27.3 ms).
  it.fails("6: CD < min(C, D) for ResNet-50", async () => {
    const ms = await latencies();
    expect(ms.get("CD")!).toBeLessThan(Math.min(ms.get("C")!, ms.get("D")!));
  });
});
