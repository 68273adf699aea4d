import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/input-error.ts";
import { loadModelFile, modelStats, resolveModel } from "../../src/graph/index.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-yaml-model-"));
let counter = 0;

function write(text: string): string {
  const file = join(folder, `model${++counter}.yaml`);
  writeFileSync(file, text);
  return file;
}

function inputError(text: string): InputError {
  try {
    loadModelFile(write(text));
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

const TINY = `kind: model
name: tiny
inputs:
  image: [1, 3, 32, 32]
ops:
  - name: conv1
    kind: conv2d
    kernel: 3
    stride: 2
    padding: same
    out_channels: 16
  - name: bn1
    kind: batchnorm
  - name: relu1
    kind: relu6
  - name: dw
    kind: depthwise_conv2d
    kernel: 3
    padding: 1
  - name: sum
    kind: add
    inputs: [dw, relu1]
  - name: pool
    kind: global_avg_pool
  - name: flat
    kind: flatten
  - name: fc
    kind: fully_connected
    out_channels: 10
    bias: true
`;

describe("kind: model YAML files", () => {
  it("load into the IR, chaining ops that name no inputs", () => {
    const graph = loadModelFile(write(TINY));
    const stats = modelStats(graph);
    expect(stats.model).toBe("tiny");
    expect(stats.ops).toBe(8);
    expect(graph.tensors[graph.outputs[0]!]!.shape).toEqual([1, 10]);
    const conv = 3 * 3 * 3 * 16 * 16 * 16;
    const depthwise = 3 * 3 * 16 * 16 * 16;
    expect(stats.macs).toBe(conv + depthwise + 16 * 10);
    expect(stats.params).toBe(3 * 3 * 3 * 16 + 2 * 16 + 3 * 3 * 16 + 16 * 10 + 10);
  });

  it("take a dtype from the file or the caller", () => {
    const file = write(TINY.replace("name: tiny", "name: tiny\ndtype: fp16"));
    expect(loadModelFile(file).ops[0]!.dtype).toBe("fp16");
    expect(loadModelFile(file, "int8").ops[0]!.dtype).toBe("int8");
    expect(resolveModel(file).name).toBe("tiny");
  });

  it("refuse a batch other than 1 at the input's size, counting one inference", () => {
    const error = inputError(TINY.replace("image: [1, 3, 32, 32]", "image: [2, 3, 32, 32]"));
    expect(error.field).toBe("inputs.image[0]");
    expect(error.position).toEqual({ line: 4, col: 11 });
    expect(error.detail).toMatch(
      /batch 2 \(axis 0\): socsim models one inference at a time, batch 1/,
    );
  });

  it("point an unknown op kind at its line with the nearest kind", () => {
    const error = inputError(TINY.replace("kind: relu6", "kind: relu_6"));
    expect(error.describe()).toMatch(
      /model\d+\.yaml:15:11: ops\[2\]\.kind: unknown op kind "relu_6" \(did you mean "relu6"\?/,
    );
  });

  it("point a shape mismatch at the input that does not fit, naming both ops and shapes", () => {
    const error = inputError(
      TINY.replace("inputs: [dw, relu1]", "inputs: [dw, conv1.bn]")
        .replace("name: bn1", "name: conv1.bn")
        .replace("padding: 1", "padding: 1\n    stride: 2"),
    );
    expect(error.position?.line).toBe(23);
    expect(error.field).toBe("ops[4].inputs[1]");
    expect(error.detail).toMatch(
      /op "dw".*\[1, 16, 8, 8\].*op "conv1\.bn".*\[1, 16, 16, 16\]|\[1, 16, 8, 8\].*"dw".*\[1, 16, 16, 16\].*"conv1\.bn"/,
    );
  });

  it("point a cycle at the op that closes it", () => {
    const error = inputError(`kind: model
name: loop
inputs:
  x: [1, 4, 8, 8]
ops:
  - name: a
    kind: add
    inputs: [x, c]
  - name: b
    kind: relu
  - name: c
    kind: relu
`);
    expect(error.detail).toMatch(/cycle: /);
    for (const name of ["a", "b", "c"]) expect(error.detail).toContain(`"${name}"`);
    expect(error.field).toMatch(/^ops\[\d\](\.inputs)?$/);
  });

  it("reject fields a kind does not take, unknown fields and missing ones, at their place", () => {
    const notTaken = inputError(TINY.replace("kind: relu6", "kind: relu6\n    kernel: 3"));
    expect(notTaken.field).toBe("ops[2].kernel");
    expect(notTaken.detail).toMatch(/relu6 does not take kernel/);
    expect(notTaken.position?.line).toBe(16);
    const unknown = inputError(TINY.replace("out_channels: 16", "out_chanels: 16"));
    expect(unknown.field).toBe("ops[0].out_chanels");
    expect(unknown.detail).toMatch(/unknown field/);
    const missing = inputError(TINY.replace("    out_channels: 10\n", ""));
    expect(missing.field).toBe("ops[7].out_channels");
    expect(missing.detail).toMatch(/needs outChannels|out_channels/);
    const badValue = inputError(TINY.replace("stride: 2", "stride: -2"));
    expect(badValue.field).toBe("ops[0].stride");
    expect(badValue.position?.line).toBe(9);
  });

  it("refuse a file of another kind and a file that is not a model file", () => {
    expect(inputError("kind: soc\nname: x\n").detail).toMatch(/expected "kind: model"/);
    const text = join(folder, "notes.txt");
    writeFileSync(text, "hello");
    expect(() => loadModelFile(text)).toThrow(InputError);
    expect(() => resolveModel(join(folder, "missing.yaml"))).toThrow(/no such file/);
    expect(() => resolveModel("resnet-18")).toThrow(/did you mean "resnet18"/);
  });
});
