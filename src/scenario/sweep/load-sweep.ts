import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  InputError,
  type PathSegment,
  readYamlFile,
  SOCSIM_VERSION,
  validateSource,
  type YamlSource,
} from "../../core/index.ts";
import { loadScenario } from "../load-scenario.ts";
import { scenarioSchema } from "../scenario-schema.ts";
import { isPrefix, type PathStep, parseAxisPath } from "./axis-path.ts";
import { shapesPlan } from "./planning-axes.ts";
import { canonicalJson, runId } from "./run-id.ts";
import { sweepSchema } from "./sweep-schema.ts";
import { type CheckOutcome, checkAxisValues } from "./value-check.ts";

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
 * A distinct axis value of a sweep to check alone on the base, or a
 * distinct combination of the values that shape a run's plan, with where
 * it is written (for a combination, its last value).
 */
export interface ValueCheck {
  readonly axes: Readonly<Record<string, unknown>>;
  /** The value in the sweep file, and the axis's key (for a path that reaches no field). */
  readonly place: readonly PathSegment[];
  readonly axisKey: readonly PathSegment[];
}

/** A sweep file read and expanded, its base scenario loaded; its values not checked yet. */
export interface ReadSweep {
  readonly file: string;
  readonly source: YamlSource;
  readonly name: string;
  readonly baseFile: string;
  readonly runs: readonly SweepRun[];
  /** The values to check on the base (the base itself is checked alone first, see checkSweepValues). */
  readonly checks: readonly ValueCheck[];
}

/** Checks one set of axis values: in this thread, or in a pool worker (`socsim sweep`). */
export type ValueChecker = (
  baseFile: string,
  axes: Readonly<Record<string, unknown>>,
) => Promise<CheckOutcome>;

/** Reads and checks a sweep file (as `socsim validate` does), every value in this thread. */
export async function loadSweep(file: string): Promise<LoadedSweep> {
  return checkSweepValues(readSweep(file), checkAxisValues);
}

/**
 * Reads a sweep file: its schema, every axis path and the runs, with ids.
 * The base scenario is loaded with the values, by `checkSweepValues`.
 */
export function readSweep(file: string): ReadSweep {
  const source = readYamlFile(file);
  if (source.kind !== "sweep")
    throw source.errorAt(["kind"], `expected a sweep file, found kind "${source.kind}"`);
  const spec = validateSource(source, sweepSchema);
  const baseFile = resolve(dirname(file), spec.base);
  if (!existsSync(baseFile)) throw source.errorAt(["base"], `no such scenario file: ${baseFile}`);

  // Each distinct value is checked once, alone on the base: a sum over the axes, not their product.
  const placed: ValueCheck[] = [];
  if (spec.axes !== undefined) {
    for (const [axis, values] of Object.entries(spec.axes)) {
      for (const [index, value] of values.entries()) {
        placed.push({
          axes: { [axis]: value },
          place: ["axes", axis, index],
          axisKey: ["axes", axis],
        });
      }
    }
  } else {
    for (const [index, run] of spec.runs!.entries()) {
      for (const [axis, value] of Object.entries(run)) {
        const place = ["runs", index, axis];
        placed.push({ axes: { [axis]: value }, place, axisKey: place });
      }
    }
  }
  // Axes whose values can be bad only together: those shaping the plan, and those nested in one another.
  const jointAxes = new Set<string>();
  const axisSteps = new Map<string, PathStep[]>();
  for (const check of placed) {
    const [axis] = Object.keys(check.axes) as [string];
    const steps = parseAxisPath(axis);
    if (typeof steps === "string") throw source.errorAt(check.axisKey, steps, true);
    if (shapesPlan(steps)) jointAxes.add(axis);
    axisSteps.set(axis, steps);
  }
  // An axis inside a field another axis sets whole may reach nothing with some of its values.
  for (const [axis, steps] of axisSteps) {
    for (const [other, otherSteps] of axisSteps) {
      if (other !== axis && isPrefix(otherSteps, steps)) {
        jointAxes.add(axis);
        jointAxes.add(other);
      }
    }
  }
  const runs = expandRuns(source, spec.axes, spec.runs);
  // Then each distinct combination of two or more such values, planned once: after every value alone, so a bad value is reported at itself.
  for (const [index, run] of runs.entries()) {
    const shaping = Object.keys(run.axes).filter((axis) => jointAxes.has(axis));
    if (shaping.length < 2) continue;
    const last = shaping.at(-1)!;
    const values = spec.axes?.[last];
    placed.push({
      axes: Object.fromEntries(shaping.map((axis) => [axis, run.axes[axis]])),
      place:
        values === undefined
          ? ["runs", index, last]
          : [
              "axes",
              last,
              values.findIndex((value) => canonicalJson(value) === canonicalJson(run.axes[last])),
            ],
      axisKey: values === undefined ? ["runs", index, last] : ["axes", last],
    });
  }
  const seen = new Set<string>();
  const checks = placed.filter((check) => {
    const key = canonicalJson(check.axes);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    file,
    source,
    name: spec.name,
    baseFile,
    runs,
    checks,
  };
}

/**
 * Loads the base scenario alone and with every distinct value set, as
 * `socsim run` would (planning included), so that a bad base or value is
 * one line before anything runs: a bad base at its own line, a bad value at
 * the value in the sweep file (the first in file order). Then the sweep's
 * identity is the files all of them read.
 */
export async function checkSweepValues(
  sweep: ReadSweep,
  check: ValueChecker,
): Promise<LoadedSweep> {
  const [base, ...outcomes] = await Promise.all([
    check(sweep.baseFile, {}),
    ...sweep.checks.map((value) => check(sweep.baseFile, value.axes)),
  ]);
  if (!("inputs" in base)) {
    // Loaded again here, in this thread, for the error at its place in the base's files.
    await loadScenario(sweep.baseFile);
    throw new InputError(sweep.baseFile, "refused" in base ? base.refused : base.noSuchField);
  }
  const inputs = new Set<string>([sweep.file, ...base.inputs]);
  for (const [index, outcome] of outcomes.entries()) {
    const { place, axisKey } = sweep.checks[index]!;
    const others = Object.entries(sweep.checks[index]!.axes).slice(0, -1);
    const together = others.map(([axis, value]) => `${axis}: ${canonicalJson(value)}`);
    const withOthers = (why: string) =>
      together.length === 0 ? why : `with ${together.join(", ")}: ${why}`;
    if ("noSuchField" in outcome) {
      throw together.length === 0
        ? sweep.source.errorAt(axisKey, `no such field: ${outcome.noSuchField}`, true)
        : sweep.source.errorAt(place, withOthers(`no such field: ${outcome.noSuchField}`));
    }
    if ("refused" in outcome) throw sweep.source.errorAt(place, withOthers(outcome.refused));
    for (const input of outcome.inputs) inputs.add(input);
  }
  return {
    file: sweep.file,
    name: sweep.name,
    baseFile: sweep.baseFile,
    runs: sweep.runs,
    identity: identityOf(
      sweep.name,
      [...inputs].filter((input) => input !== sweep.file),
    ),
    inputs: [...inputs],
  };
}

/**
 * A scenario file read as a sweep of one run with no axis values, so that
 * a scenario runs in the pool and its folder like any sweep (`socsim
 * reproduce` runs findings of either kind).
 */
export function readScenarioAsSweep(file: string): ReadSweep {
  const source = readYamlFile(file);
  if (source.kind !== "scenario")
    throw source.errorAt(["kind"], `expected a scenario file, found kind "${source.kind}"`);
  return {
    file,
    source,
    name: validateSource(source, scenarioSchema).name,
    baseFile: file,
    runs: [{ id: runId({}), axes: {} }],
    checks: [],
  };
}

/**
 * The sweep with `extra` values set in every run as well (new run ids),
 * each value checked once on the base like the file's own: how `socsim
 * reproduce --quick` shortens its findings. An extra value wins over the
 * file's on the same path.
 */
export function withExtraAxes(
  sweep: ReadSweep,
  extra: Readonly<Record<string, unknown>>,
): ReadSweep {
  const runs = sweep.runs.map((run) => {
    const axes = { ...run.axes, ...extra };
    return { id: runId(axes), axes };
  });
  const checks = Object.entries(extra).map(([axis, value]) => ({
    axes: { [axis]: value },
    place: [],
    axisKey: [],
  }));
  return { ...sweep, runs, checks: [...sweep.checks, ...checks] };
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

function identityOf(name: string, inputs: readonly string[]): string {
  // Contents only, sorted: the same sweep checked out at another path (a cluster node) is the same sweep.
  const contents = inputs
    .map((input) => createHash("sha256").update(readFileSync(input)).digest("hex"))
    .sort();
  return createHash("sha256")
    .update(canonicalJson({ socsim: SOCSIM_VERSION, sweep: name, inputs: contents }))
    .digest("hex");
}
