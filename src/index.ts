/**
 * socsim as a library: load and run scenarios and write policies. Testing
 * them (fast-check arbitraries, checkers, checkPolicy) is `socsim/testing`,
 * so that this entry never loads fast-check.
 */
export { listSocs, loadSoc, profileModel } from "./device/index.ts";
export type { Graph, Op, Tensor } from "./graph/index.ts";
export { buildModel, listModels, loadModelFile, modelStats, resolveModel } from "./graph/index.ts";
export type { Results, RunResult } from "./metrics/results.ts";
export type { Execution } from "./runtime/device-adapter.ts";
export type { JobTag } from "./runtime/device-port.ts";
export { PolicyError } from "./runtime/runtime.ts";
export { runExperiment } from "./scenario/experiment.ts";
export { loadScenario } from "./scenario/load-scenario.ts";
export * from "./sched/index.ts";
export * from "./testing/invariants.ts";
export { type RunScenarioOptions, runScenario, type ScenarioRun } from "./testing/run-scenario.ts";
