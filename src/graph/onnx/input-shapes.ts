import { InputError } from "../../core/input-error.ts";
import { batchProblem } from "../single-batch.ts";
import { InputShapeError } from "./input-shape-error.ts";
import type { OnnxTypes } from "./proto.ts";

type GivenShapes = Readonly<Record<string, readonly number[]>>;

/**
 * The shapes of a graph's inputs (weights excluded), in order. A given shape
 * sizes only the symbolic dimensions: the file's fixed sizes stay. A
 * symbolic batch is 1; any batch but 1 is refused (single-batch.ts).
 */
export function inputShapes(
  file: string,
  inputs: readonly OnnxTypes.IValueInfoProto[],
  given: GivenShapes = {},
): number[][] {
  const names = inputs.map((input) => input.name ?? "");
  for (const name of Object.keys(given)) {
    if (!names.includes(name))
      throw new InputShapeError(
        file,
        `has no input "${name}" to give a shape to (its inputs: ${names.join(", ")})`,
        name,
        false,
      );
  }
  return inputs.map((input, index) => {
    const name = names[index]!;
    const givenShape = given[name];
    const shape =
      givenShape === undefined
        ? declaredShape(file, name, input)
        : givenShapeOf(file, name, input, givenShape);
    const problem = batchProblem(shape);
    if (problem !== undefined) {
      const detail = `input "${name}": ${problem}`;
      throw givenShape === undefined
        ? new InputError(file, detail)
        : new InputShapeError(file, detail, name);
    }
    return shape;
  });
}

/** The file's sizes by axis, `undefined` where the dimension is symbolic; no shape at all is `undefined`. */
function declaredSizes(
  file: string,
  name: string,
  input: OnnxTypes.IValueInfoProto,
): (number | undefined)[] | undefined {
  return input.type?.tensorType?.shape?.dim?.map((dim, axis) => {
    const value = Number(dim.dimValue ?? 0);
    if (value === 0) return undefined;
    if (value > 0 && Number.isSafeInteger(value)) return value;
    throw new InputError(
      file,
      value < 0
        ? `input "${name}" has dimension ${String(dim.dimValue)} at axis ${axis}, which is not a size`
        : `input "${name}" has dimension ${String(dim.dimValue)} at axis ${axis}, which does not fit in memory`,
    );
  });
}

function declaredShape(file: string, name: string, input: OnnxTypes.IValueInfoProto): number[] {
  const sizes = declaredSizes(file, name, input);
  if (sizes === undefined)
    throw new InputShapeError(
      file,
      `input "${name}" has no shape; ${giveShape(name, "1x3x224x224")}`,
      name,
    );
  const dims = input.type!.tensorType!.shape!.dim!;
  return sizes.map((size, axis) => {
    if (size !== undefined) return size;
    if (axis === 0) return 1;
    const label = dims[axis]!.dimParam ? `"${dims[axis]!.dimParam}"` : "unknown";
    const example = sizes.map((known, index) => known ?? (index === 0 ? 1 : "N")).join("x");
    throw new InputShapeError(
      file,
      `input "${name}" has a dynamic dimension ${label} at axis ${axis}; ${giveShape(name, example)}`,
      name,
    );
  });
}

function givenShapeOf(
  file: string,
  name: string,
  input: OnnxTypes.IValueInfoProto,
  shape: readonly number[],
): number[] {
  const sizes = declaredSizes(file, name, input);
  if (sizes === undefined) return [...shape];
  if (sizes.length !== shape.length)
    throw new InputShapeError(
      file,
      `input "${name}" has rank ${sizes.length}, but its given shape [${shape.join(", ")}] has ${shape.length} sizes`,
      name,
    );
  sizes.forEach((size, axis) => {
    if (size !== undefined && size !== shape[axis])
      throw new InputShapeError(
        file,
        `input "${name}" has the fixed size ${size} at axis ${axis}, but its given shape [${shape.join(", ")}] has ${shape[axis]} there (a given shape sizes only symbolic dimensions)`,
        name,
      );
  });
  return [...shape];
}

function giveShape(name: string, shape: string): string {
  return `give its shape with --input-shape ${name}=${shape} (socsim model, profile) or input_shapes: { ${name}: [${shape.split("x").join(", ")}] } (a workload's app)`;
}
