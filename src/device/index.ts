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
