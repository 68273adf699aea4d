import type { Graph } from "./ir.ts";

/** Op ids reading each tensor, indexed by tensor id. */
export function consumersOf(graph: Graph): number[][] {
  const consumers = graph.tensors.map((): number[] => []);
  for (const op of graph.ops) {
    for (const tensorId of new Set(op.inputs)) consumers[tensorId]!.push(op.id);
  }
  return consumers;
}

/** Distinct ops each op reads from, indexed by op id. */
export function predecessorsOf(graph: Graph): number[][] {
  return graph.ops.map((op) => {
    const producers = new Set<number>();
    for (const tensorId of op.inputs) {
      const producer = graph.tensors[tensorId]!.producer;
      if (producer >= 0) producers.add(producer);
    }
    return [...producers];
  });
}

/** Distinct ops reading each op's outputs, indexed by op id. */
export function successorsOf(graph: Graph): number[][] {
  const successors = graph.ops.map((): number[] => []);
  predecessorsOf(graph).forEach((producers, consumer) => {
    for (const producer of producers) successors[producer]!.push(consumer);
  });
  return successors;
}
