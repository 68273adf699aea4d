import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cutBetween,
  fuseOperators,
  type Graph,
  lowRankConvolutions,
  operatorChains,
  partitionByPredicate,
  partitionIndexOf,
  predecessorsOf,
  pruneChannels,
  quantize,
  splitOp,
  totalsOf,
  validateGraph,
} from "../../src/graph/index.ts";
import { graphArbitrary } from "../../src/testing/arbitraries/index.ts";

const RUNS = { numRuns: 60 };
const graphs = graphArbitrary({ maxOps: 16 });
/** A per-op predicate drawn as a bit mask over op ids. */
const predicateBits = fc.array(fc.boolean(), { minLength: 64, maxLength: 64 });

function coversEveryOpOnce(graph: Graph, groups: readonly (readonly number[])[]): void {
  const seen = groups.flat().sort((a, b) => a - b);
  expect(seen).toEqual(graph.ops.map((op) => op.id));
}

describe("random DAGs", () => {
  it("refuse impossible constraints, naming the arbitrary", () => {
    expect(() => graphArbitrary({ minOps: 5, maxOps: 3 })).toThrow(/graphArbitrary: maxOps \(3\)/);
    expect(() => graphArbitrary({ minOps: 0 })).toThrow(/graphArbitrary: minOps/);
  });

  it("validate", () => {
    fc.assert(
      fc.property(graphs, (graph) => validateGraph(graph)),
      RUNS,
    );
  });

  it("list their ops in a topological order that respects every edge", () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        predecessorsOf(graph).forEach((producers, consumer) => {
          for (const producer of producers) expect(producer).toBeLessThan(consumer);
        });
      }),
      RUNS,
    );
  });
});

describe("partitions of random DAGs", () => {
  it("cover every op exactly once, agree on the predicate inside, and form a DAG in the listed order", () => {
    fc.assert(
      fc.property(graphs, predicateBits, (graph, bits) => {
        const partitions = partitionByPredicate(graph, (op) => bits[op.id % bits.length]!);
        coversEveryOpOnce(
          graph,
          partitions.map((partition) => partition.ops),
        );
        for (const partition of partitions) {
          for (const op of partition.ops) expect(bits[op % bits.length]).toBe(partition.supported);
        }
        const index = partitionIndexOf(graph, partitions);
        predecessorsOf(graph).forEach((producers, consumer) => {
          for (const producer of producers)
            expect(index[producer]!).toBeLessThanOrEqual(index[consumer]!);
        });
      }),
      RUNS,
    );
  });

  it("add up to the whole graph's MACs and bytes, and the cut counts only crossing tensors", () => {
    fc.assert(
      fc.property(graphs, predicateBits, (graph, bits) => {
        const partitions = partitionByPredicate(graph, (op) => bits[op.id % bits.length]!);
        const whole = totalsOf(graph.ops);
        const parts = partitions.map((partition) =>
          totalsOf(partition.ops.map((op) => graph.ops[op]!)),
        );
        for (const field of [
          "macs",
          "flops",
          "params",
          "weightBytes",
          "inputBytes",
          "outputBytes",
        ] as const) {
          expect(parts.reduce((sum, part) => sum + part[field], 0)).toBe(whole[field]);
        }
        const index = partitionIndexOf(graph, partitions);
        const cut = cutBetween(graph, index);
        for (const tensor of cut.tensors) expect(tensor.to).not.toContain(tensor.from);
        expect(
          cutBetween(
            graph,
            index.map(() => 0),
          ).bytes,
        ).toBe(0);
      }),
      RUNS,
    );
  });

  it("a cut lists each tensor read outside its producer's partition, with every partition reading it, ascending", () => {
    const opParts = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 16, maxLength: 16 });
    fc.assert(
      fc.property(graphs, opParts, (graph, parts) => {
        const partOf = graph.ops.map((op) => parts[op.id]!);
        const expected = graph.tensors.flatMap((tensor) => {
          if (tensor.producer < 0) return [];
          const from = partOf[tensor.producer]!;
          const readers = graph.ops.filter((op) => op.inputs.includes(tensor.id));
          const to = [...new Set(readers.map((op) => partOf[op.id]!))]
            .filter((part) => part !== from)
            .sort((a, b) => a - b);
          return to.length === 0 ? [] : [{ tensor: tensor.id, from, to }];
        });
        const cut = cutBetween(graph, partOf);
        expect(cut.tensors.map(({ tensor, from, to }) => ({ tensor, from, to }))).toEqual(expected);
        expect(cut.bytes).toBe(
          cut.tensors.reduce((sum, tensor) => sum + tensor.bytes * tensor.to.length, 0),
        );
      }),
      RUNS,
    );
  });

  it("chains cover every op once and follow edges", () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        const chains = operatorChains(graph);
        coversEveryOpOnce(graph, chains);
        const predecessors = predecessorsOf(graph);
        for (const chain of chains) {
          for (let index = 1; index < chain.length; index++)
            expect(predecessors[chain[index]!]).toEqual([chain[index - 1]]);
        }
      }),
      RUNS,
    );
  });

  it("splitting any conv, pool or activation keeps its MACs", () => {
    const splittable = new Set(["conv2d", "depthwise_conv2d", "max_pool", "relu", "batchnorm"]);
    fc.assert(
      fc.property(
        graphs,
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (graph, pick, parts, byRows) => {
          const candidates = graph.ops.filter(
            (op) => splittable.has(op.kind) && (op.attrs.groups ?? 1) === 1,
          );
          fc.pre(candidates.length > 0);
          const op = candidates[pick % candidates.length]!;
          const output = graph.tensors[op.outputs[0]!]!.shape;
          const axis = byRows ? "rows" : "channels";
          fc.pre(parts <= output[axis === "rows" ? 2 : 1]!);
          const split = splitOp(graph, op.id, axis, parts);
          expect(split.slices.reduce((sum, slice) => sum + slice.macs, 0)).toBe(op.macs);
          expect(split.slices.reduce((sum, slice) => sum + slice.outputBytes, 0)).toBe(
            split.join.bytes,
          );
        },
      ),
      RUNS,
    );
  });
});

describe("transforms of random DAGs", () => {
  const transform = fc.oneof(
    fc.constant((graph: Graph) => fuseOperators(graph)),
    fc
      .double({ min: 0, max: 0.9, noNaN: true })
      .map((ratio) => (graph: Graph) => pruneChannels(graph, ratio)),
    fc
      .double({ min: 0.05, max: 1, noNaN: true })
      .map((ratio) => (graph: Graph) => lowRankConvolutions(graph, ratio)),
    fc
      .constantFrom("fp16", "int8", "fp32" as const)
      .map((dtype) => (graph: Graph) => quantize(graph, dtype)),
  );

  it("never create cycles or invalid graphs, in any sequence", () => {
    fc.assert(
      fc.property(graphs, fc.array(transform, { maxLength: 4 }), (graph, sequence) => {
        let current = graph;
        for (const apply of sequence) {
          current = apply(current).graph;
          validateGraph(current);
        }
      }),
      RUNS,
    );
  });

  it("fusion and pruning never increase MACs; fusion keeps them exactly", () => {
    fc.assert(
      fc.property(graphs, fc.double({ min: 0, max: 0.9, noNaN: true }), (graph, ratio) => {
        const fused = fuseOperators(graph).report;
        expect(fused.change.macs).toBe(0);
        expect(fused.change.activationBytes).toBeLessThanOrEqual(0);
        expect(pruneChannels(graph, ratio).report.change.macs).toBeLessThanOrEqual(0);
      }),
      RUNS,
    );
  });
});
