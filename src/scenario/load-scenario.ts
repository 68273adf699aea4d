import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InputError, readYamlFile, validateSource, type YamlSource } from "../core/index.ts";
import { loadSoc, type SocSpec, validateWhatIf } from "../device/index.ts";
import { type Graph, resolveModel } from "../graph/index.ts";
import { ParamError, SCHEDULERS, type SchedulerFactory } from "../sched/index.ts";
import { readTraceFile } from "../workload/arrivals.ts";
import { type WorkloadSpec, workloadSchema } from "../workload/workload-schema.ts";
import { planningProblem } from "./check-plans.ts";
import { checkWorkloadOnSoc } from "./check-workload-on-soc.ts";
import { type ScenarioSpec, scenarioSchema } from "./scenario-schema.ts";
import { userPolicy } from "./user-policy.ts";

/** A scenario with its workload read and every name it uses resolved. */
export interface LoadedScenario {
  readonly file: string;
  readonly spec: ScenarioSpec;
  readonly soc: SocSpec;
  readonly workloadFile: string;
  readonly workload: WorkloadSpec;
  /** One graph per app, in the app's dtype. */
  readonly graphs: readonly Graph[];
  readonly schedulers: readonly ResolvedScheduler[];
  /** Arrival times (ns) of apps whose arrivals come from a trace file, by app name. */
  readonly traces: ReadonlyMap<string, readonly number[]>;
}

export interface ResolvedScheduler {
  readonly name: string;
  /** What results call this run: the entry's `label`, or its name. */
  readonly label: string;
  readonly params: Record<string, unknown>;
  readonly factory: SchedulerFactory;
  /** The user's policy module, when the entry names one. */
  readonly module?: string;
}

export function loadWorkload(file: string): {
  source: YamlSource;
  workload: WorkloadSpec;
  graphs: Graph[];
  /** Arrival times (ns) of apps whose arrivals come from a trace file, by app name. */
  traces: Map<string, number[]>;
} {
  const source = readYamlFile(file);
  if (source.kind !== "workload")
    throw source.errorAt(["kind"], `expected a workload file, found kind "${source.kind}"`);
  const workload = validateSource(source, workloadSchema);
  const names = new Set<string>();
  const graphs = workload.apps.map((app, index) => {
    if (names.has(app.name))
      throw source.errorAt(["apps", index, "name"], `app name "${app.name}" is used twice`);
    names.add(app.name);
    const local = resolve(dirname(file), app.model);
    try {
      return resolveModel(existsSync(local) ? local : app.model, app.dtype);
    } catch (error) {
      if (error instanceof InputError && error.file !== app.model) throw error;
      throw source.errorAt(
        ["apps", index, "model"],
        error instanceof Error ? error.message : String(error),
      );
    }
  });
  const traces = new Map<string, number[]>();
  for (const [index, app] of workload.apps.entries()) {
    if (app.arrival.process !== "trace") continue;
    const trace = resolve(dirname(file), app.arrival.file);
    if (!existsSync(trace))
      throw source.errorAt(["apps", index, "arrival", "file"], `no such file: ${trace}`);
    traces.set(app.name, readTraceFile(trace));
  }
  return { source, workload, graphs, traces };
}

export async function loadScenario(file: string): Promise<LoadedScenario> {
  const source = readYamlFile(file);
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
  const workloadFile = resolve(dirname(file), spec.workload);
  if (!existsSync(workloadFile))
    throw source.errorAt(["workload"], `no such file: ${workloadFile}`);
  const loaded = loadWorkload(workloadFile);
  const { workload, graphs, traces } = loaded;
  checkWorkloadOnSoc(loaded.source, workload, soc);
  const schedulers: ResolvedScheduler[] = [];
  for (const [index, entry] of spec.schedulers.entries()) {
    const choice =
      typeof entry === "string"
        ? { name: entry, label: undefined, params: {}, module: undefined }
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
    try {
      factory(choice.params);
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
    });
  }
  const problem = planningProblem(spec, soc, workload, graphs, schedulers);
  if (problem !== undefined)
    throw source.errorAt(["schedulers", problem.schedulerIndex], problem.detail);
  return { file, spec, soc, workloadFile, workload, graphs, schedulers, traces };
}

/** A bundled SoC id as is; a path to a SoC file relative to the scenario file, like the workload. */
function socPath(scenarioFile: string, soc: string): string {
  const isPath = /\.ya?ml$/.test(soc) || soc.includes("/");
  return isPath ? resolve(dirname(scenarioFile), soc) : soc;
}

function builtIn(source: YamlSource, path: (string | number)[], name: string): SchedulerFactory {
  if (!SCHEDULERS.has(name)) throw source.errorAt(path, SCHEDULERS.unknownMessage(name));
  return SCHEDULERS.get(name);
}
