import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorkload } from "../../src/scenario/load-scenario.ts";
import { INT8_NET_YAML } from "../support/dtype-models.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-app-dtype-"));

writeFileSync(join(folder, "int8-net.yaml"), INT8_NET_YAML);

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
