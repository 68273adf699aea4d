import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InputError, readTextFile, readYamlFile, type YamlSource } from "../../core/index.ts";
import { type LoadedScenario, loadScenario } from "../load-scenario.ts";
import { type PathStep, parseAxisPath, setAtPath } from "./axis-path.ts";

/** A path that reaches no field of the scenario (or of its workload). */
export class AxisPathError extends Error {
  constructor(
    readonly axis: string,
    detail: string,
  ) {
    super(detail);
  }
}

type Source = YamlSource & { readonly kind: string };

/**
 * The base scenario and workload files as this process last parsed them,
 * by path, with the text parsed: a worker loads the same base for every
 * run, and parsing it was a good part of a short run's load. Callers get
 * copies of the data, so nothing can change what the next run is handed.
 */
const parsed = new Map<string, { readonly text: string; readonly source: Source }>();

function readParsed(file: string): Source {
  const text = readTextFile(file);
  const known = parsed.get(file);
  if (known?.text === text) return known.source;
  const source = readYamlFile(file, text);
  parsed.set(file, { text, source });
  return source;
}

/**
 * The scenario of one sweep run: the base scenario with each axis value
 * set. `workload.…` paths change a copy of the workload the scenario names
 * (after a `workload` axis, if any, has chosen it); the files are never
 * written. Errors of the schemas keep the base files' positions; the sweep
 * loader moves them to the axis that caused them.
 */
export async function loadSweepRun(
  baseFile: string,
  axes: Readonly<Record<string, unknown>>,
): Promise<LoadedScenario> {
  const base = readParsed(baseFile);
  const scenarioData = structuredClone(base.data);
  const workloadAxes: [string, PathStep[], unknown][] = [];
  for (const [axis, steps, value] of shallowFirst(axes)) {
    const first = steps[0]!;
    if (steps.length > 1 && "key" in first && first.key === "workload") {
      workloadAxes.push([axis, steps.slice(1), value]);
      continue;
    }
    const problem = setAtPath(scenarioData, steps, structuredClone(value));
    if (problem !== undefined) throw new AxisPathError(axis, problem);
  }
  const sources: { scenario: Source; workload?: Source } = {
    scenario: { ...base, data: scenarioData },
  };
  const workloadFile =
    typeof scenarioData.workload === "string"
      ? resolve(dirname(baseFile), scenarioData.workload)
      : undefined;
  const workload =
    workloadFile === undefined ? undefined : workloadSource(workloadFile, workloadAxes);
  if (workload !== undefined) {
    const workloadData = structuredClone(workload.data);
    for (const [axis, steps, value] of workloadAxes) {
      const problem = setAtPath(workloadData, steps, structuredClone(value));
      if (problem !== undefined) throw new AxisPathError(axis, `workload: ${problem}`);
    }
    sources.workload = { ...workload, data: workloadData };
  }
  return loadScenario(baseFile, sources);
}

/**
 * The axes' paths, parsed, those with fewer steps first (a stable order
 * otherwise): an axis that sets a field whole (`schedulers`, `what_if`,
 * `workload`) comes before one that sets a field inside it, which would
 * otherwise be overwritten when it is named first.
 */
function shallowFirst(axes: Readonly<Record<string, unknown>>): [string, PathStep[], unknown][] {
  const parsed = Object.entries(axes).map(([axis, value]): [string, PathStep[], unknown] => {
    const steps = parseAxisPath(axis);
    if (typeof steps === "string") throw new AxisPathError(axis, steps);
    return [axis, steps, value];
  });
  return parsed.sort((a, b) => a[1].length - b[1].length);
}

/**
 * The workload file, parsed. Without workload axes, a workload that cannot
 * be read is left to the scenario loader, which reports it in its own order
 * (after the scenario's own fields) and place.
 */
function workloadSource(file: string, axes: readonly unknown[]): Source | undefined {
  if (axes.length > 0) return readParsed(file);
  if (!existsSync(file)) return undefined;
  try {
    return readParsed(file);
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}
