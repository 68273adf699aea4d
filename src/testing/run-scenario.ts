import { SOCSIM_VERSION } from "../core/index.ts";
import type { Graph } from "../graph/index.ts";
import type { Results, RunResult } from "../metrics/results.ts";
import type { Execution } from "../runtime/device-adapter.ts";
import type { RunPolicy, RunScenario } from "../runtime/run-spec.ts";
import { simulateRun } from "../runtime/simulate.ts";
import type { PolicyEntry } from "../sched/index.ts";
import { policyEntryOf } from "./policy-entry.ts";

export type { Execution } from "../runtime/device-adapter.ts";

/** A scenario's run under one policy, with everything the checkers of `socsim/testing` read. */
export interface ScenarioRun {
  /** As `results.json` writes them, with this one run. */
  readonly results: Results;
  readonly result: RunResult;
  /**
   * Every job the device ran, in the order they ended: which op (`tag.op`,
   * of `tag.app`'s request `tag.request`) ran where (`processor`, `lane`),
   * when (`startNs`..`endNs`) and with which share of its work (`tag.share`).
   * Transfers have `transfer` set; competing load and UI frames have `tag.op` -1.
   */
  readonly executions: readonly Execution[];
  /** The graphs that ran, by app name (a policy's rewrite where it made one). */
  readonly graphs: ReadonlyMap<string, Graph>;
  /** App index of each app name. */
  readonly appIndexOf: ReadonlyMap<string, number>;
  /** The support table the runtime checks placements against. */
  supports(appIndex: number, opId: number, target: string): boolean;
}

export interface RunScenarioOptions {
  /** The policy to run: a definition, a version-1 factory, or a scenario's resolved entry (default: the scenario's first scheduler). */
  readonly policy?: PolicyEntry | RunPolicy | Readonly<Record<string, unknown>>;
  /** Parameters of `policy` when it is a definition or a factory (default none). */
  readonly params?: Record<string, unknown>;
  /** Default: the scenario's seed, else 1. */
  readonly seed?: number;
}

/**
 * Runs one policy on a scenario (from `loadScenario`, or built in memory)
 * and returns its results and execution record. Throws the runtime's
 * `PolicyError` when the policy's decisions are refused.
 */
export function runScenario(
  scenario: RunScenario & {
    readonly spec: { readonly name?: string; readonly seed?: number };
    readonly schedulers?: readonly RunPolicy[];
  },
  options: RunScenarioOptions = {},
): ScenarioRun {
  const choice = policyChoice(options, scenario.schedulers?.[0]);
  const seed = options.seed ?? scenario.spec.seed ?? 1;
  const executions: Execution[] = [];
  const outcome = simulateRun(scenario, choice, seed, {
    onExecution: (execution) => executions.push(execution),
  });
  const apps = scenario.workload.apps.map((app) => app.name);
  const results: Results = {
    socsim: SOCSIM_VERSION,
    scenario: scenario.spec.name ?? "scenario",
    seed,
    soc: scenario.soc.id,
    simulated_s: scenario.spec.duration - scenario.spec.warmup,
    runs: [outcome.result],
  };
  return {
    results,
    result: outcome.result,
    executions,
    graphs: new Map(apps.map((app, index) => [app, outcome.graphs[index]!])),
    appIndexOf: new Map(apps.map((app, index) => [app, index])),
    supports: outcome.supports,
  };
}

function policyChoice(options: RunScenarioOptions, first: RunPolicy | undefined): RunPolicy {
  const policy = options.policy;
  if (policy === undefined) {
    if (first === undefined)
      throw new Error("runScenario: the scenario lists no scheduler; pass options.policy");
    return first;
  }
  if (typeof policy === "object" && "factory" in policy) return policy as RunPolicy;
  const entry = policyEntryOf(policy, "runScenario");
  const name = typeof entry === "function" ? "policy" : entry.id;
  return { name, label: name, params: options.params ?? {}, factory: entry };
}
