import { InputError, unknownNameMessage } from "../../core/index.ts";
import { dtypeLabel } from "../../graph/dtype-label.ts";
import type { Graph } from "../../graph/ir.ts";
import {
  compileCpuTarget,
  compileProcessorTarget,
  cpuThreadsProblem,
  type Target,
} from "../cost/target.ts";
import type { SocSpec } from "../load-soc.ts";
import type { ProcessorKind } from "../schema/processor-schema.ts";
import { runIsolated } from "./isolated-run.ts";
import { type Placement, placeGraph } from "./placement.ts";

/** `socsim profile`: one inference alone on each processor, as a framework runs it. */

export interface OpProfile {
  readonly name: string;
  readonly kind: string;
  /** Where the op ran: the processor asked for, or `cpu` when it fell back. */
  readonly processor: string;
  readonly latency_ms: number;
  readonly fused: boolean;
}

export interface ProcessorProfile {
  readonly id: string;
  readonly kind: ProcessorKind;
  readonly latency_ms: number;
  readonly energy_mj: number;
  readonly supported_ops: number;
  readonly fallback_ops: number;
  readonly ops?: OpProfile[];
}

export interface ProfileResult {
  readonly soc: string;
  readonly model: string;
  readonly dtype: string;
  readonly framework: string;
  readonly processors: ProcessorProfile[];
}

export interface ProfileOptions {
  readonly framework?: string;
  /** One processor id (`cpu`, `cpu-big`, `gpu`, …); default: every one. */
  readonly processor?: string;
  /** Adds the per-op breakdown. */
  readonly ops?: boolean;
  /**
   * Threads of the framework's CPU target (`cpu`, and the CPU that accelerator
   * fallbacks run on); default: the framework's. At most four per core.
   */
  readonly threads?: number;
}

/** Thread counts `profile` accepts: 1 up to four per CPU core (oversubscription is priced). */
function checkThreads(soc: SocSpec, threads: number): void {
  const problem = cpuThreadsProblem(soc, threads);
  if (problem !== undefined) throw new InputError(soc.file, problem, undefined, "--threads");
}

/** Ids `profile` reports: the framework's `cpu` configuration, then every processor of the file. */
export function profiledProcessors(soc: SocSpec): string[] {
  return ["cpu", ...Object.keys(soc.processors)];
}

/** Where each op runs when the framework targets `id`; a processor it cannot drive runs nothing. */
function placementFor(
  soc: SocSpec,
  graph: Graph,
  framework: string,
  id: string,
  fallback: Target,
): Placement {
  if (id === "cpu") return placeGraph(soc, graph, fallback, fallback);
  const target = compileProcessorTarget(soc, framework, id);
  if (target !== undefined) return placeGraph(soc, graph, target, fallback);
  const onCpu = placeGraph(soc, graph, fallback, fallback);
  return {
    ...onCpu,
    onTarget: onCpu.onTarget.map(() => false),
    supportedOps: 0,
    fallbackOps: graph.ops.length,
  };
}

export function profileModel(
  graph: Graph,
  soc: SocSpec,
  options: ProfileOptions = {},
): ProfileResult {
  const framework = options.framework ?? soc.default_framework;
  if (soc.frameworks[framework] === undefined) {
    throw new InputError(
      soc.file,
      unknownNameMessage("framework", framework, Object.keys(soc.frameworks)),
      undefined,
      "frameworks",
    );
  }
  const ids = profiledProcessors(soc);
  if (options.processor !== undefined && !ids.includes(options.processor)) {
    throw new InputError(
      soc.file,
      unknownNameMessage("processor", options.processor, ids),
      undefined,
      "processors",
    );
  }
  if (options.threads !== undefined) checkThreads(soc, options.threads);
  const fallback = compileCpuTarget(soc, framework, options.threads);
  const processors = (options.processor === undefined ? ids : [options.processor]).map((id) => {
    const placement = placementFor(soc, graph, framework, id, fallback);
    const run = runIsolated(soc, placement);
    const profile: ProcessorProfile = {
      id,
      kind: id === "cpu" ? "cpu" : soc.processors[id]!.kind,
      latency_ms: run.latencySeconds * 1e3,
      energy_mj: run.energyJoules * 1e3,
      supported_ops: placement.supportedOps,
      fallback_ops: placement.fallbackOps,
    };
    if (!options.ops) return profile;
    const ops = graph.ops.map((op) => ({
      name: op.name,
      kind: op.kind,
      processor: placement.onTarget[op.id] ? id : "cpu",
      latency_ms: run.opSeconds[op.id]! * 1e3,
      fused: placement.fused[op.id]!,
    }));
    return { ...profile, ops };
  });
  return {
    soc: soc.id,
    model: graph.name,
    dtype: dtypeLabel(graph),
    framework,
    processors,
  };
}
