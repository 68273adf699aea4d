import { type OnnxTypes, onnx } from "./proto.ts";

/** A constant known at import time: its dims, and its values when small enough to matter for shapes. */
export interface ConstantValue {
  readonly dims: readonly number[];
  /** Decoded only for small tensors (shape arithmetic, clip bounds, scales), never for weights. */
  readonly values?: readonly number[];
}

const MAX_DECODED = 1024;
const DataType = onnx.TensorProto.DataType;

function toNumber(value: number | { toNumber(): number }): number {
  return typeof value === "number" ? value : value.toNumber();
}

/** Dims and (for small tensors) values of a TensorProto, from its typed fields or raw little-endian bytes. */
export function constantOf(tensor: OnnxTypes.ITensorProto): ConstantValue {
  const dims = (tensor.dims ?? []).map(toNumber);
  const count = dims.reduce((product, dim) => product * dim, 1);
  if (count > MAX_DECODED) return { dims };
  const values = decode(tensor, count);
  return values === undefined ? { dims } : { dims, values };
}

function decode(tensor: OnnxTypes.ITensorProto, count: number): number[] | undefined {
  if (tensor.floatData?.length) return [...tensor.floatData];
  if (tensor.doubleData?.length) return [...tensor.doubleData];
  if (tensor.int64Data?.length) return tensor.int64Data.map(toNumber);
  if (tensor.int32Data?.length) return [...tensor.int32Data];
  const raw = tensor.rawData;
  if (!raw || raw.length === 0) return count === 0 ? [] : undefined;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const read = (width: number, get: (offset: number) => number) =>
    raw.length >= count * width
      ? Array.from({ length: count }, (_, index) => get(index * width))
      : undefined;
  switch (tensor.dataType) {
    case DataType.FLOAT:
      return read(4, (offset) => view.getFloat32(offset, true));
    case DataType.DOUBLE:
      return read(8, (offset) => view.getFloat64(offset, true));
    case DataType.INT64:
      return read(8, (offset) => Number(view.getBigInt64(offset, true)));
    case DataType.INT32:
      return read(4, (offset) => view.getInt32(offset, true));
    case DataType.INT8:
      return read(1, (offset) => view.getInt8(offset));
    case DataType.UINT8:
      return read(1, (offset) => view.getUint8(offset));
    default:
      return undefined;
  }
}

/** A node's attributes by name, read as numbers, lists or strings. */
export class NodeAttributes {
  private readonly byName = new Map<string, OnnxTypes.IAttributeProto>();

  constructor(node: OnnxTypes.INodeProto) {
    for (const attribute of node.attribute ?? []) this.byName.set(attribute.name ?? "", attribute);
  }

  int(name: string): number | undefined {
    const attribute = this.byName.get(name);
    return attribute?.i === undefined || attribute.i === null ? undefined : toNumber(attribute.i);
  }

  float(name: string): number | undefined {
    const attribute = this.byName.get(name);
    return attribute?.f ?? undefined;
  }

  ints(name: string): number[] | undefined {
    const attribute = this.byName.get(name);
    return attribute?.ints?.length ? attribute.ints.map(toNumber) : undefined;
  }

  string(name: string): string | undefined {
    const bytes = this.byName.get(name)?.s;
    return bytes?.length ? new TextDecoder().decode(bytes) : undefined;
  }

  tensor(name: string): OnnxTypes.ITensorProto | undefined {
    return this.byName.get(name)?.t ?? undefined;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }
}
