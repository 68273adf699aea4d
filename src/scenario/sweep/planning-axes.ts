import type { PathStep } from "./axis-path.ts";

/** Scenario fields checked against the SoC or planned on it. */
const DEVICE_FIELDS = new Set(["soc", "framework", "schedulers", "what_if"]);
/** Workload fields that change what is planned: which model, in which precision, on how many CPU threads. */
const PLANNED_APP_FIELDS = new Set(["model", "dtype", "threads"]);

/**
 * Whether an axis changes the device, the schedulers or the models a run
 * plans. Such values can be bad only together (a scheduler whose processor
 * one SoC lacks), so each distinct combination of them is loaded and planned
 * during validation; the other axes (rates, durations, seeds) are checked
 * value by value.
 */
export function shapesPlan(steps: readonly PathStep[]): boolean {
  const first = steps[0]!;
  if (!("key" in first)) return false;
  if (DEVICE_FIELDS.has(first.key)) return true;
  if (first.key !== "workload") return false;
  // The workload file itself, its apps list, an app whole, or an app's model, dtype or threads.
  return (
    steps.length <= 3 || steps.some((step) => "key" in step && PLANNED_APP_FIELDS.has(step.key))
  );
}
