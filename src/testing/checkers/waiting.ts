import type { DecisionCall, ReadySeen } from "../decision-record.ts";

/** The ready units a call left undecided: it neither ran them (alone or merged) nor dropped their request. */
export function leftWaiting(call: DecisionCall): ReadySeen[] {
  const decided = new Set<string>();
  const dropped = new Set<number>();
  for (const decision of call.decisions) {
    if (decision.kind === "drop") dropped.add(decision.requestId);
    else if (decision.kind === "run") decided.add(`${decision.requestId}/${decision.unitId}`);
    else for (const unitId of decision.unitIds) decided.add(`${decision.requestId}/${unitId}`);
  }
  return call.ready.filter(
    (r) => !dropped.has(r.requestId) && !decided.has(`${r.requestId}/${r.unitId}`),
  );
}

export function describeUnit(unit: ReadySeen): string {
  return `app ${unit.appIndex} request ${unit.requestId} unit ${unit.unitId}`;
}
