import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { type Graph, resolveModel } from "../../src/graph/index.ts";
import { validateFile } from "../../src/scenario/validate-file.ts";
import { graphArbitrary, scenarioArbitrary } from "../../src/testing/arbitraries/index.ts";
import { GENERATED } from "../../src/testing/generated.ts";
import { writeModel } from "../../src/testing/write-model.ts";
import { writeScenario } from "../../src/testing/write-scenario.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-write-model-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function summary(graph: Graph) {
  return {
    ops: graph.ops.map((op) => ({
      name: op.name,
      kind: op.kind,
      dtype: op.dtype,
      macs: op.macs,
      params: op.params,
      shapes: op.outputs.map((id) => graph.tensors[id]!.shape),
    })),
    inputs: graph.inputs.map((id) => graph.tensors[id]!.shape),
    outputs: graph.outputs.map((id) => graph.tensors[id]!.name),
  };
}

describe("writeModel", () => {
  it("writes generated graphs that the model loader reads back to the same graph", () => {
    let count = 0;
    fc.assert(
      fc.property(graphArbitrary({ dtype: "fp32" }), (graph) => {
        const file = writeModel(graph, join(folder, `model-${count++}.yaml`));
        const loaded = resolveModel(file);
        expect(loaded.ops.length).toBe(graph.ops.length);
        expect(loaded.ops.reduce((sum, op) => sum + op.macs, 0)).toBe(
          graph.ops.reduce((sum, op) => sum + op.macs, 0),
        );
        expect(loaded.ops.reduce((sum, op) => sum + op.params, 0)).toBe(
          graph.ops.reduce((sum, op) => sum + op.params, 0),
        );
        expect(summary(loaded)).toEqual(summary(graph));
      }),
      { numRuns: 50, seed: 20 },
    );
    expect(count).toBeGreaterThanOrEqual(50);
    expect(readFileSync(join(folder, "model-0.yaml"), "utf8")).toContain(`#${GENERATED}`);
  });

  it("round-trips an fp16 graph", () => {
    const [graph] = fc.sample(graphArbitrary({ dtype: "fp16", minOps: 5 }), {
      numRuns: 1,
      seed: 3,
    });
    const loaded = resolveModel(writeModel(graph!, join(folder, "fp16.yaml")));
    expect(summary(loaded)).toEqual(summary(graph!));
  });

  it("writes a scenario whose app runs a generated model, and validate accepts it", async () => {
    const [sketch] = fc.sample(scenarioArbitrary({ maxApps: 2 }), { numRuns: 1, seed: 7 });
    const [graph] = fc.sample(graphArbitrary({ minOps: 8 }), { numRuns: 1, seed: 11 });
    const withGraph = {
      ...sketch!,
      apps: sketch!.apps.map((app, index) => (index === 0 ? { ...app, graph: graph! } : app)),
    };
    const file = writeScenario(withGraph, join(folder, "scenario"), [{ name: "single-cpu" }]);
    expect(readFileSync(join(folder, "scenario", "workload.yaml"), "utf8")).toContain(
      "model: ./model-app0.yaml",
    );
    await expect(validateFile(file)).resolves.toBeUndefined();
    const loaded = resolveModel(join(folder, "scenario", "model-app0.yaml"));
    expect(summary(loaded)).toEqual(summary(graph!));
  });
});
