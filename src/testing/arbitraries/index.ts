export {
  ALL_ARRIVALS,
  type ArrivalArbitraryConstraints,
  type ArrivalKind,
  type ArrivalSketch,
  arrivalArbitrary,
} from "./arrival.ts";
export { type GraphArbitraryConstraints, graphArbitrary } from "./graph.ts";
export {
  BUNDLED_FRAMEWORKS,
  BUNDLED_SOCS,
  type ScenarioArbitraryConstraints,
  type ScenarioSketch,
  scenarioArbitrary,
} from "./scenario.ts";
export { type SocArbitraryConstraints, type SocVariant, socArbitrary } from "./soc.ts";
export {
  type AppSketch,
  SMALL_ZOO_MODELS,
  type WorkloadArbitraryConstraints,
  type WorkloadSketch,
  workloadArbitrary,
} from "./workload.ts";
