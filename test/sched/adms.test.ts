import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { measureMix } from "../../scripts/adms-claims/measure.ts";
import { MIXES, SINGLE_PROCESSOR } from "../../scripts/adms-claims/mixes.ts";
import type { Execution } from "../../src/runtime/device-adapter.ts";
import { planRun } from "../../src/runtime/plan-run.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";
import { SCHEDULERS } from "../../src/sched/index.ts";
import { adms } from "../../src/sched/policies/adms.ts";
import { checkPolicy } from "../../src/testing/index.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-adms-"));
let files = 0;

interface Setup {
  readonly soc?: string;
  readonly models: readonly string[];
  readonly arrival?: string;
  readonly whatIf?: string;
  readonly durationS?: number;
}

/** A scenario of concurrent fp16 apps under TFLite (default: closed loop, one request outstanding each). */
async function scenario(setup: Setup) {
  const id = files++;
  const apps = setup.models
    .map(
      (model, index) =>
        `  - name: app${index}\n    model: ${model}\n    dtype: fp16\n    arrival: ${setup.arrival ?? "{ process: closed, outstanding: 1 }"}\n`,
    )
    .join("");
  writeFileSync(join(folder, `w${id}.yaml`), `kind: workload\nname: w${id}\napps:\n${apps}`);
  const lines = [
    "kind: scenario",
    `name: s${id}`,
    `soc: ${setup.soc ?? "snapdragon-855"}`,
    `workload: w${id}.yaml`,
    "schedulers: [adms]",
    "framework: tflite",
    `duration: ${setup.durationS ?? 1} s`,
    "warmup: 0 s",
    "seed: 1",
    ...(setup.whatIf === undefined ? [] : [`what_if: ${setup.whatIf}`]),
  ];
  writeFileSync(join(folder, `s${id}.yaml`), `${lines.join("\n")}\n`);
  return loadScenario(join(folder, `s${id}.yaml`));
}

const choice = (params: Record<string, unknown> = {}) => ({
  name: "adms",
  label: "adms",
  params,
  factory: SCHEDULERS.get("adms"),
});

/** The state terms off: earliest-finish-time list scheduling on the same subgraphs. */
const STATE_OFF = {
  utilisation_weight: 0,
  thermal_weight: 0,
  frequency_scaling: false,
  avoid_throttled: false,
};

/** Share of the kernel time the apps' work spent on one processor. */
function shareOn(executions: readonly Execution[], processor: string): number {
  let on = 0;
  let all = 0;
  for (const execution of executions) {
    if (execution.transfer) continue;
    const time = execution.endNs - execution.startNs;
    all += time;
    if (execution.processor === processor) on += time;
  }
  return on / all;
}

async function executionsOf(setup: Setup, params: Record<string, unknown> = {}) {
  const executions: Execution[] = [];
  const outcome = simulateRun(await scenario(setup), choice(params), 1, {
    onExecution: (execution) => executions.push(execution),
  });
  return { executions, result: outcome.result };
}

describe("adms partitioning", () => {
  const models = ["mobilenet-v2", "retinaface-mobilenet0.25", "inception-v3"];

  it("W = 1 is Band's support units; subgraphs never grow in number as W grows; every op in one subgraph", async () => {
    const loaded = await scenario({ models });
    const counts: number[][] = [];
    for (const window of [1, 2, 4, 8, 16, 32]) {
      const run = planRun(loaded, choice({ window }), 1);
      counts.push(run.planned.map((planned) => planned.plan.units.length));
      if (window === 1) {
        run.graphs.forEach((graph, app) => {
          const targets = run.catalog.info().map((target) => target.id);
          const mask = (op: number) =>
            targets.map((target) => run.catalog.supports(app, op, target)).join();
          const runs = graph.ops.filter((op, i) => i === 0 || mask(op.id) !== mask(i - 1)).length;
          expect(run.planned[app]!.plan.units.length).toBe(runs);
        });
      }
      // planUnitGraph has already refused a plan with an op in two units or in none.
      for (const planned of run.planned) {
        const ops = planned.plan.units.flatMap((unit) => unit.ops).sort((a, b) => a - b);
        expect(ops).toEqual(ops.map((_, i) => i));
      }
    }
    for (let i = 1; i < counts.length; i++)
      for (const [app, count] of counts[i]!.entries())
        expect(count).toBeLessThanOrEqual(counts[i - 1]![app]!);
  });

  it("chooses one window for every app of the scenario, and plans each zoo model in well under a second", async () => {
    const loaded = await scenario({ models });
    const started = performance.now();
    const chosen = planRun(loaded, choice(), 1);
    expect(performance.now() - started).toBeLessThan(1000 * models.length);
    const candidates = [1, 2, 4, 8, 16, 32].map((window) =>
      planRun(loaded, choice({ window }), 1)
        .planned.map((p) => p.plan.units.length)
        .join(),
    );
    const counts = chosen.planned.map((p) => p.plan.units.length).join();
    expect(candidates).toContain(counts);
  });
});

describe("adms run time", () => {
  it("thermal awareness: with the GPU pre-heated past its trips, new work moves off it; the ablation keeps sending it there", async () => {
    const setup = { models: ["mobilenet-v2", "efficientnet-lite0"], durationS: 0.5 };
    const hot = { ...setup, whatIf: "{ preheat: { gpu: 95 degC } }" };
    const cool = shareOn((await executionsOf(setup)).executions, "gpu");
    const heated = shareOn((await executionsOf(hot)).executions, "gpu");
    const blind = shareOn((await executionsOf(hot, STATE_OFF)).executions, "gpu");
    expect(heated).toBeLessThan(cool);
    expect(heated).toBeLessThan(blind);
  });

  // Failed after issue 18's seventh-round refit: with the GPU held at its lowest point, ADMS's
  // frequency term read the CPU clusters at the low clocks their governors hold while little work
  // reaches them, so the CPU looked slow and kept getting little (frequency awareness and DVFS
  // governors reinforce each other). Holds again since the eighth round's refit (Adreno launch
  // 64.6 → 54.2 µs, OpenCL enqueue apart, CPU coefficients moved slightly); the loop is close to
  // its tipping point and may move with the next refit. Nothing in ADMS or the governors changed.
  it("frequency awareness: a GPU held at its lowest point through fixed_freq gets less of the work", async () => {
    const setup = { models: ["mobilenet-v2", "efficientnet-lite0"], durationS: 0.5 };
    const slow = { ...setup, whatIf: "{ fixed_freq: { gpu: 257 MHz } }" };
    const normal = shareOn((await executionsOf(setup)).executions, "gpu");
    const held = shareOn((await executionsOf(slow)).executions, "gpu");
    expect(held).toBeLessThan(normal);
  });

  it("load awareness: two concurrent DNNs run on different processors at once rather than queuing on one", async () => {
    const { executions } = await executionsOf({
      models: ["mobilenet-v2", "mobilenet-v2"],
      durationS: 0.5,
    });
    const kernels = executions.filter((e) => !e.transfer);
    const processors = new Set(kernels.map((e) => e.processor));
    expect(processors.size).toBeGreaterThan(1);
  });
});

describe("adms CPU spreading (docs/policies/adms.md)", () => {
  // The Dimensity 9000 classifier mix, closed loop: an idle schedutil CPU cluster runs a whole classifier at a
  // low clock, about 3.5x its offline time; priced at its thermal cap it looks faster than a queue on the NPU.
  const setup = {
    soc: "dimensity-9000",
    models: ["mobilenet-v2", "resnet50", "efficientnet-lite0"],
    durationS: 1,
  };
  const cpuShare = (executions: readonly Execution[]) =>
    ["cpu-prime", "cpu-big", "cpu-little"].reduce((sum, id) => sum + shareOn(executions, id), 0);

  it("prices an idle CPU at its thermal cap by default and spreads work there; at the clock the monitor reads, it keeps off the CPUs", async () => {
    const capped = cpuShare((await executionsOf(setup)).executions);
    const current = cpuShare((await executionsOf(setup, { idle_frequency: "current" })).executions);
    expect(capped).toBeGreaterThan(0.2);
    expect(current).toBeLessThan(0.05);
  });
});

describe("adms claims (one small mix in CI; npm run claims:adms runs five mixes × three seeds on both phones)", () => {
  // Tuning guard: fails today and stays failing until the model, not ADMS's assumed defaults, changes. On this
  // light mix the Dimensity 9000's NPU alone serves all three classifiers without queueing (single-npu 4.74 ms);
  // ADMS puts their subgraphs on the NPU too and pays its decision cost per pass (4.76 ms): a tie, not a win.
  it.fails("multi-DNN latency below every single-processor TFLite-style policy on the Dimensity 9000", async () => {
    const figures = await measureMix(
      MIXES[0]!,
      "dimensity-9000",
      1,
      ["adms", ...SINGLE_PROCESSOR],
      2,
    );
    const adms = figures.find((f) => f.policy === "adms")!;
    expect(adms.multiDnnLatencyMs).not.toBeNull();
    for (const single of figures.filter((f) => f.policy !== "adms"))
      if (single.multiDnnLatencyMs !== null)
        expect(adms.multiDnnLatencyMs!).toBeLessThan(single.multiDnnLatencyMs);
  });

  // Tuning guard: fails since Band was registered (2026-12-03, this mix, seed 1, 2 s): Band 354 FPS and
  // 50.2 inferences/J, ADMS 317 FPS and 36.5/J. Band keeps the work on the NPU and GPU; ADMS also sends
  // subgraphs to the big CPU cores (busy about half the run), slower and costlier per inference (docs/policies/adms.md).
  it.fails("closed-loop throughput at least Band's and more inferences per joule than Band", async () => {
    const figures = await measureMix(MIXES[0]!, "dimensity-9000", 1, ["adms", "band"], 2);
    const [adms, band] = ["adms", "band"].map((p) => figures.find((f) => f.policy === p)!);
    expect(adms!.throughputFps).toBeGreaterThanOrEqual(band!.throughputFps);
    expect(adms!.inferencesPerJoule).toBeGreaterThan(band!.inferencesPerJoule);
  });
});

describe("adms through the testing kit", () => {
  // Counts every profiler query it makes (offline times and transfers), so the decision-cost checker holds.
  it("passes every checker of checkPolicy, decision cost included, on 40 random scenarios", () => {
    const report = checkPolicy(adms, {
      module: fileURLToPath(new URL("../../src/sched/policies/adms.ts", import.meta.url)),
      runs: 40,
      seed: 16,
      counterexampleDir: join(folder, "counterexample"),
    });
    expect(report.scenarios).toBe(40);
  }, 120_000);
});
