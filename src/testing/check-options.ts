import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { nearestName } from "../core/index.ts";
import type { ScenarioArbitraryConstraints } from "./arbitraries/scenario.ts";
import type { CheckPolicyOptions } from "./check-policy.ts";

/** Every option checkPolicy reads (a Record, so the compiler keeps it whole). */
const OPTIONS: Record<keyof CheckPolicyOptions, true> = {
  module: true,
  params: true,
  runs: true,
  seed: true,
  path: true,
  scenarios: true,
  mayDrop: true,
  stallBoundNs: true,
  starvationBoundNs: true,
  counterexampleDir: true,
};

const SCENARIO_OPTIONS: Record<keyof ScenarioArbitraryConstraints, true> = {
  socs: true,
  models: true,
  minApps: true,
  maxApps: true,
  maxDurationS: true,
  arrivals: true,
  maxThreads: true,
  socVariants: true,
  socStructure: true,
  frameworks: true,
};

/**
 * checkPolicy's options as a caller from JavaScript may pass them, checked
 * before any scenario runs: a misspelled key or a missing module would
 * otherwise be ignored until a counterexample names it.
 */
export function checkedOptions(options: unknown): CheckPolicyOptions {
  if (typeof options !== "object" || options === null)
    throw new TypeError(
      `checkPolicy: expected options with at least { module } as the second argument, got ${options === null ? "null" : typeof options}`,
    );
  refuseUnknownKeys(options, OPTIONS, "");
  const { module, scenarios } = options as { module?: unknown; scenarios?: unknown };
  if (typeof scenarios === "object" && scenarios !== null)
    refuseUnknownKeys(scenarios, SCENARIO_OPTIONS, "scenarios.");
  if (typeof module !== "string" || module === "")
    throw new TypeError(
      "checkPolicy: option module is required: the path of the policy's module, which the counterexample's scenario names",
    );
  const file = resolve(module);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new Error(`checkPolicy: option module: no such file ${file}`);
  return options as CheckPolicyOptions;
}

function refuseUnknownKeys(value: object, known: object, prefix: string): void {
  for (const key of Object.keys(value)) {
    if (Object.hasOwn(known, key)) continue;
    const nearest = nearestName(key, Object.keys(known));
    const hint = nearest === undefined ? "" : `did you mean ${prefix}${nearest}? `;
    throw new TypeError(
      `checkPolicy: unknown option ${prefix}${key} (${hint}known: ${Object.keys(known).join(", ")})`,
    );
  }
}
