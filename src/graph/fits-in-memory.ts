import type { Graph } from "./ir.ts";

/**
 * Far more than any phone's memory: an op that reads, writes or holds more
 * than this cannot run on one, and its sizes would overflow the cost model's
 * arithmetic long before the simulation ended.
 */
export const MAX_OP_BYTES = 2 ** 36;

/** The first op whose tensors or weights do not fit in memory, with why; undefined when all fit. */
export function opTooLarge(graph: Graph): { opIndex: number; detail: string } | undefined {
  for (const [opIndex, op] of graph.ops.entries()) {
    const largest = Math.max(op.inputBytes, op.outputBytes, op.weightBytes);
    const sane = [op.inputBytes, op.outputBytes, op.weightBytes, op.macs].every(
      (value) => Number.isFinite(value) && value >= 0,
    );
    if (!sane || largest > MAX_OP_BYTES)
      return {
        opIndex,
        detail: `op "${op.name}" (${op.kind}) moves ${largest.toPrecision(3)} bytes, which does not fit in memory (at most ${MAX_OP_BYTES} bytes per tensor)`,
      };
  }
  return undefined;
}
