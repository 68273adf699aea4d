import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateFile } from "../../src/scenario/validate-file.ts";
import {
  arrivalArbitrary,
  graphArbitrary,
  scenarioArbitrary,
  workloadArbitrary,
} from "../../src/testing/arbitraries/index.ts";
import { GENERATED, writeScenario } from "../../src/testing/write-scenario.ts";

describe("the arbitraries' constraints", () => {
  it("reject impossible constraints at once, naming the builder", () => {
    expect(() => arrivalArbitrary({ kinds: [] })).toThrow(/^arrivalArbitrary: /);
    expect(() => workloadArbitrary({ minApps: 3, maxApps: 2 })).toThrow(/^workloadArbitrary: /);
    expect(() => workloadArbitrary({ models: [] })).toThrow(/^workloadArbitrary: /);
    expect(() => scenarioArbitrary({ socs: [] })).toThrow(/^scenarioArbitrary: /);
    expect(() => scenarioArbitrary({ maxApps: 0 })).toThrow(/^workloadArbitrary: /);
    expect(() => graphArbitrary({ minOps: 0 })).toThrow(/^graphArbitrary: /);
  });

  it("keep every app's closed loop within its queue", () => {
    for (const workload of fc.sample(workloadArbitrary({ arrivals: ["closed"] }), 50))
      for (const app of workload.apps)
        if (app.arrival.process === "closed")
          expect(app.maxQueue).toBeGreaterThanOrEqual(app.arrival.outstanding);
  });
});

describe("written scenarios", () => {
  it("are accepted by socsim validate, file by file, with their generated numbers marked", async () => {
    const folder = mkdtempSync(join(tmpdir(), "socsim-written-"));
    const sketches = fc.sample(scenarioArbitrary(), { numRuns: 6, seed: 20 });
    for (const [index, sketch] of sketches.entries()) {
      const scenario = writeScenario(sketch, join(folder, String(index)), [{ name: "single-cpu" }]);
      await validateFile(scenario);
      await validateFile(join(folder, String(index), "workload.yaml"));
      expect(readFileSync(scenario, "utf8")).toContain(`seed: ${sketch.seed} #${GENERATED}`);
    }
  });
});
