import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InputError, readYamlFile, validateSource, type YamlSource } from "../core/index.ts";
import { loadSoc, type SocSpec, validateWhatIf } from "../device/index.ts";
import {
  applyFrontendTransforms,
  type Graph,
  InputShapeError,
  resolveModel,
} from "../graph/index.ts";
import type { RunPolicy, RunScenario } from "../runtime/run-spec.ts";
import { buildPolicy, ParamError, type PolicyEntry, SCHEDULERS } from "../sched/index.ts";
import { readTraceFile } from "../workload/arrivals.ts";
import { type WorkloadSpec, workloadSchema } from "../workload/workload-schema.ts";
import { planningProblem } from "./check-plans.ts";
import { checkUnavailableOnSoc } from "./check-unavailable.ts";
import { checkWorkloadOnSoc } from "./check-workload-on-soc.ts";
import { inputShapeErrorAt } from "./input-shape-place.ts";
import { loadReuse } from "./load-reuse.ts";
import { type ScenarioSpec, scenarioSchema } from "./scenario-schema.ts";
import { userPolicy } from "./user-policy.ts";

/** A scenario with its workload read and every name it uses resolved. */
export interface LoadedScenario extends RunScenario {
  readonly file: string;
  readonly spec: ScenarioSpec;
  readonly workloadFile: string;
  readonly schedulers: readonly ResolvedScheduler[];
}

/** A scheduler entry, resolved; its `entry` place lets a policy error point at it (FILE:LINE:COL). */
export type ResolvedScheduler = RunPolicy;

/**
 * Documents to use in place of reading the scenario and its workload from
 * disk: a sweep run is the base files with its axis values applied
 * (src/scenario/sweep/), still pointing at the base files for positions.
 */
export interface ScenarioSources {
  readonly scenario?: YamlSource & { readonly kind: string };
  readonly workload?: YamlSource & { readonly kind: string };
}

export function loadWorkload(
  file: string,
  source: YamlSource & { readonly kind: string } = readYamlFile(file),
): {
  source: YamlSource;
  workload: WorkloadSpec;
  graphs: Graph[];
  /** Arrival times (ns) of apps whose arrivals come from a trace file, by app name. */
  traces: Map<string, number[]>;
  /** Per-frame similarities of apps whose reuse reads a trace, by app name. */
  similarityTraces: Map<string, number[]>;
} {
  if (source.kind !== "workload")
    throw source.errorAt(["kind"], `expected a workload file, found kind "${source.kind}"`);
  const workload = validateSource(source, workloadSchema);
  const names = new Set<string>();
  const graphs = workload.apps.map((app, index) => {
    if (names.has(app.name))
      throw source.errorAt(["apps", index, "name"], `app name "${app.name}" is used twice`);
    names.add(app.name);
    const local = resolve(dirname(file), app.model);
    if (app.input_shapes !== undefined && !/\.onnx$/i.test(app.model))
      throw source.errorAt(
        ["apps", index, "input_shapes"],
        "input_shapes gives the sizes of an ONNX model's symbolic inputs; this app's model is not an .onnx file",
      );
    let graph: Graph;
    try {
      graph = resolveModel(
        existsSync(local) ? local : app.model,
        app.dtype,
        app.input_shapes === undefined ? undefined : { inputShapes: app.input_shapes },
      );
    } catch (error) {
      if (error instanceof InputShapeError) throw inputShapeErrorAt(source, index, app, error);
      if (error instanceof InputError && error.file !== app.model) throw error;
      throw source.errorAt(
        ["apps", index, "model"],
        error instanceof Error ? error.message : String(error),
      );
    }
    return applyFrontendTransforms(graph, app.transforms).graph;
  });
  const traces = new Map<string, number[]>();
  for (const [index, app] of workload.apps.entries()) {
    if (app.arrival.process !== "trace") continue;
    const trace = resolve(dirname(file), app.arrival.file);
    if (!existsSync(trace))
      throw source.errorAt(["apps", index, "arrival", "file"], `no such file: ${trace}`);
    traces.set(app.name, readTraceFile(trace));
  }
  const similarityTraces = loadReuse(source, file, workload, graphs);
  return { source, workload, graphs, traces, similarityTraces };
}

export async function loadScenario(
  file: string,
  sources: ScenarioSources = {},
): Promise<LoadedScenario> {
  const source = sources.scenario ?? readYamlFile(file);
  if (source.kind !== "scenario")
    throw source.errorAt(["kind"], `expected a scenario file, found kind "${source.kind}"`);
  const spec = validateSource(source, scenarioSchema);
  if (spec.warmup >= spec.duration)
    throw source.errorAt(["warmup"], "warm-up must be shorter than the duration");
  let soc: SocSpec;
  try {
    soc = loadSoc(socPath(file, spec.soc));
  } catch (error) {
    if (error instanceof InputError && error.position !== undefined) throw error;
    throw source.errorAt(["soc"], error instanceof Error ? error.message : String(error));
  }
  if (spec.framework !== undefined && soc.frameworks[spec.framework] === undefined) {
    throw source.errorAt(
      ["framework"],
      `${soc.id} has no framework "${spec.framework}" (known: ${Object.keys(soc.frameworks).join(", ")})`,
    );
  }
  validateWhatIf(source, soc, spec.what_if);
  checkUnavailableOnSoc(source, spec.what_if.unavailable, soc);
  const workloadFile = resolve(dirname(file), spec.workload);
  if (sources.workload === undefined && !existsSync(workloadFile))
    throw source.errorAt(["workload"], `no such file: ${workloadFile}`);
  const loaded = loadWorkload(workloadFile, sources.workload);
  const { workload, graphs, traces, similarityTraces } = loaded;
  checkWorkloadOnSoc(loaded.source, workload, soc);
  const schedulers: ResolvedScheduler[] = [];
  for (const [index, entry] of spec.schedulers.entries()) {
    const choice =
      typeof entry === "string"
        ? {
            name: entry,
            label: undefined,
            params: {},
            module: undefined,
            framework: undefined,
            gpu_memory: undefined,
          }
        : entry;
    const path = typeof entry === "string" ? ["schedulers", index] : ["schedulers", index, "name"];
    const label = choice.label ?? choice.name;
    const earlier = schedulers.findIndex((other) => other.label === label);
    if (earlier >= 0) {
      throw source.errorAt(
        choice.label === undefined ? path : ["schedulers", index, "label"],
        `label "${label}" is already schedulers[${earlier}]'s; give this entry a label of its own`,
      );
    }
    const factory =
      choice.module === undefined
        ? builtIn(source, path, choice.name)
        : await userPolicy(
            source,
            ["schedulers", index, "module"],
            resolve(dirname(file), choice.module),
          );
    if (choice.framework !== undefined && soc.frameworks[choice.framework] === undefined)
      throw source.errorAt(
        ["schedulers", index, "framework"],
        `${soc.id} has no framework "${choice.framework}" (known: ${Object.keys(soc.frameworks).join(", ")})`,
      );
    try {
      buildPolicy(factory, choice.name, choice.params);
    } catch (error) {
      if (error instanceof ParamError)
        throw source.errorAt(["schedulers", index, "params", error.param], error.message);
      throw source.errorAt(
        path,
        `the policy cannot be built: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    schedulers.push({
      name: choice.name,
      label,
      params: choice.params,
      factory,
      ...(choice.module === undefined ? {} : { module: choice.module }),
      ...(choice.framework === undefined ? {} : { framework: choice.framework }),
      ...(choice.gpu_memory === undefined ? {} : { gpuMemory: choice.gpu_memory }),
      entry: placeOf(source.errorAt(path, "")),
    });
  }
  const loadedScenario: LoadedScenario = {
    file,
    spec,
    soc,
    workloadFile,
    workload,
    graphs,
    schedulers,
    traces,
    similarityTraces,
  };
  const problem = planningProblem(loadedScenario, spec.seed, schedulers);
  if (problem !== undefined) {
    const entry = spec.schedulers[problem.schedulerIndex];
    const field =
      typeof entry === "object" && entry.gpu_memory !== undefined ? "gpu_memory" : undefined;
    throw source.errorAt(
      field === undefined
        ? ["schedulers", problem.schedulerIndex]
        : ["schedulers", problem.schedulerIndex, field],
      problem.detail,
    );
  }
  return loadedScenario;
}

/** A bundled SoC id as is; a path to a SoC file relative to the scenario file, like the workload. */
function socPath(scenarioFile: string, soc: string): string {
  const isPath = /\.ya?ml$/.test(soc) || soc.includes("/");
  return isPath ? resolve(dirname(scenarioFile), soc) : soc;
}

function placeOf(error: InputError): RunPolicy["entry"] {
  return {
    file: error.file,
    ...(error.position === undefined ? {} : { position: error.position }),
  };
}

function builtIn(source: YamlSource, path: (string | number)[], name: string): PolicyEntry {
  if (!SCHEDULERS.has(name)) throw source.errorAt(path, SCHEDULERS.unknownMessage(name));
  return SCHEDULERS.get(name);
}
