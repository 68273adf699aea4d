export * from "./params.ts";
export * from "./plan.ts";
export * from "./policy.ts";
export { SCHEDULERS } from "./registry.ts";
export * from "./scheduler.ts";
export * from "./view.ts";
