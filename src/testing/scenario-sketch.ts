import { loadSoc, type SocSpec } from "../device/index.ts";
import { type Graph, resolveModel } from "../graph/index.ts";
import type { RunScenario } from "../runtime/run-spec.ts";
import { scenarioSchema } from "../scenario/scenario-schema.ts";
import { workloadSchema } from "../workload/workload-schema.ts";
import type { ArrivalSketch, ScenarioSketch } from "./arbitraries/scenario.ts";
import { loadSocVariant } from "./soc-variant.ts";

const socs = new Map<string, SocSpec>();
const graphs = new Map<string, Graph>();

/**
 * A sketch's run inputs, built in memory through the scenario and workload
 * schemas (so defaults are the files' defaults); SoCs and models are loaded
 * once per process, since a property test builds hundreds of scenarios.
 */
export function runScenarioOf(sketch: ScenarioSketch): RunScenario {
  const soc = socOfSketch(sketch);
  const workload = workloadSchema.parse(workloadDocumentOf(sketch));
  const spec = scenarioSchema.parse(
    scenarioDocumentOf(sketch, soc, {
      soc: sketch.soc,
      workload: "sketch",
      schedulers: ["single-cpu"],
    }),
  );
  return {
    spec,
    soc,
    workload,
    graphs: workload.apps.map((app, index) => {
      const generated = sketch.apps[index]?.graph;
      if (generated !== undefined) return generated;
      const key = `${app.model}/${app.dtype}`;
      let graph = graphs.get(key);
      if (graph === undefined) {
        graph = resolveModel(app.model, app.dtype);
        graphs.set(key, graph);
      }
      return graph;
    }),
    traces: new Map(),
  };
}

/**
 * A sketch's workload as a workload file writes it; `modelFiles[i]`, when
 * given, names the file app i's generated graph is written to.
 */
export function workloadDocumentOf(
  sketch: ScenarioSketch,
  modelFiles: readonly (string | undefined)[] = [],
): Record<string, unknown> {
  return {
    kind: "workload",
    name: "sketch",
    apps: sketch.apps.map((app, index) => ({
      name: `app${index}`,
      model: modelFiles[index] ?? app.model,
      ...(app.graph === undefined || graphDtype(app.graph) === "fp32"
        ? {}
        : { dtype: graphDtype(app.graph) }),
      arrival: arrivalAsWritten(app.arrival),
      ...(app.slo === undefined ? {} : { slo: seconds(app.slo) }),
      max_queue: app.maxQueue,
      ...(app.threads === undefined ? {} : { threads: app.threads }),
      ...(app.queueWindow === undefined ? {} : { queue_window: app.queueWindow }),
    })),
    competing: sketch.competing
      ? [{ name: "bg", processor: "cpu-big", duty_cycle: 0.5, period: "10 ms" }]
      : [],
    ...(sketch.ui
      ? { ui: { refresh: "60 Hz", cpu_per_frame: "3 ms", gpu_per_frame: "3 ms" } }
      : {}),
  };
}

/** A sketch as a scenario file writes it, naming its SoC, workload and schedulers as given. */
export function scenarioDocumentOf(
  sketch: ScenarioSketch,
  soc: SocSpec,
  names: {
    readonly soc: string;
    readonly workload: string;
    readonly schedulers: readonly unknown[];
  },
): Record<string, unknown> {
  return {
    kind: "scenario",
    name: "sketch",
    soc: names.soc,
    // A framework the SoC file lacks leaves the SoC's default, as no scenario file could name it.
    ...(sketch.framework === undefined || soc.frameworks[sketch.framework] === undefined
      ? {}
      : { framework: sketch.framework }),
    workload: names.workload,
    schedulers: names.schedulers,
    duration: seconds(sketch.durationS),
    warmup: seconds(sketch.durationS / 10),
    seed: sketch.seed,
  };
}

/** The bundled SoC a sketch names, loaded once per process. */
export function socOfSketch(sketch: ScenarioSketch): SocSpec {
  if (sketch.socVariant !== undefined) return loadSocVariant(sketch.socVariant);
  let soc = socs.get(sketch.soc);
  if (soc === undefined) {
    soc = loadSoc(sketch.soc);
    socs.set(sketch.soc, soc);
  }
  return soc;
}

function graphDtype(graph: Graph): string {
  return graph.tensors[graph.inputs[0] ?? -1]?.dtype ?? "fp32";
}

/** Times in a workload file are written with their unit. */
function seconds(value: number): string {
  return `${value} s`;
}

function arrivalAsWritten(arrival: ArrivalSketch): Record<string, unknown> {
  switch (arrival.process) {
    case "bursty":
      return { ...arrival, mean_on: seconds(arrival.mean_on), mean_off: seconds(arrival.mean_off) };
    case "closed":
      return { ...arrival, think: seconds(arrival.think) };
    default:
      return arrival;
  }
}
