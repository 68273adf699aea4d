import type { DecisionCall } from "../decision-record.ts";
import { asserting, type CheckResult, resultOf } from "./result.ts";

/**
 * Decision cost within the declared cost function: the work a call counts
 * must cover at least its profiler queries (each is work the contract asks
 * a policy to count), so the simulated decision time `decisionCostNs`
 * prices is not less than what the call did. With no declared cost there
 * is nothing to hold the policy to.
 */
export function checkDecisionCost(run: {
  readonly calls: readonly DecisionCall[];
  readonly decisionCostNs: ((work: number) => number) | undefined;
}): CheckResult {
  const cost = run.decisionCostNs;
  if (cost === undefined) return resultOf("decision cost", []);
  const violations: string[] = [];
  for (const call of run.calls) {
    const charged = cost(call.work);
    if (!(Number.isFinite(charged) && charged >= 0)) {
      violations.push(`decisionCostNs(${call.work}) is ${charged}, not a finite non-negative time`);
      continue;
    }
    const due = cost(call.profilerQueries);
    if (charged < due)
      violations.push(
        `decide at ${call.nowNs} ns made ${call.profilerQueries} profiler queries but counted ${call.work} work: charged ${charged} ns where its cost function prices the queries at ${due} ns`,
      );
  }
  return resultOf("decision cost", violations);
}

export const assertDecisionCost = asserting(checkDecisionCost);
