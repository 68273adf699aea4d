import type { DecisionCall, ReadySeen } from "../decision-record.ts";
import { asserting, type CheckResult, resultOf } from "./result.ts";

/** A request the policy dropped, as the drop rule sees it. */
export interface DroppedRequest {
  readonly nowNs: number;
  readonly requestId: number;
  readonly appIndex: number;
  readonly arrivalNs: number;
  /** Arrival + SLO; Infinity without an SLO. */
  readonly deadlineNs: number;
}

/** The policy's declared drop rule: may it drop this request now? */
export type DropRule = (request: DroppedRequest) => boolean;

/** Default rule: a request may be dropped only once its deadline has passed. */
export const dropOnlyPastDeadline: DropRule = (request) => request.nowNs >= request.deadlineNs;

/** Drops only where the policy's declared rule allows (default: past the request's deadline). */
export function checkDrops(
  run: { readonly calls: readonly DecisionCall[] },
  options: { readonly mayDrop?: DropRule } = {},
): CheckResult {
  const mayDrop = options.mayDrop ?? dropOnlyPastDeadline;
  const seen = new Map<number, ReadySeen>();
  const violations: string[] = [];
  for (const call of run.calls) {
    for (const unit of call.ready) seen.set(unit.requestId, unit);
    for (const decision of call.decisions) {
      if (decision.kind !== "drop") continue;
      const unit = seen.get(decision.requestId);
      if (unit === undefined) continue;
      const request = {
        nowNs: call.nowNs,
        requestId: unit.requestId,
        appIndex: unit.appIndex,
        arrivalNs: unit.arrivalNs,
        deadlineNs: unit.deadlineNs,
      };
      if (!mayDrop(request))
        violations.push(
          `decide at ${call.nowNs} ns dropped app ${unit.appIndex} request ${unit.requestId} (arrived ${unit.arrivalNs} ns, deadline ${unit.deadlineNs} ns), which the drop rule does not allow`,
        );
    }
  }
  return resultOf("drops", violations);
}

export const assertDrops = asserting(checkDrops);
