/** For users' own tests of their policies: fast-check arbitraries, checkers of the policy and of socsim, and checkPolicy. */
export * from "./arbitraries/index.ts";
export * from "./check-policy.ts";
export * from "./checkers/index.ts";
export * from "./decision-record.ts";
export * from "./invariants.ts";
export * from "./run-scenario.ts";
export { runScenarioOf, scenarioDocumentOf, workloadDocumentOf } from "./scenario-sketch.ts";
export { loadSocVariant, socVariantText } from "./soc-variant.ts";
export * from "./write-model.ts";
export * from "./write-scenario.ts";
