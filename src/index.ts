/**
 * socsim as a library: load and run scenarios, write policies, and test
 * them with the same arbitraries and invariant checkers socsim uses.
 */
export { listSocs, loadSoc, profileModel } from "./device/index.ts";
export type { Graph, Op, Tensor } from "./graph/index.ts";
export { buildModel, listModels, loadModelFile, modelStats, resolveModel } from "./graph/index.ts";
export type { Results, RunResult } from "./metrics/results.ts";
export { PolicyError } from "./runtime/runtime.ts";
export { runExperiment } from "./scenario/experiment.ts";
export { loadScenario } from "./scenario/load-scenario.ts";
export * from "./sched/index.ts";
export * from "./testing/index.ts";
