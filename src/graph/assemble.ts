import type { PathSegment } from "../core/input-error.ts";
import { nearestName } from "../core/nearest.ts";
import type { GraphDeclaration, OpDeclaration } from "./declaration.ts";
import { GraphError } from "./graph-error.ts";
import type { Graph, Op, OpAttributes, Tensor } from "./ir.ts";
import { flopsPerElement, KIND_RULES, type RuleContext, type RuleInput } from "./kinds/index.ts";
import { DTYPE_BYTES, type DType, isOpKind, OP_KINDS, type OpKind } from "./op-kinds.ts";
import { elementCount, type Shape } from "./shape.ts";

type Producer = { readonly op: number; readonly slot: number } | { readonly input: number };

/**
 * Turns a declaration (ops naming their input tensors, in any order) into a
 * Graph: names are checked, ops are put in a topological order, shapes are
 * inferred and the cost of every op is computed. Every problem is a
 * GraphError naming the op and the field.
 */
export function assembleGraph(declaration: GraphDeclaration): Graph {
  const producers = new Map<string, Producer>();
  declaration.inputs.forEach((input, index) => {
    if (producers.has(input.name)) {
      throw new GraphError(`graph input name "${input.name}" is used twice`);
    }
    if (input.shape.length === 0 || input.shape.some((dim) => !Number.isInteger(dim) || dim < 1)) {
      throw new GraphError(
        `graph input "${input.name}" has shape [${input.shape.join(", ")}]: sizes must be positive integers`,
      );
    }
    producers.set(input.name, { input: index });
  });

  const opNames = new Set<string>();
  const outputNames = declaration.ops.map((op, index) => {
    if (opNames.has(op.name))
      throw opError(op, index, `op name "${op.name}" is used twice`, ["name"]);
    opNames.add(op.name);
    if (!isOpKind(op.kind)) {
      const nearest = nearestName(op.kind, OP_KINDS);
      const hint = nearest ? `did you mean "${nearest}"? ` : "";
      throw new GraphError(
        `op "${op.name}": unknown op kind "${op.kind}" (${hint}known: ${OP_KINDS.join(", ")})`,
        index,
        ["kind"],
      );
    }
    const names = outputNamesOf(op, index, op.kind);
    names.forEach((name, slot) => {
      if (producers.has(name)) {
        throw opError(op, index, `writes tensor "${name}", which already has a producer`, [
          "outputs",
          slot,
        ]);
      }
      producers.set(name, { op: index, slot });
    });
    return names;
  });

  const inputProducers = declaration.ops.map((op, index) =>
    op.inputs.map((name, slot) => {
      const producer = producers.get(name);
      if (producer === undefined) {
        const nearest = nearestName(name, producers.keys());
        const hint = nearest ? ` (did you mean "${nearest}"?)` : "";
        throw opError(op, index, `reads tensor "${name}", which nothing writes${hint}`, [
          "inputs",
          slot,
        ]);
      }
      return producer;
    }),
  );

  const order = topologicalOrder(declaration.ops, inputProducers);
  return buildGraph(declaration, order, outputNames, inputProducers, producers);
}

function outputNamesOf(op: OpDeclaration, index: number, kind: OpKind): readonly string[] {
  const count = KIND_RULES[kind].outputCount?.(op.attrs) ?? 1;
  if (op.outputs !== undefined) {
    if (op.outputs.length !== count) {
      throw opError(
        op,
        index,
        `writes ${count} tensor(s), but ${op.outputs.length} output names are given`,
        ["outputs"],
      );
    }
    return op.outputs;
  }
  return count === 1 ? [op.name] : Array.from({ length: count }, (_, slot) => `${op.name}:${slot}`);
}

function opError(op: OpDeclaration, index: number, message: string, field: PathSegment[] = []) {
  return new GraphError(`op "${op.name}" (${op.kind}): ${message}`, index, field);
}

/** Kahn's algorithm, stable in declaration order; a leftover op lies on or behind a cycle. */
function topologicalOrder(
  ops: readonly OpDeclaration[],
  inputProducers: readonly (readonly Producer[])[],
): number[] {
  const dependents = ops.map((): number[] => []);
  const waiting = ops.map(() => 0);
  inputProducers.forEach((producers, consumer) => {
    const distinct = new Set<number>();
    for (const producer of producers) if ("op" in producer) distinct.add(producer.op);
    for (const op of distinct) {
      dependents[op]!.push(consumer);
      waiting[consumer]!++;
    }
  });
  const ready: number[] = [];
  waiting.forEach((count, index) => {
    if (count === 0) ready.push(index);
  });
  const order: number[] = [];
  // A min-heap would keep declaration order among ready ops; a FIFO keeps it
  // for the chains builders produce, which is all we need for readable output.
  for (let head = 0; head < ready.length; head++) {
    const op = ready[head]!;
    order.push(op);
    for (const dependent of dependents[op]!) {
      if (--waiting[dependent]! === 0) ready.push(dependent);
    }
  }
  if (order.length < ops.length) throw cycleError(ops, inputProducers, waiting);
  return order;
}

function cycleError(
  ops: readonly OpDeclaration[],
  inputProducers: readonly (readonly Producer[])[],
  waiting: readonly number[],
): GraphError {
  // Walk backwards along unfinished producers until an op repeats: that loop is a cycle.
  let current = waiting.findIndex((count) => count > 0);
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(current)) {
    seenAt.set(current, path.length);
    path.push(current);
    const next = inputProducers[current]!.find(
      (producer) => "op" in producer && waiting[producer.op]! > 0,
    ) as { op: number } | undefined;
    current = next!.op;
  }
  const cycle = path.slice(seenAt.get(current)).reverse();
  const names = [...cycle, cycle[0]!].map((index) => `"${ops[index]!.name}"`);
  return new GraphError(`ops form a cycle: ${names.join(" → ")}`, cycle[0], ["inputs"]);
}

function buildGraph(
  declaration: GraphDeclaration,
  order: readonly number[],
  outputNames: readonly (readonly string[])[],
  inputProducers: readonly (readonly Producer[])[],
  producers: ReadonlyMap<string, Producer>,
): Graph {
  const tensors: Tensor[] = declaration.inputs.map((input, id) => ({
    id,
    name: input.name,
    shape: [...input.shape],
    dtype: declaration.dtype,
    producer: -1,
  }));
  const tensorOfOutput = declaration.ops.map((): number[] => []);
  const ops: Op[] = [];
  const tensorOf = (producer: Producer): number =>
    "input" in producer ? producer.input : tensorOfOutput[producer.op]![producer.slot]!;

  for (const index of order) {
    const op = declaration.ops[index]!;
    const kind = op.kind as OpKind;
    const dtype = op.dtype ?? declaration.dtype;
    const inputs = inputProducers[index]!.map(tensorOf);
    const id = ops.length;
    const ruleInputs: RuleInput[] = inputs.map((tensorId) => {
      const tensor = tensors[tensorId]!;
      const from =
        tensor.producer < 0 ? `graph input "${tensor.name}"` : `op "${ops[tensor.producer]!.name}"`;
      return { shape: tensor.shape, from };
    });
    const outputShapes = inferOutputs(op, index, kind, ruleInputs);
    const outputs = outputShapes.map((shape, slot) => {
      const tensorId = tensors.length;
      tensors.push({ id: tensorId, name: outputNames[index]![slot]!, shape, dtype, producer: id });
      return tensorId;
    });
    tensorOfOutput[index] = outputs;
    const costed = costedOp(
      id,
      op.name,
      kind,
      dtype,
      op.attrs,
      inputs,
      outputs,
      (tensorId) => tensors[tensorId]!,
    );
    ops.push(op.placement ? { ...costed, placement: op.placement } : costed);
  }

  const consumed = new Set(ops.flatMap((op) => op.inputs));
  const outputs =
    declaration.outputs?.map((name, slot) => {
      const producer = producers.get(name);
      if (producer === undefined) {
        throw new GraphError(`graph output "${name}" is not a tensor of the model`, undefined, [
          "outputs",
          slot,
        ]);
      }
      return tensorOf(producer);
    }) ??
    tensors.filter((tensor) => tensor.producer >= 0 && !consumed.has(tensor.id)).map((t) => t.id);
  return {
    name: declaration.name,
    tensors,
    ops,
    inputs: declaration.inputs.map((_, id) => id),
    outputs,
  };
}

function inferOutputs(
  op: OpDeclaration,
  index: number,
  kind: OpKind,
  inputs: readonly RuleInput[],
): Shape[] {
  const rule = KIND_RULES[kind];
  const [minimum, maximum] = rule.arity;
  if (inputs.length < minimum || inputs.length > maximum) {
    const expected =
      minimum === maximum
        ? `${minimum}`
        : maximum === Number.POSITIVE_INFINITY
          ? `at least ${minimum}`
          : `${minimum} or ${maximum}`;
    throw opError(op, index, `takes ${expected} input(s), got ${inputs.length}`, ["inputs"]);
  }
  for (const field of rule.required ?? []) {
    if (op.attrs[field] === undefined) throw opError(op, index, `needs ${field}`, [field]);
  }
  const context: RuleContext = {
    inputs,
    attrs: op.attrs,
    fail: (message, field = []) => {
      throw opError(op, index, message, [...field]);
    },
  };
  return rule.infer(context);
}

/** An op with its cost figures, from its kind's rule and the shapes of its tensors. */
export function costedOp(
  id: number,
  name: string,
  kind: OpKind,
  dtype: DType,
  attrs: OpAttributes,
  inputs: readonly number[],
  outputs: readonly number[],
  tensorAt: (id: number) => Tensor,
): Op {
  const inputShapes = inputs.map((tensorId) => tensorAt(tensorId).shape);
  const outputShapes = outputs.map((tensorId) => tensorAt(tensorId).shape);
  const work = KIND_RULES[kind].work(inputShapes, outputShapes, attrs);
  // A fused batch norm is folded into the weights and bias: only fused activations still compute.
  const fusedFlops = (attrs.fused ?? [])
    .filter((fusedKind) => fusedKind !== "batchnorm")
    .reduce(
      (sum, fusedKind) => sum + flopsPerElement(fusedKind) * elementCount(outputShapes[0] ?? []),
      0,
    );
  const bytesOf = (tensorId: number) => {
    const tensor = tensorAt(tensorId);
    return elementCount(tensor.shape) * DTYPE_BYTES[tensor.dtype];
  };
  return {
    id,
    name,
    kind,
    dtype,
    inputs,
    outputs,
    attrs,
    macs: work.macs,
    flops: work.flops + fusedFlops,
    params: work.params,
    weightBytes: work.params * DTYPE_BYTES[dtype],
    inputBytes: [...new Set(inputs)].reduce((sum, tensorId) => sum + bytesOf(tensorId), 0),
    outputBytes: outputs.reduce((sum, tensorId) => sum + bytesOf(tensorId), 0),
  };
}
