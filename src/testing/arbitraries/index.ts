export { type GraphArbitraryConstraints, graphArbitrary } from "./graph.ts";
