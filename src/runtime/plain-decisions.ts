import { thrownMessage } from "./policy-value.ts";

/**
 * What a policy's `decide` returned, read once into plain decisions: a
 * getter or proxy of the policy's runs here, inside the policy's call, and
 * a policy that changes its decision objects after returning them cannot
 * change what the runtime checked. Only the fields of the decision's kind
 * are kept; the runtime checks their values. A result that is not a list is
 * returned as is, for the runtime to refuse.
 */
export function plainDecisions(result: unknown): unknown {
  if (typeof (result as { then?: unknown } | null)?.then === "function")
    throw new Error("decide returned a Promise: decide must be synchronous (not async)");
  if (!Array.isArray(result)) return result;
  return result.map((decision: unknown, index) => {
    try {
      return plainDecision(decision);
    } catch (error) {
      throw new Error(`${thrownMessage(error)} (reading decision ${index})`);
    }
  });
}

function plainDecision(decision: unknown): unknown {
  if (typeof decision !== "object" || decision === null) return decision;
  const read = decision as Record<string, unknown>;
  const kind = read.kind;
  if (kind === "run")
    return { kind, requestId: read.requestId, unitId: read.unitId, option: read.option };
  if (kind === "merged") {
    const unitIds = read.unitIds;
    return {
      kind,
      requestId: read.requestId,
      unitIds: Array.isArray(unitIds) ? Array.from(unitIds as unknown[]) : unitIds,
      target: read.target,
    };
  }
  if (kind === "drop") return { kind, requestId: read.requestId };
  return { kind };
}
