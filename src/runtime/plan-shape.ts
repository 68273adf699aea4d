import { deepFreeze } from "../core/index.ts";
import type { ModelPlan } from "../sched/plan.ts";
import { describeValue, thrownMessage } from "./policy-value.ts";

/**
 * What a policy's `plan` returned, checked to be a plan ({ units, fallbackOps
 * }) and frozen: the runtime runs its units and hands them to decide, so
 * neither side may change them. Returns why it is not a plan instead, a
 * getter of the policy's that throws included. The units themselves are
 * checked against the model by planUnitGraph.
 */
export function frozenPlan(plan: unknown): ModelPlan | { readonly problem: string } {
  try {
    const problem = shapeProblem(plan);
    return problem === undefined ? deepFreeze(plan as ModelPlan) : { problem };
  } catch (error) {
    return { problem: `returned a plan that throws when read: ${thrownMessage(error)}` };
  }
}

function shapeProblem(plan: unknown): string | undefined {
  if (typeof plan !== "object" || plan === null)
    return `returned ${describeValue(plan)}, not a plan ({ units, fallbackOps })`;
  if (typeof (plan as { then?: unknown }).then === "function")
    return "returned a Promise (plan must be synchronous)";
  const { units, fallbackOps } = plan as { units?: unknown; fallbackOps?: unknown };
  if (!Array.isArray(units))
    return `returned a plan whose units are ${describeValue(units)}, not a list`;
  if (!(typeof fallbackOps === "number" && Number.isInteger(fallbackOps) && fallbackOps >= 0))
    return `returned a plan whose fallbackOps is ${describeValue(fallbackOps)} (it must be a non-negative integer)`;
  return undefined;
}
