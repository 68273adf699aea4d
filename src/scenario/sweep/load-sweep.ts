import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  InputError,
  type PathSegment,
  readYamlFile,
  SOCSIM_VERSION,
  validateSource,
  type YamlSource,
} from "../../core/index.ts";
import { type LoadedScenario, loadScenario } from "../load-scenario.ts";
import { runInputs } from "../run-inputs.ts";
import { parseAxisPath } from "./axis-path.ts";
import { canonicalJson, runId } from "./run-id.ts";
import { AxisPathError, loadSweepRun } from "./sweep-run.ts";
import { sweepSchema } from "./sweep-schema.ts";

export interface SweepRun {
  readonly id: string;
  /** Axis path → value, in the sweep file's order. */
  readonly axes: Readonly<Record<string, unknown>>;
}

export interface LoadedSweep {
  readonly file: string;
  readonly name: string;
  readonly baseFile: string;
  readonly runs: readonly SweepRun[];
  /**
   * Content hash of every file the runs read (scenario, workloads, SoCs,
   * models, policy modules, traces), the sweep's name and the socsim
   * version. The sweep file itself is left out so that adding runs keeps
   * the identity; the run ids catch every other change to it.
   */
  readonly identity: string;
  /** Every file the runs read: an output folder may hold none of them. */
  readonly inputs: readonly string[];
}

/**
 * Reads and checks a sweep file before anything runs: its schema, every
 * axis path, and every distinct axis value applied alone to the base
 * scenario and loaded as `socsim run` would (planning included), so a bad
 * value is one line at the value in the sweep file.
 */
export async function loadSweep(file: string): Promise<LoadedSweep> {
  const source = readYamlFile(file);
  if (source.kind !== "sweep")
    throw source.errorAt(["kind"], `expected a sweep file, found kind "${source.kind}"`);
  const spec = validateSource(source, sweepSchema);
  const baseFile = resolve(dirname(file), spec.base);
  const base = await loadScenario(baseFile);
  const inputs = new Set<string>([file, ...scenarioInputs(base)]);

  // Each distinct value is checked once, alone on the base: a sum over the axes, not their product.
  const placed: { axis: string; value: unknown; place: PathSegment[]; key: PathSegment[] }[] = [];
  if (spec.axes !== undefined) {
    for (const [axis, values] of Object.entries(spec.axes)) {
      for (const [index, value] of values.entries()) {
        placed.push({ axis, value, place: ["axes", axis, index], key: ["axes", axis] });
      }
    }
  } else {
    for (const [index, run] of spec.runs!.entries()) {
      for (const [axis, value] of Object.entries(run)) {
        placed.push({ axis, value, place: ["runs", index, axis], key: ["runs", index, axis] });
      }
    }
  }
  const checked = new Set<string>();
  for (const { axis, value, place, key: axisKey } of placed) {
    const axes = { [axis]: value };
    const key = canonicalJson(axes);
    if (checked.has(key)) continue;
    checked.add(key);
    const pathProblem = parseAxisPath(axis);
    if (typeof pathProblem === "string") throw source.errorAt(axisKey, pathProblem, true);
    const scenario = await loadAt(source, baseFile, axes, place, axisKey);
    for (const input of scenarioInputs(scenario)) inputs.add(input);
  }

  const runs = expandRuns(source, spec.axes, spec.runs);
  return {
    file,
    name: spec.name,
    baseFile,
    runs,
    identity: identityOf(
      spec.name,
      [...inputs].filter((input) => input !== file),
    ),
    inputs: [...inputs],
  };
}

/** Loads the base with `axes` set; an error, wherever it arose, is reported at `place` in the sweep file. */
async function loadAt(
  source: YamlSource,
  baseFile: string,
  axes: Readonly<Record<string, unknown>>,
  place: PathSegment[],
  axisKey: PathSegment[],
): Promise<LoadedScenario> {
  try {
    return await loadSweepRun(baseFile, axes);
  } catch (error) {
    if (error instanceof AxisPathError) {
      throw source.errorAt(axisKey, `no such field: ${error.message}`, true);
    }
    if (error instanceof InputError) {
      const inner = error.field === undefined ? error.detail : `${error.field}: ${error.detail}`;
      throw source.errorAt(place, inner);
    }
    throw error;
  }
}

function expandRuns(
  source: YamlSource,
  axes: Readonly<Record<string, readonly unknown[]>> | undefined,
  listed: readonly Readonly<Record<string, unknown>>[] | undefined,
): SweepRun[] {
  let combinations: { axes: Record<string, unknown>; place: PathSegment[] }[];
  if (axes !== undefined) {
    combinations = [{ axes: {}, place: ["axes"] }];
    for (const [axis, values] of Object.entries(axes)) {
      combinations = combinations.flatMap((combination) =>
        values.map((value, index) => ({
          axes: { ...combination.axes, [axis]: value },
          place: ["axes", axis, index],
        })),
      );
    }
  } else {
    combinations = listed!.map((run, index) => ({ axes: { ...run }, place: ["runs", index] }));
  }
  const seen = new Set<string>();
  const runs: SweepRun[] = [];
  for (const combination of combinations) {
    const id = runId(combination.axes);
    if (seen.has(id)) {
      throw source.errorAt(combination.place, "this run is listed twice (same values as another)");
    }
    seen.add(id);
    runs.push({ id, axes: combination.axes });
  }
  return runs;
}

function scenarioInputs(scenario: LoadedScenario): string[] {
  const modules = scenario.schedulers.flatMap((choice) =>
    choice.module === undefined ? [] : [resolve(dirname(scenario.file), choice.module)],
  );
  return [...runInputs(scenario), scenario.soc.file, ...modules];
}

function identityOf(name: string, inputs: readonly string[]): string {
  // Contents only, sorted: the same sweep checked out at another path (a cluster node) is the same sweep.
  const contents = inputs
    .map((input) => createHash("sha256").update(readFileSync(input)).digest("hex"))
    .sort();
  return createHash("sha256")
    .update(canonicalJson({ socsim: SOCSIM_VERSION, sweep: name, inputs: contents }))
    .digest("hex");
}
