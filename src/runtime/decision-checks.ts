import type { DType } from "../graph/index.ts";
import type { PlanUnit, UnitSlice } from "../sched/plan.ts";
import type { Decision } from "../sched/scheduler.ts";
import type { PlannedApp } from "./app-plan.ts";

/** What the checks need to know about the run's targets. */
export interface DecisionChecks {
  isTarget(target: string): boolean;
  supports(appIndex: number, opId: number, target: string): boolean;
  runsDtype(target: string, dtype: DType): boolean;
}

/** Tolerance on the sum of an option's shares. */
const SHARE_SUM_TOLERANCE = 1e-9;

interface CheckedRequest {
  readonly appIndex: number;
  /** Units still waiting for inputs, by unit id (0 once ready or done). */
  readonly waiting: Int32Array;
  readonly home: readonly string[];
}

/**
 * Why the runtime refuses a run or merged decision on a ready unit, or
 * undefined when it may go ahead. Options are checked once per plan unit
 * in `checkedOptions`, so the hot path pays a lookup.
 */
export function checkDecision(
  decision: Decision,
  ready: { readonly unit: PlanUnit },
  request: CheckedRequest,
  app: { readonly planned: PlannedApp },
  checks: DecisionChecks,
): string | undefined {
  if (decision.kind === "run") {
    const option = ready.unit.options[decision.option];
    if (!Number.isInteger(decision.option) || option === undefined)
      return `chose option ${decision.option} of a unit with ${ready.unit.options.length}`;
    return checkedOption(ready.unit, decision.option, request.appIndex, checks);
  }
  if (decision.kind === "merged") return checkMerged(decision, request, app.planned, checks);
  return `made a decision of unknown kind "${String((decision as { kind?: unknown })?.kind)}"`;
}

const optionVerdicts = new WeakMap<PlanUnit, (string | null)[]>();

function checkedOption(
  unit: PlanUnit,
  option: number,
  appIndex: number,
  checks: DecisionChecks,
): string | undefined {
  let verdicts = optionVerdicts.get(unit);
  if (verdicts === undefined) {
    verdicts = [];
    optionVerdicts.set(unit, verdicts);
  }
  let verdict = verdicts[option];
  if (verdict === undefined) {
    verdict = checkSlices(unit, unit.options[option]!.slices, appIndex, checks) ?? null;
    verdicts[option] = verdict;
  }
  return verdict ?? undefined;
}

function checkSlices(
  unit: PlanUnit,
  slices: readonly UnitSlice[],
  appIndex: number,
  checks: DecisionChecks,
): string | undefined {
  if (!Array.isArray(slices) || slices.length === 0) return "chose an option with no slices";
  let sum = 0;
  for (const slice of slices) {
    if (!checks.isTarget(slice.target))
      return `named target "${slice.target}", which the run lacks`;
    if (!(slice.share > 0 && slice.share <= 1))
      return `gave ${slice.target} a share of ${slice.share} (each must be in (0, 1])`;
    if (slice.dtype !== undefined && !checks.runsDtype(slice.target, slice.dtype))
      return `asked ${slice.target} to compute in ${slice.dtype}, which it does not run`;
    const unsupported = unit.ops.find((opId) => !checks.supports(appIndex, opId, slice.target));
    if (unsupported !== undefined)
      return `placed op ${unsupported} of unit ${unit.id} on ${slice.target}, which cannot run it`;
    sum += slice.share;
  }
  if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE)
    return `chose slices whose shares sum to ${sum}, not 1`;
  return undefined;
}

/** Each merged unit must be of this request, not yet started, and fed only by units done or merged before it. */
function checkMerged(
  decision: Extract<Decision, { kind: "merged" }>,
  request: CheckedRequest,
  planned: PlannedApp,
  checks: DecisionChecks,
): string | undefined {
  if (!Array.isArray(decision.unitIds) || decision.unitIds.length === 0) return "merged no units";
  if (!checks.isTarget(decision.target))
    return `named target "${decision.target}", which the run lacks`;
  const units = planned.plan.units;
  const covered = new Set<number>();
  for (const unitId of decision.unitIds) {
    const unit = units[unitId];
    if (unit === undefined) return `merged unit ${unitId}, which the plan lacks`;
    if (covered.has(unitId)) return `merged unit ${unitId} twice`;
    if (covered.size > 0) {
      if (request.waiting[unitId] === 0 || request.home[unitId] !== "")
        return `merged unit ${unitId}, which is already ready or done`;
      const fed = planned.inputs[unitId]!.every(
        (edge) => covered.has(edge.from) || request.home[edge.from] !== "",
      );
      if (!fed) return `merged unit ${unitId}, which waits for a unit outside the merge`;
    }
    const unsupported = unit.ops.find(
      (opId) => !checks.supports(request.appIndex, opId, decision.target),
    );
    if (unsupported !== undefined)
      return `placed op ${unsupported} of unit ${unitId} on ${decision.target}, which cannot run it`;
    covered.add(unitId);
  }
  return undefined;
}
