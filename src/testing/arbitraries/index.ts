export { type GraphArbitraryConstraints, graphArbitrary } from "./graph.ts";
export {
  type ArrivalKind,
  type ArrivalSketch,
  BUNDLED_SOCS,
  type ScenarioArbitraryConstraints,
  type ScenarioSketch,
  SMALL_ZOO_MODELS,
  scenarioArbitrary,
} from "./scenario.ts";
