import type { Finding } from "../finding.ts";
import { f1 } from "./f1-strategies.ts";
import { f2 } from "./f2-operator-support.ts";
import { f3 } from "./f3-cross-level.ts";
import { f4 } from "./f4-granularity.ts";
import { f5 } from "./f5-competing-streams.ts";
import { f6 } from "./f6-scheduling-overhead.ts";
import { f7 } from "./f7-ui.ts";
import { f8 } from "./f8-profiler.ts";
import { f9 } from "./f9-reuse.ts";
import { f10 } from "./f10-adms.ts";

/** The seed study's findings, in its order (shared/research/seed-study.md). */
export const FINDINGS: readonly Finding[] = [f1, f2, f3, f4, f5, f6, f7, f8, f9, f10];
