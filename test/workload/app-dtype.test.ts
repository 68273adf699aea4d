import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorkload } from "../../src/scenario/load-scenario.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-app-dtype-"));

writeFileSync(
  join(folder, "int8-net.yaml"),
  `kind: model
name: int8-net
dtype: int8
inputs:
  image: [1, 3, 16, 16]
ops:
  - { name: conv, kind: conv2d, kernel: 3, padding: same, out_channels: 8 }
  - { name: act, kind: relu }
`,
);

function graphDtypes(dtypeLine: string): string[] {
  const file = join(folder, `w-${dtypeLine.length}.yaml`);
  writeFileSync(
    file,
    `kind: workload\nname: w\napps:\n  - name: app\n    model: int8-net.yaml\n${dtypeLine}    arrival: { process: periodic, fps: 10 }\n`,
  );
  const [graph] = loadWorkload(file).graphs;
  return [...new Set(graph!.ops.map((op) => op.dtype))];
}

describe("an app's dtype", () => {
  it("is the model file's own when the app gives none", () => {
    expect(graphDtypes("")).toEqual(["int8"]);
  });

  it("overrides the model file's when the app gives one", () => {
    expect(graphDtypes("    dtype: fp16\n")).toEqual(["fp16"]);
  });
});
