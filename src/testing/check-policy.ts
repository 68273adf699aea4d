import { join, resolve } from "node:path";
import fc from "fast-check";
import { secondsToNs } from "../core/index.ts";
import { PlanRefusedError, PolicyError } from "../runtime/policy-error.ts";
import { thrownMessage } from "../runtime/policy-value.ts";
import { buildPolicy, isDefinition, ParamError, type PolicyEntry } from "../sched/index.ts";
import {
  type ScenarioArbitraryConstraints,
  type ScenarioSketch,
  scenarioArbitrary,
} from "./arbitraries/scenario.ts";
import { checkedOptions } from "./check-options.ts";
import { checkDecisionCost } from "./checkers/decision-cost.ts";
import { checkDeterminism, type DeterminismRun } from "./checkers/determinism.ts";
import { checkDrops, type DropRule } from "./checkers/drops.ts";
import type { CheckResult } from "./checkers/result.ts";
import {
  checkAccounting,
  checkCapacity,
  checkDependencies,
  checkEnergy,
  checkPlacement,
} from "./checkers/runtime-laws.ts";
import { checkNoStall } from "./checkers/stall.ts";
import { checkNoStarvation } from "./checkers/starvation.ts";
import { checkViewUntouched } from "./checkers/view.ts";
import { recordPolicy } from "./decision-record.ts";
import { policyEntryOf } from "./policy-entry.ts";
import { runScenario } from "./run-scenario.ts";
import { runScenarioOf } from "./scenario-sketch.ts";
import { writeScenario } from "./write-scenario.ts";

/** Scenarios a policy runs by default (measured in docs/testing-policies.md); SOCSIM_CHECK_RUNS overrides it. */
export const DEFAULT_CHECK_RUNS = 100;
/** One scenario in this many (by seed) is run twice for the same-bytes law; a shrunk seed 0 always is. */
const RERUN_EVERY = 4;
/** A policy that plans only on some SoCs (an NPU policy, say) refuses most draws. */
const MAX_SKIPS_PER_RUN = 100;

export interface CheckPolicyOptions {
  /** The policy's module (absolute, or relative to the working directory): the counterexample's scenario names it. */
  readonly module: string;
  /** The policy's parameters (default none: its defaults). */
  readonly params?: Record<string, unknown>;
  /** Scenarios the policy accepts to run (default: SOCSIM_CHECK_RUNS, else DEFAULT_CHECK_RUNS). */
  readonly runs?: number;
  /** fast-check seed and shrink path, as a failure prints them, to replay it. */
  readonly seed?: number;
  readonly path?: string;
  /** What the random scenarios are drawn from (scenarioArbitrary's constraints; SoC variants are on unless `socVariants: false`). */
  readonly scenarios?: ScenarioArbitraryConstraints;
  /** The policy's drop rule (default: only past the request's deadline). */
  readonly mayDrop?: DropRule;
  /** Longest stretch with work ready and nothing running (default 100 ms). */
  readonly stallBoundNs?: number;
  /** Longest wait of a unit after a later request of its app ran first (default: the definition's `starvationBoundNs`, else 100 ms). */
  readonly starvationBoundNs?: number;
  /** Where the counterexample folder goes (default: socsim-counterexample/<policy id> in the working directory). */
  readonly counterexampleDir?: string;
}

export interface CheckPolicyReport {
  /** Scenarios the policy planned and ran through every checker. */
  readonly scenarios: number;
  /** Scenarios it refused at plan time (not failures: a policy may refuse a SoC it cannot use). */
  readonly refused: number;
  readonly seconds: number;
}

/** A checker's failure on one scenario, carried out of the property to the report. */
class ScenarioFailure extends Error {
  constructor(readonly check: Extract<CheckResult, { ok: false }>) {
    super(`${check.checker}: ${check.explanation}`);
  }
}

/**
 * Runs a policy through every checker on random scenarios. On a failure it
 * shrinks the scenario, writes the smallest one as a folder `socsim run`
 * replays, and throws an Error naming the checker, the seed, the shrink
 * path and the command; a test runner or a plain script shows it as is.
 */
export function checkPolicy(
  policy: PolicyEntry | Readonly<Record<string, unknown>>,
  given: CheckPolicyOptions,
): CheckPolicyReport {
  const entry = policyEntryOf(policy, "checkPolicy");
  const options = checkedOptions(given);
  refuseBadParams(entry, options.params ?? {});
  const started = performance.now();
  const runs = options.runs ?? Number(process.env.SOCSIM_CHECK_RUNS ?? DEFAULT_CHECK_RUNS);
  if (!(Number.isInteger(runs) && runs >= 1))
    throw new Error(`checkPolicy: runs must be a positive integer, got ${JSON.stringify(runs)}`);
  let scenarios = 0;
  let refused = 0;
  const property = fc.property(
    scenarioArbitrary({ socVariants: true, ...options.scenarios }),
    (sketch) => {
      const checks = checksOn(entry, sketch, options);
      if (checks === null) {
        refused++;
        fc.pre(false);
        return;
      }
      scenarios++;
      const failed = checks.find((check) => !check.ok);
      if (failed !== undefined && !failed.ok) throw new ScenarioFailure(failed);
    },
  );
  const details = fc.check(property, {
    numRuns: runs,
    maxSkipsPerRun: MAX_SKIPS_PER_RUN,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  if (details.failed && details.counterexample !== null)
    throw new Error(failureReport(entry, options, details, details.counterexample[0]));
  if (details.failed)
    throw new Error(
      `checkPolicy: ${policyId(entry)} could not be checked: ${details.errorInstance ?? "too many scenarios refused at plan time"} (seed ${details.seed})`,
    );
  return { scenarios, refused, seconds: (performance.now() - started) / 1000 };
}

/** Params the policy's schema (or a version-1 factory) refuses would refuse every scenario: say so at once. */
function refuseBadParams(entry: PolicyEntry, params: Record<string, unknown>): void {
  try {
    buildPolicy(entry, policyId(entry), params);
  } catch (error) {
    if (error instanceof ParamError)
      throw new Error(`checkPolicy: option params.${error.param}: ${error.message}`);
    throw new Error(
      `checkPolicy: ${policyId(entry)} threw when built with its params: ${thrownMessage(error)}`,
    );
  }
}

/** Every checker's result on one scenario; null when the policy refuses the scenario at plan time. */
function checksOn(
  entry: PolicyEntry,
  sketch: ScenarioSketch,
  options: CheckPolicyOptions,
): CheckResult[] | null {
  const first = recordedRun(entry, sketch, options);
  if (first === null) return null;
  if ("refusal" in first) return [first.refusal];
  const run = { ...first, endNs: secondsToNs(sketch.durationS) };
  const checks = [
    checkCapacity(run),
    checkDependencies(run),
    checkPlacement(run),
    checkAccounting(run),
    checkEnergy(run),
    checkViewUntouched(run),
    checkNoStall(run, {
      ...(options.stallBoundNs === undefined ? {} : { boundNs: options.stallBoundNs }),
    }),
    checkNoStarvation(run, starvationBound(entry, options)),
    checkDrops(run, { ...(options.mayDrop === undefined ? {} : { mayDrop: options.mayDrop }) }),
    checkDecisionCost(run),
  ];
  const readsHost = run.planningReads.size > 0 || run.calls.some((c) => c.hostReads.length > 0);
  if (readsHost || sketch.seed % RERUN_EVERY === 0) {
    const second = recordedRun(entry, sketch, options);
    checks.push(
      second === null || "refusal" in second
        ? {
            ok: false,
            checker: "determinism",
            explanation: "the same scenario planned once and was refused the second time",
            violations: [],
          }
        : checkDeterminism(run, second),
    );
  }
  return checks;
}

/** The caller's bound, else the one the policy's definition declares, else the checker's default. */
function starvationBound(entry: PolicyEntry, options: CheckPolicyOptions): { boundNs?: number } {
  const declared = isDefinition(entry) ? entry.starvationBoundNs : undefined;
  const boundNs = options.starvationBoundNs ?? declared;
  return boundNs === undefined ? {} : { boundNs };
}

type RecordedRun = DeterminismRun &
  ReturnType<typeof runScenario> & {
    readonly decisionCostNs: ((work: number) => number) | undefined;
  };

function recordedRun(
  entry: PolicyEntry,
  sketch: ScenarioSketch,
  options: CheckPolicyOptions,
): RecordedRun | { refusal: CheckResult } | null {
  const { entry: recorded, record } = recordPolicy(entry);
  try {
    const run = runScenario(runScenarioOf(sketch), {
      policy: {
        name: policyId(entry),
        label: policyId(entry),
        params: options.params ?? {},
        factory: recorded,
        module: options.module,
      },
      seed: sketch.seed,
    });
    return { ...run, ...record, decisionCostNs: record.decisionCostNs };
  } catch (error) {
    if (error instanceof PlanRefusedError) return null;
    if (!(error instanceof PolicyError)) throw error;
    const explanation = error.message.split("\n")[0]!;
    return { refusal: { ok: false, checker: "runtime", explanation, violations: [error.message] } };
  }
}

function policyId(entry: PolicyEntry): string {
  return isDefinition(entry) ? entry.id : entry.name || "policy";
}

function failureReport(
  entry: PolicyEntry,
  options: CheckPolicyOptions,
  details: fc.RunDetails<[ScenarioSketch]>,
  sketch: ScenarioSketch,
): string {
  const id = policyId(entry);
  const folder = resolve(options.counterexampleDir ?? join("socsim-counterexample", id));
  const scenarioFile = writeScenario(sketch, folder, [
    {
      name: id,
      module: options.module,
      ...(options.params === undefined ? {} : { params: options.params }),
    },
  ]);
  const error = details.errorInstance;
  const what =
    error instanceof ScenarioFailure
      ? `fails "${error.check.checker}": ${error.check.explanation}`
      : `throws: ${error instanceof Error ? error.message : String(error)}`;
  return [
    `checkPolicy: ${id} ${what}`,
    `  after ${details.numRuns} scenarios, shrunk ${details.numShrinks} times to ${sketch.apps.length} app(s) on ${sketch.soc}, ${sketch.durationS} s`,
    `  seed ${details.seed}, shrink path "${details.counterexamplePath}" (checkPolicy options { seed: ${details.seed}, path: "${details.counterexamplePath}" } replay it)`,
    `  counterexample: ${scenarioFile}`,
    `  replay: npx socsim run ${scenarioFile}`,
  ].join("\n");
}
