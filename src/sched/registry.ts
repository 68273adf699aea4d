import { Registry } from "../core/registry.ts";
import { singleCpu, singleDsp, singleGpu, singleNpu } from "./policies/single-processor.ts";
import type { SchedulerFactory } from "./scheduler.ts";

/** Every built-in policy, by the id scenarios name it with. Adding a policy adds one line here. */
export const SCHEDULERS = new Registry<SchedulerFactory>("scheduler");
SCHEDULERS.register("single-cpu", singleCpu);
SCHEDULERS.register("single-gpu", singleGpu);
SCHEDULERS.register("single-dsp", singleDsp);
SCHEDULERS.register("single-npu", singleNpu);
