import { dirname, resolve } from "node:path";
import { readYamlFile, validateSource, type YamlSource } from "../core/index.ts";
import { readTraceFile } from "../workload/arrivals.ts";
import { type WorkloadSpec, workloadSchema } from "../workload/workload-schema.ts";
import { type ScenarioSpec, scenarioSchema } from "./scenario-schema.ts";

/** A scenario with its workload read and every file it names resolved. */
export interface LoadedScenario {
  readonly file: string;
  readonly spec: ScenarioSpec;
  readonly workloadFile: string;
  readonly workload: WorkloadSpec;
  /** Arrival times (ns) of apps whose arrivals come from a trace file, by app name. */
  readonly traces: ReadonlyMap<string, readonly number[]>;
}

export function loadWorkload(file: string): { source: YamlSource; workload: WorkloadSpec } {
  const source = readYamlFile(file);
  if (source.kind !== "workload")
    throw source.errorAt(["kind"], `expected a workload file, found kind "${source.kind}"`);
  const workload = validateSource(source, workloadSchema);
  const names = new Set<string>();
  workload.apps.forEach((app, index) => {
    if (names.has(app.name))
      throw source.errorAt(["apps", index, "name"], `app name "${app.name}" is used twice`);
    names.add(app.name);
  });
  return { source, workload };
}

export function loadScenario(file: string): LoadedScenario {
  const source = readYamlFile(file);
  if (source.kind !== "scenario")
    throw source.errorAt(["kind"], `expected a scenario file, found kind "${source.kind}"`);
  const spec = validateSource(source, scenarioSchema);
  if (spec.warmup >= spec.duration)
    throw source.errorAt(["warmup"], "warm-up must be shorter than the duration");
  const workloadFile = resolve(dirname(file), spec.workload);
  const { workload } = loadWorkload(workloadFile);
  const traces = new Map<string, number[]>();
  for (const app of workload.apps) {
    if (app.arrival.process === "trace") {
      traces.set(app.name, readTraceFile(resolve(dirname(workloadFile), app.arrival.file)));
    }
  }
  return { file, spec, workloadFile, workload, traces };
}
