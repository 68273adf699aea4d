import { policyExportOf } from "../scenario/user-policy.ts";
import { isDefinition, type PolicyEntry } from "../sched/index.ts";

/**
 * The policy a caller of the kit handed over: a definition or a factory as
 * is, or a policy module's namespace (`import * as m`, or a `.ts` module
 * that tsx ran as CommonJS, which arrives as `{ default: … }`) looked into
 * as `socsim run` looks into it. Anything else is refused at once, rather
 * than failing every scenario later.
 */
export function policyEntryOf(value: unknown, caller: string): PolicyEntry {
  const isEntry = (candidate: unknown): candidate is PolicyEntry =>
    typeof candidate === "function" || isDefinition(candidate as PolicyEntry);
  if (isEntry(value)) return value;
  if (typeof value === "object" && value !== null) {
    const exported = policyExportOf(value as Record<string, unknown>);
    if (isEntry(exported)) return exported;
  }
  const what =
    typeof value === "object" && value !== null
      ? `an object with keys ${Object.keys(value).join(", ") || "none"}`
      : typeof value;
  throw new TypeError(
    `${caller}: expected a definePolicy definition, a scheduler factory or a module exporting one as default, got ${what}`,
  );
}
