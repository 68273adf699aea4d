import { InvalidArgumentError } from "@commander-js/extra-typings";
import { describe, expect, it } from "vitest";
import { collectInputShape, inputShapeOptions } from "../../src/cli/input-shape-option.ts";
import { InputError } from "../../src/core/input-error.ts";

describe("--input-shape", () => {
  it("collects one shape per input name and refuses a name given twice (bad usage)", () => {
    const first = collectInputShape("x=1x3x8x8", {});
    expect(collectInputShape("mask=1x8", first)).toEqual({ x: [1, 3, 8, 8], mask: [1, 8] });
    expect(() => collectInputShape("x=1x3x16x16", first)).toThrow(InvalidArgumentError);
    expect(() => collectInputShape("x=1x3x16x16", first)).toThrow(/"x" is given a shape twice/);
  });

  it("applies to ONNX files only: a zoo model or a model YAML is refused (bad input)", () => {
    expect(inputShapeOptions("net.onnx", { x: [1, 3, 8, 8] })).toEqual({
      inputShapes: { x: [1, 3, 8, 8] },
    });
    expect(inputShapeOptions("resnet18", {})).toEqual({});
    for (const model of ["resnet18", "net.yaml"]) {
      expect(() => inputShapeOptions(model, { x: [1, 3, 8, 8] })).toThrow(InputError);
      expect(() => inputShapeOptions(model, { x: [1, 3, 8, 8] })).toThrow(/not an \.onnx file/);
    }
  });
});
