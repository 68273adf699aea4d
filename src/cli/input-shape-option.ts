import { InvalidArgumentError } from "@commander-js/extra-typings";
import { InputError } from "../core/input-error.ts";
import { type OnnxImportOptions, ZOO } from "../graph/index.ts";

/** `--input-shape x=1x3x224x224`, repeatable: shapes for ONNX inputs with symbolic dimensions. */
export function collectInputShape(
  text: string,
  previous: Record<string, number[]>,
): Record<string, number[]> {
  const match = /^([^=]+)=(\d+(?:x\d+)*)$/.exec(text);
  const shape = match?.[2]?.split("x").map(Number);
  if (!match || !shape || shape.some((dim) => dim < 1)) {
    throw new InvalidArgumentError(
      "expected NAME=DIMxDIMx... with positive sizes, e.g. x=1x3x224x224",
    );
  }
  const name = match[1]!;
  if (Object.hasOwn(previous, name))
    throw new InvalidArgumentError(`input "${name}" is given a shape twice`);
  return { ...previous, [name]: shape };
}

/**
 * The import options `--input-shape` gives MODEL. Only an ONNX file has
 * symbolic sizes; any other model's shapes are fixed, so a shape given for
 * one would be ignored silently: it is refused instead, as a workload's
 * `input_shapes:` is.
 */
export function inputShapeOptions(
  model: string,
  inputShapes: Record<string, number[]>,
): Pick<OnnxImportOptions, "inputShapes"> {
  if (Object.keys(inputShapes).length === 0) return {};
  if (ZOO.has(model) || !/\.onnx$/i.test(model))
    throw new InputError(
      model,
      "--input-shape gives the sizes of an ONNX model's symbolic inputs; this model is not an .onnx file",
    );
  return { inputShapes };
}
