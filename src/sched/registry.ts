import { Registry } from "../core/registry.ts";
import { adms } from "./policies/adms.ts";
import { band } from "./policies/band.ts";
import { codl } from "./policies/codl.ts";
import { mulayer } from "./policies/mulayer.ts";
import { nnStretch } from "./policies/nn-stretch.ts";
import { singleCpu, singleDsp, singleGpu, singleNpu } from "./policies/single-processor.ts";
import type { PolicyEntry } from "./policy.ts";

/** Every built-in policy, by the id scenarios name it with. Adding a policy adds one line here, and the conformance suite then runs it. */
export const SCHEDULERS = new Registry<PolicyEntry>("scheduler");
SCHEDULERS.register("single-cpu", singleCpu);
SCHEDULERS.register("single-gpu", singleGpu);
SCHEDULERS.register("single-dsp", singleDsp);
SCHEDULERS.register("single-npu", singleNpu);
SCHEDULERS.register("nn-stretch", nnStretch);
SCHEDULERS.register("mulayer", mulayer);
SCHEDULERS.register("codl", codl);
SCHEDULERS.register("adms", adms);
SCHEDULERS.register("band", band);
