import type { RandomStreams } from "../core/index.ts";
import { elementCount, type Graph } from "../graph/index.ts";
import { DEFAULT_PREFIX_FRACTION, type ReuseSpec } from "../workload/reuse-schema.ts";
import { makeSimilarityProcess, type SimilarityProcess } from "../workload/similarity.ts";
import type { PlannedApp } from "./app-plan.ts";

/**
 * What a frame does after its check: run the whole graph, take the last
 * computed result (no inference), or take the prefix's cached outputs and
 * run the rest.
 */
export type ReuseOutcome = "compute" | "frame" | "layer";

/**
 * One app's reuse, as its runtime applies it (docs/data-reuse.md): the
 * frame's similarity, the check's CPU time, and at the layer level which ops
 * and units a reused frame skips. A frame reuses only once a frame of the app
 * has been computed whole: before that there is nothing to reuse.
 */
export class AppReuse {
  /** Whether a computed result (and with it the prefix's outputs) is cached. */
  private cached = false;
  readonly level: "frame" | "layer";
  /** Nominal CPU seconds of one check. */
  readonly checkSeconds: number;
  /** Per op of the run's graph, 1 when a reused frame skips it (layer level; all 0 at the frame level). */
  readonly skips: Uint8Array;
  /** Ops a reused frame skips: the prefix's at the layer level, all at the frame level. */
  readonly skippedOps: number;
  /** Per plan unit: 0 when a reused frame runs all its ops, 1 some, 2 none. */
  readonly unitSkips: Uint8Array;
  private readonly threshold: number;
  private readonly similarity: SimilarityProcess;

  constructor(parts: {
    level: "frame" | "layer";
    threshold: number;
    similarity: SimilarityProcess;
    checkSeconds: number;
    skips: Uint8Array;
    skippedOps: number;
    unitSkips: Uint8Array;
  }) {
    this.level = parts.level;
    this.threshold = parts.threshold;
    this.similarity = parts.similarity;
    this.checkSeconds = parts.checkSeconds;
    this.skips = parts.skips;
    this.skippedOps = parts.skippedOps;
    this.unitSkips = parts.unitSkips;
  }

  /** Draws the next frame's similarity (call once per arriving frame, in order). */
  nextSimilarity(): number {
    return this.similarity.next();
  }

  outcome(similarity: number): ReuseOutcome {
    if (!this.cached || similarity < this.threshold) return "compute";
    return this.level;
  }

  /** A frame computed whole has completed: its result is cached. */
  computed(): void {
    this.cached = true;
  }
}

/** What an app's reuse is built from, for one run. */
export interface AppReuseInputs {
  readonly appName: string;
  readonly spec: ReuseSpec | undefined;
  /** The model as the workload loaded it (a named prefix's fallback) and as the policy runs it. */
  readonly loadedGraph: Graph;
  readonly runGraph: Graph;
  readonly planned: PlannedApp;
  /** The similarities draw from the stream `reuse/<app>`, created only for an app with reuse on. */
  readonly streams: RandomStreams;
  readonly traceValues: readonly number[] | undefined;
}

/** Undefined when the app has no reuse (no block, or `level: off`). */
export function appReuse(inputs: AppReuseInputs): AppReuse | undefined {
  const { spec, runGraph } = inputs;
  if (spec === undefined || spec.level === "off") return undefined;
  const opCount = runGraph.ops.length;
  const prefix =
    spec.level === "frame" ? opCount : prefixLength(spec.prefix, inputs.loadedGraph, runGraph);
  const skips = new Uint8Array(opCount);
  if (spec.level === "layer") skips.fill(1, 0, prefix);
  const unitSkips = Uint8Array.from(inputs.planned.plan.units, (unit) => {
    let skipped = 0;
    for (const op of unit.ops) skipped += skips[op]!;
    return skipped === 0 ? 0 : skipped === unit.ops.length ? 2 : 1;
  });
  let inputElements = 0;
  for (const tensor of runGraph.inputs)
    inputElements += elementCount(runGraph.tensors[tensor]!.shape);
  const random = inputs.streams.stream(`reuse/${inputs.appName}`);
  return new AppReuse({
    level: spec.level,
    threshold: spec.threshold,
    similarity: makeSimilarityProcess(spec.similarity, random, inputs.traceValues),
    checkSeconds: inputElements * spec.check_per_element,
    skips,
    skippedOps: prefix,
    unitSkips,
  });
}

/**
 * Ops in the layer level's prefix, the first ones of the run's graph. A
 * named op is looked up in the graph that runs; a policy's rewrite may have
 * renamed it, and then the prefix keeps the fraction of the loaded graph's
 * ops it stood for. The last op always runs: a prefix of every op would be
 * frame-level reuse.
 */
function prefixLength(prefix: number | string | undefined, loaded: Graph, run: Graph): number {
  const opCount = run.ops.length;
  let fraction = prefix ?? DEFAULT_PREFIX_FRACTION;
  if (typeof fraction === "string") {
    const name = fraction;
    const inRun = run.ops.findIndex((op) => op.name === name);
    if (inRun >= 0) return Math.min(inRun + 1, opCount - 1);
    const inLoaded = loaded.ops.findIndex((op) => op.name === name);
    if (inLoaded < 0) throw new Error(`prefix op ${name} is in neither graph (checked at load)`);
    fraction = (inLoaded + 1) / loaded.ops.length;
  }
  return Math.min(Math.round(fraction * opCount), opCount - 1);
}
