import type { DecisionCall } from "../decision-record.ts";
import { asserting, type CheckResult, resultOf } from "./result.ts";

/**
 * The policy leaves its view as it found it: a view is the runtime's copy
 * for one call, so a policy that edits it (sorting `ready` in place, say)
 * relies on something the contract does not promise.
 */
export function checkViewUntouched(run: { readonly calls: readonly DecisionCall[] }): CheckResult {
  return resultOf(
    "view untouched",
    run.calls
      .filter((call) => call.viewChange !== undefined)
      .map((call) => `decide at ${call.nowNs} ns changed its view: ${call.viewChange}`),
  );
}

export const assertViewUntouched = asserting(checkViewUntouched);
