import { assembleGraph } from "./assemble.ts";
import type { InputDeclaration, OpDeclaration } from "./declaration.ts";
import type { Graph, OpAttributes } from "./ir.ts";
import type { DType, OpKind } from "./op-kinds.ts";

export type Pair = number | readonly [number, number];

/** A conv described the way papers tabulate it: `k3 s2 c64`, "same" padding unless stated. */
export interface ConvSpec {
  readonly kernel: Pair;
  readonly out: number;
  readonly stride?: Pair;
  readonly groups?: number;
  readonly dilation?: Pair;
  readonly bias?: boolean;
  /** "same" (default): the window is centred, as PyTorch's symmetric padding of odd kernels. */
  readonly padding?: "same" | "valid" | readonly [number, number, number, number];
}

export function pair(value: Pair): readonly [number, number] {
  return typeof value === "number" ? [value, value] : value;
}

/** Padding [top, left, bottom, right] that centres a kernel (extra row/column at the bottom/right). */
export function samePadding(kernel: Pair, dilation: Pair = 1): [number, number, number, number] {
  const [kernelHeight, kernelWidth] = pair(kernel);
  const [dilationHeight, dilationWidth] = pair(dilation);
  const height = dilationHeight * (kernelHeight - 1);
  const width = dilationWidth * (kernelWidth - 1);
  const top = Math.floor(height / 2);
  const left = Math.floor(width / 2);
  return [top, left, height - top, width - left];
}

export function convAttributes(spec: ConvSpec): OpAttributes {
  const padding =
    spec.padding === "valid"
      ? ([0, 0, 0, 0] as const)
      : spec.padding === undefined || spec.padding === "same"
        ? samePadding(spec.kernel, spec.dilation)
        : spec.padding;
  return {
    kernel: pair(spec.kernel),
    stride: pair(spec.stride ?? 1),
    dilation: pair(spec.dilation ?? 1),
    padding,
    groups: spec.groups ?? 1,
    outChannels: spec.out,
    bias: spec.bias ?? false,
  };
}

/**
 * Records ops in the order a model's code would run them and assembles the
 * graph at the end. Each call returns the name of the tensor written, so
 * blocks read like the layer tables they come from.
 */
export class ModelBuilder {
  private readonly inputs: InputDeclaration[] = [];
  private readonly ops: OpDeclaration[] = [];

  constructor(
    readonly name: string,
    readonly dtype: DType,
  ) {}

  input(name: string, shape: readonly number[]): string {
    this.inputs.push({ name, shape });
    return name;
  }

  /** Adds an op writing one tensor, named like the op. */
  op(kind: OpKind, name: string, inputs: readonly string[], attrs: OpAttributes = {}): string {
    this.ops.push({ name, kind, inputs, attrs });
    return name;
  }

  /** Adds an op writing several tensors (split): returns their names. */
  multiOp(
    kind: OpKind,
    name: string,
    inputs: readonly string[],
    attrs: OpAttributes,
    count: number,
  ) {
    this.ops.push({ name, kind, inputs, attrs });
    return Array.from({ length: count }, (_, slot) => `${name}:${slot}`);
  }

  conv(name: string, input: string, spec: ConvSpec): string {
    return this.op("conv2d", name, [input], convAttributes(spec));
  }

  depthwise(name: string, input: string, spec: Omit<ConvSpec, "out" | "groups">): string {
    const { groups: _groups, outChannels: _out, ...attrs } = convAttributes({ ...spec, out: 1 });
    return this.op("depthwise_conv2d", name, [input], attrs);
  }

  fullyConnected(name: string, input: string, out: number, bias = true): string {
    return this.op("fully_connected", name, [input], { outChannels: out, bias });
  }

  build(outputs?: readonly string[]): Graph {
    return assembleGraph({
      name: this.name,
      dtype: this.dtype,
      inputs: this.inputs,
      ops: this.ops,
      ...(outputs ? { outputs } : {}),
    });
  }
}
