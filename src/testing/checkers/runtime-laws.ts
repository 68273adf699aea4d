import type { Graph } from "../../graph/index.ts";
import type { Results } from "../../metrics/results.ts";
import type { Execution } from "../../runtime/device-adapter.ts";
import {
  accountingViolations,
  capacityViolations,
  dependencyViolations,
  energyViolations,
  placementViolations,
} from "../invariants.ts";
import { asserting, type CheckResult, resultOf } from "./result.ts";

/**
 * The laws the runtime itself keeps whatever the policy decides; a failure
 * here is a bug of socsim more likely than of the policy.
 */

export function checkCapacity(run: { readonly executions: readonly Execution[] }): CheckResult {
  return resultOf("capacity", capacityViolations(run.executions));
}

export function checkDependencies(run: {
  readonly executions: readonly Execution[];
  readonly graphs: ReadonlyMap<string, Graph>;
}): CheckResult {
  return resultOf("dependencies", dependencyViolations(run.executions, run.graphs));
}

export function checkPlacement(run: {
  readonly executions: readonly Execution[];
  readonly appIndexOf: ReadonlyMap<string, number>;
  supports(appIndex: number, opId: number, target: string): boolean;
}): CheckResult {
  return resultOf(
    "placement",
    placementViolations(run.executions, run.appIndexOf, (a, o, t) => run.supports(a, o, t)),
  );
}

export function checkAccounting(run: { readonly results: Results }): CheckResult {
  return resultOf("accounting", accountingViolations(run.results));
}

export function checkEnergy(run: { readonly results: Results }): CheckResult {
  return resultOf("energy", energyViolations(run.results));
}

export const assertCapacity = asserting(checkCapacity);
export const assertDependencies = asserting(checkDependencies);
export const assertPlacement = asserting(checkPlacement);
export const assertAccounting = asserting(checkAccounting);
export const assertEnergy = asserting(checkEnergy);
