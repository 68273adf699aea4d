export * from "./cost/op-cost.ts";
export * from "./cost/op-features.ts";
export * from "./cost/power.ts";
export * from "./cost/price.ts";
export { sharedAloneLatency } from "./cost/shared-costs.ts";
export * from "./cost/support.ts";
export * from "./cost/target.ts";
export * from "./dynamics/device.ts";
export * from "./dynamics/device-api.ts";
export * from "./dynamics/invariants.ts";
export * from "./dynamics/what-if.ts";
export * from "./execution/isolated-run.ts";
export * from "./execution/placement.ts";
export * from "./execution/profile.ts";
export * from "./load-soc.ts";
export type { BackendSpec, FrameworkSpec } from "./schema/framework-schema.ts";
export type { GovernorSpec } from "./schema/governor-schema.ts";
export type { MemorySpec, TransferSpec } from "./schema/memory-schema.ts";
export type { SocPowerSpec } from "./schema/power-schema.ts";
export {
  PROCESSOR_IDS,
  PROCESSOR_KINDS,
  type ProcessorKind,
  type ProcessorSpec,
  type SupportSpec,
} from "./schema/processor-schema.ts";
export type { ThermalSpec } from "./schema/thermal-schema.ts";
