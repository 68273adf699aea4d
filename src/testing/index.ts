/** For users' own tests of their policies: fast-check arbitraries and the invariant checkers socsim's tests use. */
export * from "./arbitraries/index.ts";
export * from "./invariants.ts";
export { runScenarioOf } from "./scenario-sketch.ts";
