import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadSoc } from "../../src/device/index.ts";
import { validateFile } from "../../src/scenario/validate-file.ts";
import {
  arrivalArbitrary,
  BUNDLED_SOCS,
  graphArbitrary,
  scenarioArbitrary,
  socArbitrary,
  workloadArbitrary,
} from "../../src/testing/arbitraries/index.ts";
import { loadSocVariant } from "../../src/testing/soc-variant.ts";
import { GENERATED, writeScenario } from "../../src/testing/write-scenario.ts";

describe("the arbitraries' constraints", () => {
  it("reject impossible constraints at once, naming the builder", () => {
    expect(() => arrivalArbitrary({ kinds: [] })).toThrow(/^arrivalArbitrary: /);
    expect(() => workloadArbitrary({ minApps: 3, maxApps: 2 })).toThrow(/^workloadArbitrary: /);
    expect(() => workloadArbitrary({ models: [] })).toThrow(/^workloadArbitrary: /);
    expect(() => workloadArbitrary({ models: ["mobilenet-v2", "resnet-51"] })).toThrow(
      'workloadArbitrary: models names "resnet-51", which is no zoo model (did you mean "resnet50"?)',
    );
    expect(() => scenarioArbitrary({ socs: [] })).toThrow(/^scenarioArbitrary: /);
    expect(() => scenarioArbitrary({ maxApps: 0 })).toThrow(/^workloadArbitrary: /);
    expect(() => graphArbitrary({ minOps: 0 })).toThrow(/^graphArbitrary: /);
    expect(() => socArbitrary({ maxChange: 1 })).toThrow(/^socArbitrary: /);
    expect(() => socArbitrary({ socs: [] })).toThrow(/^socArbitrary: /);
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
    const sketches = fc.sample(scenarioArbitrary({ socVariants: true }), { numRuns: 8, seed: 20 });
    expect(sketches.some((sketch) => sketch.socVariant !== undefined)).toBe(true);
    for (const [index, sketch] of sketches.entries()) {
      const scenario = writeScenario(sketch, join(folder, String(index)), [{ name: "single-cpu" }]);
      await validateFile(scenario);
      await validateFile(join(folder, String(index), "workload.yaml"));
      for (const file of readdirSync(join(folder, String(index))))
        await validateFile(join(folder, String(index), file));
      expect(readFileSync(scenario, "utf8")).toContain(`seed: ${sketch.seed} #${GENERATED}`);
    }
  });
});

describe("SoC variants", () => {
  it("of every bundled SoC at the largest change load as SoC files, their frequencies moved", () => {
    for (const base of BUNDLED_SOCS) {
      const bundled = loadSoc(base);
      const variant = loadSocVariant({
        base,
        frequencyScale: 1.3,
        thermalScale: 0.7,
        powerScale: 1.3,
      });
      const [id, processor] = Object.entries(bundled.processors)[0]!;
      const top = (p: typeof processor) =>
        Math.max(...p.operating_points.map((point) => point.freq));
      expect(top(variant.processors[id]!) / top(processor)).toBeCloseTo(1.3, 5);
    }
  });
});
