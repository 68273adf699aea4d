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

  constructor(
    readonly level: "frame" | "layer",
    private readonly threshold: number,
    private readonly similarity: SimilarityProcess,
    /** Nominal CPU seconds of one check. */
    readonly checkSeconds: number,
    /** Layer level: per op of the run's graph, 1 when a reused frame skips it. */
    readonly skips: Uint8Array,
    /** Ops a reused frame skips: the prefix's at the layer level, all at the frame level. */
    readonly skippedOps: number,
    /** Per plan unit: 0 when a reused frame runs all its ops, 1 some, 2 none. */
    readonly unitSkips: Uint8Array,
  ) {}

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

/** Undefined when the app has no reuse (no block, or `level: off`). */
export function appReuse(
  appName: string,
  spec: ReuseSpec | undefined,
  loadedGraph: Graph,
  runGraph: Graph,
  planned: PlannedApp,
  /** The similarities draw from the stream `reuse/<app>`, created only for an app with reuse on. */
  streams: RandomStreams,
  traceValues: readonly number[] | undefined,
): AppReuse | undefined {
  if (spec === undefined || spec.level === "off") return undefined;
  const opCount = runGraph.ops.length;
  const prefix =
    spec.level === "frame" ? opCount : prefixLength(spec.prefix, loadedGraph, runGraph);
  const skips = new Uint8Array(opCount);
  if (spec.level === "layer") skips.fill(1, 0, prefix);
  const unitSkips = Uint8Array.from(planned.plan.units, (unit) => {
    let skipped = 0;
    for (const op of unit.ops) skipped += skips[op]!;
    return skipped === 0 ? 0 : skipped === unit.ops.length ? 2 : 1;
  });
  let inputElements = 0;
  for (const tensor of runGraph.inputs)
    inputElements += elementCount(runGraph.tensors[tensor]!.shape);
  return new AppReuse(
    spec.level,
    spec.threshold,
    makeSimilarityProcess(spec.similarity, streams.stream(`reuse/${appName}`), traceValues),
    inputElements * spec.check_per_element,
    skips,
    prefix,
    unitSkips,
  );
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
