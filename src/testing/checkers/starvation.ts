import type { DecisionCall, ReadySeen } from "../decision-record.ts";
import { asserting, type CheckResult, resultOf } from "./result.ts";
import { describeUnit, leftWaiting } from "./waiting.ts";

/** Default longest time a ready unit may stay waiting once a later request of its app was served before it. */
export const DEFAULT_STARVATION_BOUND_NS = 100_000_000;

/**
 * No starvation: a ready unit is overtaken when the policy runs a unit of
 * a request of the same app that arrived after it; from then on it may
 * wait at most `boundNs`. Waiting behind earlier requests (a FIFO queue
 * under overload) is not starvation; being passed over is.
 */
export function checkNoStarvation(
  run: { readonly calls: readonly DecisionCall[]; readonly endNs: number },
  options: { readonly boundNs?: number } = {},
): CheckResult {
  const bound = options.boundNs ?? DEFAULT_STARVATION_BOUND_NS;
  const overtakenSince = new Map<string, { unit: ReadySeen; since: number; by: number }>();
  const reported = new Set<string>();
  const violations: string[] = [];
  const report = (key: string, nowNs: number) => {
    const entry = overtakenSince.get(key)!;
    if (nowNs - entry.since <= bound || reported.has(key)) return;
    reported.add(key);
    violations.push(
      `${describeUnit(entry.unit)} (arrived at ${entry.unit.arrivalNs} ns) was still waiting at ${nowNs} ns, ${nowNs - entry.since} ns after request ${entry.by} of its app, which arrived later, was run before it`,
    );
  };
  for (const call of run.calls) {
    const waiting = leftWaiting(call);
    const waitingKeys = new Set(waiting.map((u) => `${u.requestId}/${u.unitId}`));
    for (const key of [...overtakenSince.keys()])
      if (!waitingKeys.has(key)) overtakenSince.delete(key);
    const served = call.ready.filter((u) => !waitingKeys.has(`${u.requestId}/${u.unitId}`));
    for (const unit of waiting) {
      const key = `${unit.requestId}/${unit.unitId}`;
      const later = served.find(
        (s) => s.appIndex === unit.appIndex && s.arrivalNs > unit.arrivalNs,
      );
      if (later !== undefined && !overtakenSince.has(key))
        overtakenSince.set(key, { unit, since: call.nowNs, by: later.requestId });
      if (overtakenSince.has(key)) report(key, call.nowNs);
    }
  }
  for (const key of overtakenSince.keys()) report(key, run.endNs);
  return resultOf("no starvation", violations);
}

export const assertNoStarvation = asserting(checkNoStarvation);
