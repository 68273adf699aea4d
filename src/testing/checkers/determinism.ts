import type { Results } from "../../metrics/results.ts";
import type { Execution } from "../../runtime/device-adapter.ts";
import type { DecisionCall } from "../decision-record.ts";
import { asserting, type CheckResult, resultOf } from "./result.ts";

export interface DeterminismRun {
  readonly results: Results;
  readonly executions: readonly Execution[];
  readonly calls: readonly DecisionCall[];
  readonly planningReads: ReadonlySet<string>;
}

/**
 * Same seed, same bytes: two runs of one scenario give byte-identical
 * results and execution records, and the policy never read a host clock or
 * `Math.random` (which a second run on the same machine may not expose).
 */
export function checkDeterminism(first: DeterminismRun, second: DeterminismRun): CheckResult {
  const violations: string[] = [];
  if (first.planningReads.size > 0)
    violations.push(`the policy read ${[...first.planningReads].join(", ")} while planning`);
  const reading = first.calls.find((call) => call.hostReads.length > 0);
  if (reading !== undefined)
    violations.push(
      `decide at ${reading.nowNs} ns read ${reading.hostReads.join(", ")}: a run must follow from its seed`,
    );
  const firstResults = JSON.stringify(first.results.runs);
  if (firstResults !== JSON.stringify(second.results.runs))
    violations.push(
      `the same seed gave different results: ${firstDifference(firstResults, JSON.stringify(second.results.runs))}`,
    );
  else {
    const index = first.executions.findIndex(
      (e, i) => JSON.stringify(e) !== JSON.stringify(second.executions[i]),
    );
    if (index >= 0 || first.executions.length !== second.executions.length)
      violations.push(`the same seed gave different executions from execution ${index} on`);
  }
  return resultOf("determinism", violations);
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 40);
  return `…${a.slice(from, i + 30)}… vs …${b.slice(from, i + 30)}…`;
}

export const assertDeterminism = asserting(checkDeterminism);
