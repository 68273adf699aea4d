import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unitSliceRanges } from "../../src/graph/index.ts";
import type { Execution } from "../../src/runtime/device-adapter.ts";
import { planRun } from "../../src/runtime/plan-run.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { type LoadedScenario, loadScenario } from "../../src/scenario/load-scenario.ts";
import type { PlanUnit, SliceAxis } from "../../src/sched/index.ts";

/**
 * CoDL against the digest's "How to test it in a simulator" list
 * (shared/research/schedulers/codl.md) and the seed study's F1 directions
 * on the Snapdragon 855. Scenarios: one app, clocks at their top points
 * (performance governors), the SoC's 25 °C ambient, no UI or competing
 * load; one request at a time, by a period longer than any policy's latency
 * or, for F1, a closed loop with one outstanding request.
 */

const folder = mkdtempSync(join(tmpdir(), "socsim-codl-"));
let counter = 0;

interface Setup {
  /** One app per model, each named app<i>. */
  readonly model: string | readonly string[];
  /** Requests per second of each app (default 1: never two of one app at once under any policy here). */
  readonly fps?: number;
  /** Each app's arrival as a YAML flow mapping, instead of the periodic one `fps` sets. */
  readonly arrival?: string;
  /** Scheduler entries as YAML flow items. */
  readonly schedulers: readonly string[];
  readonly soc?: string;
  /** Pins the GPU at this operating point (userspace governor) instead of its top one. */
  readonly gpuFrequency?: string;
  readonly durationS?: number;
  /** Each app's `threads:` (default: the framework's own count). */
  readonly threads?: number;
}

async function scenarioOf(setup: Setup): Promise<LoadedScenario> {
  const id = counter++;
  writeFileSync(
    join(folder, `w${id}.yaml`),
    `kind: workload\nname: w${id}\napps:\n${[setup.model]
      .flat()
      .map(
        (model, index) =>
          `  - name: app${index}\n    model: ${model}\n    arrival: ${setup.arrival ?? `{ process: periodic, fps: ${setup.fps ?? 1} }`}\n` +
          (setup.threads === undefined ? "" : `    threads: ${setup.threads}\n`),
      )
      .join("")}`,
  );
  const gpuGovernor = setup.gpuFrequency === undefined ? "performance" : "userspace";
  const governors =
    setup.soc === undefined || setup.soc === "snapdragon-855"
      ? `governors: { cpu-prime: performance, cpu-big: performance, cpu-little: performance, gpu: ${gpuGovernor} }`
      : "";
  const fixed =
    setup.gpuFrequency === undefined ? "" : `fixed_freq: { gpu: ${setup.gpuFrequency} }`;
  const whatIf = [governors, fixed].filter((part) => part !== "").join(", ");
  const file = join(folder, `s${id}.yaml`);
  writeFileSync(
    file,
    [
      "kind: scenario",
      `name: s${id}`,
      `soc: ${setup.soc ?? "snapdragon-855"}`,
      `workload: w${id}.yaml`,
      `schedulers: [${setup.schedulers.join(", ")}]`,
      `duration: ${setup.durationS ?? 2} s`,
      "seed: 1",
      `what_if: { ${whatIf} }`,
      "",
    ].join("\n"),
  );
  return loadScenario(file);
}

/** Runs every scheduler entry of the scenario; by label, the app's result and the run's executions. */
function runAll(scenario: LoadedScenario) {
  return new Map(
    scenario.schedulers.map((choice) => {
      const executions: Execution[] = [];
      const { result } = simulateRun(scenario, choice, 1, {
        onExecution: (execution) => executions.push(execution),
      });
      return [choice.label, { model: result.models[0]!, result, executions }] as const;
    }),
  );
}

function meanLatency(run: { model: { latency_ms: { mean: number | null } } } | undefined): number {
  const mean = run?.model.latency_ms.mean;
  if (mean === null || mean === undefined) throw new Error("no request completed");
  return mean;
}

/** CoDL's plan of the scenario's one app (the first scheduler entry must be codl). */
function codlPlan(scenario: LoadedScenario) {
  const planned = planRun(scenario, scenario.schedulers[0]!, 1);
  return { graph: planned.graphs[0]!, units: planned.planned[0]!.plan.units };
}

function splitOf(unit: PlanUnit): { ratio: number; axis: SliceAxis } | undefined {
  const slices = unit.options[0]!.slices;
  if (slices.length === 1) return undefined;
  return { ratio: slices[0]!.share, axis: slices[0]!.axis ?? "channels" };
}

describe("codl plans", () => {
  it("gives every co-executed op disjoint GPU and CPU slices covering its output, with halo rows only on H splits", async () => {
    for (const model of ["vgg16", "yolov2"]) {
      const { graph, units } = codlPlan(await scenarioOf({ model, schedulers: ["codl"] }));
      const split = units.filter((unit) => splitOf(unit) !== undefined);
      expect(split.length).toBeGreaterThan(0);
      for (const unit of split) {
        const { ratio, axis } = splitOf(unit)!;
        expect(unit.options).toHaveLength(1);
        expect(unit.options[0]!.slices.map((slice) => slice.target)).toEqual(["gpu", "cpu"]);
        const gpu = unitSliceRanges(graph, unit.ops, axis, [0, ratio]);
        const cpu = unitSliceRanges(graph, unit.ops, axis, [ratio, 1]);
        const last = unit.ops.length - 1;
        const shape = graph.tensors[graph.ops[unit.ops[last]!]!.outputs[0]!]!.shape;
        const size =
          axis === "rows" ? shape[2]! : shape[shape.length === 4 ? 1 : shape.length - 1]!;
        // The chain's output: the GPU's part then the CPU's, nothing twice, nothing missing.
        expect(gpu[last]![0]).toBe(0);
        expect(gpu[last]![1]).toBe(cpu[last]![0]);
        expect(cpu[last]![1]).toBe(size);
        unit.ops.forEach((_, index) => {
          const overlap = gpu[index]![1] - cpu[index]![0];
          if (axis === "channels") expect(overlap).toBe(0);
          else expect(overlap).toBeGreaterThanOrEqual(0);
        });
      }
    }
  });

  it("grows a rows chain's first op by the halo of the ops after it, and stops a chain short of an op that could extend it", async () => {
    const { graph, units } = codlPlan(await scenarioOf({ model: "vgg16", schedulers: ["codl"] }));
    // Chains with a k×k convolution after their first op (a 2×2/2 pool and activations add no halo).
    const chains = units.filter(
      (unit) =>
        splitOf(unit)?.axis === "rows" &&
        unit.ops
          .slice(1)
          .some(
            (opId) =>
              (graph.ops[opId]!.attrs.kernel?.[0] ?? 1) > 1 && graph.ops[opId]!.kind === "conv2d",
          ),
    );
    expect(chains.length).toBeGreaterThan(0);
    for (const chain of chains) {
      const { ratio } = splitOf(chain)!;
      const cpuRowsOfFirst = (length: number) => {
        const [from, to] = unitSliceRanges(graph, chain.ops.slice(0, length), "rows", [
          ratio,
          1,
        ])[0]!;
        return to - from;
      };
      expect(cpuRowsOfFirst(chain.ops.length)).toBeGreaterThan(cpuRowsOfFirst(1));
    }
    // Fig. 13's interior optimum: some chain ends although the next op reads its output and is a conv.
    const stoppedShort = units.some((unit, index) => {
      const next = units[index + 1];
      if (splitOf(unit) === undefined || next === undefined) return false;
      const lastOutput = graph.ops[unit.ops[unit.ops.length - 1]!]!.outputs[0]!;
      const following = graph.ops[next.ops[0]!]!;
      return following.kind === "conv2d" && following.inputs.includes(lastOutput);
    });
    expect(stoppedShort).toBe(true);
  });

  it("splits CNNs like YOLOv2 and VGG-16 mostly by H, and picks OC only on smaller feature maps", async () => {
    for (const model of ["vgg16", "yolov2"]) {
      const { graph, units } = codlPlan(await scenarioOf({ model, schedulers: ["codl"] }));
      const ops = units.flatMap((unit) => {
        const split = splitOf(unit);
        return split === undefined ? [] : unit.ops.map((opId) => ({ opId, axis: split.axis }));
      });
      const convs = ops.filter(({ opId }) => graph.ops[opId]!.kind === "conv2d");
      const rows = convs.filter(({ axis }) => axis === "rows");
      expect(rows.length).toBeGreaterThan(convs.length / 2);
      const area = (opId: number) => {
        const shape = graph.tensors[graph.ops[opId]!.outputs[0]!]!.shape;
        return shape[2]! * shape[3]!;
      };
      const largestOc = Math.max(
        0,
        ...convs.filter(({ axis }) => axis === "channels").map(({ opId }) => area(opId)),
      );
      const largestH = Math.max(...rows.map(({ opId }) => area(opId)));
      expect(largestOc).toBeLessThan(largestH);
    }
  });

  // Expected to fail while the Adreno 6xx concurrency is fitted well above 1000 work units: it was
  // 1501–1666 in earlier rounds, 972 in the eighth (the test held) and 2048 in the ninth (issue 18).
  // MobileNetV1's small late layers then fill less of the GPU (11.3 ms alone against 9.6 ms at
  // 972), and CoDL's plan splits some of them with the CPU.
  it.fails("keeps a MobileNet on one processor, so co-execution does not beat the GPU alone", async () => {
    const scenario = await scenarioOf({
      model: "mobilenet-v1",
      schedulers: ["codl", "{name: single-gpu, gpu_memory: image}"],
    });
    expect(codlPlan(scenario).units.every((unit) => splitOf(unit) === undefined)).toBe(true);
    const runs = runAll(scenario);
    expect(meanLatency(runs.get("codl"))).toBeGreaterThanOrEqual(
      meanLatency(runs.get("single-gpu")) * 0.999,
    );
  });

  // Checked on every model whose plan depends on the core count: the predictor's t_unit is
  // fitted to profiles of the app's own target, so cores change a plan only through Eq. 3's
  // rounding, and which models that touches moves with every refit (MobileNetV2's stopped on
  // 2026-12-04, ResNet-50's with the evening's).
  it("counts the app's CPU threads as Eq. 3's cores: one thread plans as cpu_cores 1 does, not as MACE's 4", async () => {
    const unitsOf = async (model: string, entry: string) =>
      codlPlan(await scenarioOf({ model, threads: 1, schedulers: [entry] })).units;
    let checked = 0;
    for (const model of [
      "resnet50",
      "vgg16",
      "yolov2",
      "resnet18",
      "inception-v3",
      "mobilenet-v1",
      "mobilenet-v2",
      "posenet",
      "deeplab-v3",
      "retinaface-mobilenet0.25",
      "efficientnet-lite0",
      "squeezenet-1.1",
    ]) {
      const four = await unitsOf(model, "{ name: codl, params: { cpu_cores: 4 } }");
      const one = await unitsOf(model, "{ name: codl, params: { cpu_cores: 1 } }");
      if (JSON.stringify(one) === JSON.stringify(four)) continue;
      expect(await unitsOf(model, "codl"), model).toEqual(one);
      checked++;
    }
    expect(checked, "no candidate model's plan depends on cpu_cores").toBeGreaterThan(0);
  });

  it("uses image memory on an Adreno and buffer memory on a Mali by default", async () => {
    const adreno = await scenarioOf({ model: "mobilenet-v1", schedulers: ["codl"] });
    const mali = await scenarioOf({
      model: "mobilenet-v1",
      schedulers: ["codl"],
      soc: "kirin-985",
    });
    expect(planRun(adreno, adreno.schedulers[0]!, 1).gpuMemory).toBe("image");
    expect(planRun(mali, mali.schedulers[0]!, 1).gpuMemory).toBe("buffer");
  });

  it("charges its planning as predictor queries at 0.35 ms each and plans a zoo model in under a second of host time", async () => {
    const scenario = await scenarioOf({ model: "yolov2", schedulers: ["codl"] });
    const started = performance.now();
    const planned = planRun(scenario, scenario.schedulers[0]!, 1);
    expect(performance.now() - started).toBeLessThan(1000);
    const queries = planned.planningNs / 350_000;
    expect(queries).toBeGreaterThan(planned.graphs[0]!.ops.length);
    expect(Number.isInteger(Math.round(queries * 1e6) / 1e6)).toBe(true);
  });
});

describe("codl runs", () => {
  it("shares data once at a chain's start and merges once at its end, never between its ops", async () => {
    const scenario = await scenarioOf({ model: "vgg16", schedulers: ["codl"] });
    const { units } = codlPlan(scenario);
    const unitOfOp = new Map(
      units.flatMap((unit) => unit.ops.map((opId) => [opId, unit] as const)),
    );
    const { executions } = runAll(scenario).get("codl")!;
    const requests = new Set(executions.map((execution) => execution.tag.request));
    const splitUnits = units.filter((unit) => splitOf(unit) !== undefined);
    for (const request of requests) {
      const mine = executions.filter((execution) => execution.tag.request === request);
      const joins = mine.filter((execution) => execution.transfer && execution.tag.name === "join");
      expect(joins).toHaveLength(splitUnits.length);
      for (const unit of splitUnits) {
        const cpuOps = mine.filter(
          (execution) =>
            !execution.transfer &&
            execution.processor.startsWith("cpu") &&
            unitOfOp.get(execution.tag.op) === unit,
        );
        const first = Math.min(...cpuOps.map((execution) => execution.startNs));
        const last = Math.max(...cpuOps.map((execution) => execution.endNs));
        const inside = mine.filter(
          (execution) =>
            execution.transfer && execution.startNs > first && execution.startNs < last,
        );
        expect(inside).toEqual([]);
      }
    }
  });

  it("leaves the CPU waiting longer at chain ends when the GPU runs slower than the plan assumed", async () => {
    const waitAtChainEnds = async (gpuFrequency: string | undefined) => {
      const scenario = await scenarioOf({ model: "vgg16", schedulers: ["codl"], gpuFrequency });
      const { units } = codlPlan(scenario);
      const { executions } = runAll(scenario).get("codl")!;
      let wait = 0;
      for (const unit of units.filter((candidate) => splitOf(candidate) !== undefined)) {
        const ops = new Set(unit.ops);
        const request = executions.find((execution) => ops.has(execution.tag.op))!.tag.request;
        const ends = (cpu: boolean) =>
          Math.max(
            ...executions
              .filter(
                (execution) =>
                  !execution.transfer &&
                  execution.tag.request === request &&
                  ops.has(execution.tag.op) &&
                  execution.processor.startsWith("cpu") === cpu,
              )
              .map((execution) => execution.endNs),
          );
        wait += Math.max(0, ends(false) - ends(true));
      }
      return wait;
    };
    const nominal = await waitAtChainEnds(undefined);
    // The GPU's lowest operating point, as a deep thermal step leaves it; the plan still assumes the top one.
    const throttled = await waitAtChainEnds("257 MHz");
    expect(throttled).toBeGreaterThan(nominal * 2);
  });

  it("gains less over the GPU alone with buffer memory than with image memory on the Adreno 640", async () => {
    const runs = runAll(
      await scenarioOf({
        model: "vgg16",
        schedulers: [
          "codl",
          "{name: codl, label: codl-buffer, gpu_memory: buffer}",
          "{name: single-gpu, label: gpu-image, gpu_memory: image}",
        ],
      }),
    );
    expect(meanLatency(runs.get("codl-buffer"))).toBeGreaterThan(meanLatency(runs.get("codl")));
    expect(meanLatency(runs.get("gpu-image")) / meanLatency(runs.get("codl-buffer"))).toBeLessThan(
      meanLatency(runs.get("gpu-image")) / meanLatency(runs.get("codl")),
    );
  });

  const energyRuns = async () => {
    const runs = runAll(
      await scenarioOf({
        model: "vgg16",
        schedulers: ["codl", "single-cpu", "{name: single-gpu, gpu_memory: image}"],
      }),
    );
    const energy = (label: string) => runs.get(label)!.model.energy_per_inference_mj!;
    return { energy, power: (label: string) => energy(label) / meanLatency(runs.get(label)) };
  };

  it("draws more power than either processor alone, and spends less energy per inference than the CPU", async () => {
    const { energy, power } = await energyRuns();
    expect(power("codl")).toBeGreaterThan(power("single-cpu"));
    expect(power("codl")).toBeGreaterThan(power("single-gpu"));
    expect(energy("codl")).toBeLessThan(energy("single-cpu"));
  });

  // After the issue-18 refit (Adreno launch 55 -> 60 us, concurrency 1666 -> 1480) CoDL spent 0.7 %
  // less than the GPU alone (933 against 940 mJ); with the host thread's launches, transfers and
  // MACE's pool spin metered as CPU work, its CPU side costs more: 949 against 942 mJ (+0.8 %).
  it("spends more energy per inference than the GPU alone (CoDL §7.6)", async () => {
    const { energy } = await energyRuns();
    expect(energy("codl")).toBeGreaterThan(energy("single-gpu"));
  });
});

describe("codl with several apps", () => {
  it("runs each app's requests one at a time, and the apps independently of each other", async () => {
    const scenario = await scenarioOf({
      model: ["yolov2", "vgg16"],
      schedulers: ["codl"],
      fps: 20,
      durationS: 1,
    });
    const { executions, result } = runAll(scenario).get("codl")!;
    const spans = new Map<string, Map<number, [number, number]>>();
    for (const execution of executions) {
      const { app, request } = execution.tag;
      const ofApp = spans.get(app) ?? new Map<number, [number, number]>();
      spans.set(app, ofApp);
      const span = ofApp.get(request) ?? [execution.startNs, execution.endNs];
      ofApp.set(request, [
        Math.min(span[0], execution.startNs),
        Math.max(span[1], execution.endNs),
      ]);
    }
    expect([...spans.keys()].sort()).toEqual(["app0", "app1"]);
    for (const ofApp of spans.values()) {
      const ordered = [...ofApp.values()].sort((a, b) => a[0] - b[0]);
      expect(ordered.length).toBeGreaterThan(2);
      for (let i = 1; i < ordered.length; i++)
        expect(ordered[i]![0]).toBeGreaterThanOrEqual(ordered[i - 1]![1]);
    }
    // The apps overlap in time: neither waits for the other's request to finish.
    const [first, second] = [...spans.values()].map((ofApp) => [...ofApp.values()]);
    const overlaps = first!.some(([start, end]) =>
      second!.some(([from, to]) => from < end && start < to),
    );
    expect(overlaps).toBe(true);
    expect(result.models.every((model) => model.completed > 0)).toBe(true);
  });
});

describe("seed study F1 on the Snapdragon 855: CoDL (image) beats the CPU alone and the GPU alone (image)", () => {
  for (const model of ["vgg16", "yolov2", "posenet"]) {
    it(model, async () => {
      const runs = runAll(
        await scenarioOf({
          model,
          arrival: "{ process: closed, outstanding: 1 }",
          schedulers: ["codl", "single-cpu", "{name: single-gpu, gpu_memory: image}"],
        }),
      );
      const codl = meanLatency(runs.get("codl"));
      expect(runs.get("codl")!.result.gpu_memory).toBe("image");
      // Back to back: each mean is over a loop of requests, not one cold request.
      for (const run of runs.values()) expect(run.model.completed).toBeGreaterThan(1);
      expect(codl).toBeLessThan(meanLatency(runs.get("single-cpu")));
      expect(codl).toBeLessThan(meanLatency(runs.get("single-gpu")));
    });
  }
});
