import type { Execution } from "../../runtime/device-adapter.ts";
import type { DecisionCall, ReadySeen } from "../decision-record.ts";
import { asserting, type CheckResult, resultOf } from "./result.ts";
import { describeUnit, leftWaiting } from "./waiting.ts";

/** Default longest time with work ready and none of the policy's ops running. */
export const DEFAULT_STALL_BOUND_NS = 100_000_000;

export interface StallRun {
  readonly calls: readonly DecisionCall[];
  readonly executions: readonly Execution[];
  /** When the run ended (its duration in ns). */
  readonly endNs: number;
}

/**
 * No stall: there is never a stretch longer than `boundNs` in which units
 * were ready, the policy had left them waiting with none of its units in
 * flight, and no op of any request ran anywhere. (The runtime itself stops a run after the policy's
 * `stallAfterNs`, 1 s by default, longer than most random scenarios.)
 */
export function checkNoStall(
  run: StallRun,
  options: { readonly boundNs?: number } = {},
): CheckResult {
  const bound = options.boundNs ?? DEFAULT_STALL_BOUND_NS;
  const busy = mergedIntervals(
    run.executions
      .filter((e) => e.tag.op >= 0 && !e.transfer)
      .map((e) => [e.startNs, e.endNs] as const),
  );
  // Calls in a row that each leave work waiting make one waiting stretch.
  const stretches: { from: number; to: number; call: DecisionCall; unit: ReadySeen }[] = [];
  run.calls.forEach((call, index) => {
    const waiting = leftWaiting(call);
    if (waiting.length === 0 || hasWorkInFlight(call, waiting)) return;
    const to = run.calls[index + 1]?.nowNs ?? run.endNs;
    const last = stretches[stretches.length - 1];
    if (last !== undefined && last.to === call.nowNs) last.to = to;
    else stretches.push({ from: call.nowNs, to, call, unit: waiting[0]! });
  });
  const violations: string[] = [];
  for (const stretch of stretches) {
    const idle = longestGap(busy, stretch.from, stretch.to);
    if (idle.length > bound)
      violations.push(
        `from ${idle.from} ns to ${idle.from + idle.length} ns nothing ran while ${describeUnit(stretch.unit)} was ready (left waiting by decide at ${stretch.call.nowNs} ns)`,
      );
  }
  return resultOf("no stall", violations);
}

/**
 * Whether some started request has a unit decided and not yet done after
 * this call: it ran something, or an app has more started requests than started requests whose
 * next units sit waiting. (An op running past the end of the run has no
 * execution yet, so the executions alone would miss it.)
 */
function hasWorkInFlight(call: DecisionCall, waiting: readonly ReadySeen[]): boolean {
  if (call.decisions.some((decision) => decision.kind !== "drop")) return true;
  return call.runningRequests.some((running, appIndex) => {
    const waitingStarted = new Set(
      waiting.filter((u) => u.appIndex === appIndex && !u.first).map((u) => u.requestId),
    );
    return running > waitingStarted.size;
  });
}

function mergedIntervals(intervals: (readonly [number, number])[]): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** The longest stretch of [from, to) that no busy interval covers. */
function longestGap(
  busy: readonly [number, number][],
  from: number,
  to: number,
): { from: number; length: number } {
  let best = { from, length: 0 };
  let cursor = from;
  for (const [start, end] of busy) {
    if (end <= cursor) continue;
    if (start >= to) break;
    if (start - cursor > best.length) best = { from: cursor, length: start - cursor };
    cursor = Math.max(cursor, end);
  }
  if (to - cursor > best.length) best = { from: cursor, length: to - cursor };
  return best;
}

export const assertNoStall = asserting(checkNoStall);
