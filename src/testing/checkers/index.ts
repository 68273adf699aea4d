export * from "./decision-cost.ts";
export * from "./determinism.ts";
export * from "./drops.ts";
export * from "./result.ts";
export * from "./runtime-laws.ts";
export * from "./stall.ts";
export * from "./starvation.ts";
export * from "./view.ts";
