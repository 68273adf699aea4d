import type { PathSegment } from "../../src/core/index.ts";
import {
  compileCpuTarget,
  compileProcessorTarget,
  type Placement,
  placeGraph,
  placementCycles,
  type RunConditions,
  runIsolated,
  type SocSpec,
  type Target,
} from "../../src/device/index.ts";
import { type Graph, ZOO, type ZooModel } from "../../src/graph/index.ts";
import type { CalibrationRow } from "./rows.ts";

/**
 * Prices calibration rows with the device model itself (placement, op cost,
 * transfers), so fitted coefficients mean exactly what the simulator
 * computes. Placements do not depend on fitted coefficients and are built
 * once; targets are recompiled from the SoC specs on every prediction.
 */
export interface PreparedRow {
  readonly row: CalibrationRow;
  readonly soc: SocSpec;
  readonly placement: Placement;
  readonly conditions: RunConditions;
}

const graphs = new Map<string, Graph>();

/** Operator shapes the fit times beyond the zoo's models (the §1b step panels), by id. */
const benchmarkShapes = new Map<string, ZooModel>();

export function registerBenchmarkShape(model: ZooModel): void {
  benchmarkShapes.set(model.id, model);
}

function graphOf(model: string, dtype: CalibrationRow["dtype"]): Graph {
  const key = `${model}:${dtype}`;
  let graph = graphs.get(key);
  if (graph === undefined) {
    const built = benchmarkShapes.get(model) ?? ZOO.get(model);
    if (!built.calibrationOnly && !benchmarkShapes.has(model))
      throw new Error(`calibration row on workload model ${model}: never fitted to (issue 18)`);
    graph = built.build(dtype);
    graphs.set(key, graph);
  }
  return graph;
}

function targetsOf(soc: SocSpec, row: CalibrationRow): { target: Target; fallback: Target } {
  const fallback = compileCpuTarget(
    soc,
    row.framework,
    row.processor === "cpu" ? row.threads : undefined,
  );
  if (row.processor === "cpu") return { target: fallback, fallback };
  const target = compileProcessorTarget(
    soc,
    row.framework,
    row.processor,
    row.gpuMemory ? { memory: row.gpuMemory } : {},
  );
  if (target === undefined)
    throw new Error(`${soc.id}: framework ${row.framework} has no back-end for ${row.processor}`);
  // Host threads oversubscribed on an accelerator row: the host thread that
  // records and submits each kernel loses its core to spinning workers.
  if (row.threads !== undefined) {
    const host = compileCpuTarget(soc, row.framework, row.threads);
    if (host.parallelSlowdown > 1) {
      const sync = host.backend.oversubscription_sync;
      return { target: { ...target, dispatchSeconds: target.dispatchSeconds + sync }, fallback };
    }
  }
  return { target, fallback };
}

export function prepareRow(soc: SocSpec, row: CalibrationRow): PreparedRow {
  const { target, fallback } = targetsOf(soc, row);
  const placement = placeGraph(soc, graphOf(row.model, row.dtype), target, fallback);
  return {
    row,
    soc,
    placement,
    conditions: row.frequencies ? { frequencies: row.frequencies } : {},
  };
}

/** Predicted latency (ms) of a row with the SoC specs' current coefficients. */
export function predictMs(prepared: PreparedRow): number {
  const { target, fallback } = targetsOf(prepared.soc, prepared.row);
  const placement = { ...prepared.placement, target, fallback };
  const run = runIsolated(prepared.soc, placement, prepared.conditions, placementCycles(placement));
  const seconds = prepared.row.kernelOnly
    ? run.latencySeconds - run.transferSeconds
    : run.latencySeconds;
  return seconds * 1e3;
}

/** Writes `value` at `path` inside a parsed SoC spec (creating the last key if needed). */
export function setAt(spec: SocSpec, path: readonly PathSegment[], value: number): void {
  let node = spec as unknown as Record<PathSegment, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<PathSegment, unknown>;
  node[path.at(-1)!] = value;
}
