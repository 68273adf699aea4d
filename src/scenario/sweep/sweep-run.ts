import { dirname, resolve } from "node:path";
import { readYamlFile, type YamlSource } from "../../core/index.ts";
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
  const base = readYamlFile(baseFile);
  const scenarioData = structuredClone(base.data);
  const workloadAxes: [string, PathStep[], unknown][] = [];
  for (const [axis, value] of Object.entries(axes)) {
    const steps = parseAxisPath(axis);
    if (typeof steps === "string") throw new AxisPathError(axis, steps);
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
  if (workloadAxes.length > 0 && typeof scenarioData.workload === "string") {
    const workload = readYamlFile(resolve(dirname(baseFile), scenarioData.workload));
    const workloadData = structuredClone(workload.data);
    for (const [axis, steps, value] of workloadAxes) {
      const problem = setAtPath(workloadData, steps, structuredClone(value));
      if (problem !== undefined) throw new AxisPathError(axis, `workload: ${problem}`);
    }
    sources.workload = { ...workload, data: workloadData };
  }
  return loadScenario(baseFile, sources);
}
