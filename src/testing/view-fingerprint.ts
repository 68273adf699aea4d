import type { SchedulerView } from "../sched/index.ts";
import type { ReadySeen } from "./decision-record.ts";

/** What a `decide` call's view said before the call, to compare with after it. */
export interface ViewFingerprint {
  readonly nowNs: number;
  readonly ready: readonly ReadySeen[];
  /** One line per ready unit: its fields and its unit's id and options (op lists are left out: long, and the runtime's own). */
  readonly readyLines: readonly string[];
  readonly running: string;
}

export function viewFingerprint(view: SchedulerView): ViewFingerprint {
  const ready = view.ready.map((r) => ({
    requestId: r.requestId,
    appIndex: r.appIndex,
    unitId: r.unit.id,
    arrivalNs: r.arrivalNs,
    deadlineNs: r.deadlineNs,
    first: r.first,
  }));
  const readyLines = view.ready.map((r) =>
    JSON.stringify([
      r.requestId,
      r.appIndex,
      r.unit.id,
      r.unit.options,
      r.arrivalNs,
      String(r.deadlineNs),
      r.priority,
      r.first,
      r.inputsAt,
    ]),
  );
  return { nowNs: view.nowNs, ready, readyLines, running: JSON.stringify(view.runningRequests) };
}

/** The first difference between two fingerprints of one view, in words; undefined when none. */
export function viewChange(before: ViewFingerprint, after: ViewFingerprint): string | undefined {
  if (before.nowNs !== after.nowNs)
    return `view.nowNs changed from ${before.nowNs} to ${after.nowNs}`;
  if (before.running !== after.running)
    return `view.runningRequests changed from ${before.running} to ${after.running}`;
  if (before.readyLines.length !== after.readyLines.length)
    return `view.ready went from ${before.readyLines.length} to ${after.readyLines.length} entries`;
  const index = before.readyLines.findIndex((line, i) => line !== after.readyLines[i]);
  if (index < 0) return undefined;
  return `view.ready[${index}] changed from ${before.readyLines[index]} to ${after.readyLines[index]}`;
}
