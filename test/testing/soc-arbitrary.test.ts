import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadSoc } from "../../src/device/index.ts";
import { scenarioArbitrary } from "../../src/testing/arbitraries/scenario.ts";
import { socArbitrary } from "../../src/testing/arbitraries/soc.ts";
import { GENERATED } from "../../src/testing/generated.ts";
import { socVariantText } from "../../src/testing/soc-variant.ts";

function supportSize(ops: "all" | readonly string[], except: readonly string[]): number {
  return ops === "all"
    ? 10_000 - except.length
    : ops.filter((kind) => !except.includes(kind)).length;
}

describe("socArbitrary's structural variations", () => {
  it("write SoC files that loadSoc accepts, some without a GPU, with smaller support tables or fewer frameworks", () => {
    const folder = mkdtempSync(join(tmpdir(), "socsim-soc-arbitrary-"));
    const variants = fc.sample(socArbitrary(), { numRuns: 50, seed: 7 });
    let withoutGpu = 0;
    let smallerSupport = 0;
    let fewerFrameworks = 0;
    for (const [index, variant] of variants.entries()) {
      const file = join(folder, `${index}.yaml`);
      const text = socVariantText(variant);
      writeFileSync(file, text);
      const soc = loadSoc(file);
      const base = loadSoc(variant.base);
      expect(Object.values(soc.processors).some((processor) => processor.kind === "cpu")).toBe(
        true,
      );
      for (const id of variant.droppedProcessors ?? []) {
        expect(soc.processors[id]).toBeUndefined();
        for (const framework of Object.values(soc.frameworks))
          expect(Object.keys(framework.backends)).not.toContain(id);
      }
      if (base.processors.gpu !== undefined && soc.processors.gpu === undefined) withoutGpu++;
      for (const [id, processor] of Object.entries(soc.processors)) {
        const before = base.processors[id]!.support;
        if (
          supportSize(processor.support.ops, processor.support.except) <
          supportSize(before.ops, before.except)
        )
          smallerSupport++;
      }
      if (Object.keys(soc.frameworks).length < Object.keys(base.frameworks).length)
        fewerFrameworks++;
      expect(soc.frameworks[soc.default_framework]).toBeDefined();
      if (variant.frequencyScale !== 1) expect(readFileSync(file, "utf8")).toContain(GENERATED);
    }
    console.log(
      `soc-arbitrary: ${variants.length} SoCs load; ${withoutGpu} lack the base's GPU, ${smallerSupport} smaller support tables, ${fewerFrameworks} with fewer frameworks`,
    );
    expect(withoutGpu).toBeGreaterThan(0);
    expect(smallerSupport).toBeGreaterThan(0);
    expect(fewerFrameworks).toBeGreaterThan(0);
  });

  it("are off when every structural constraint is off, and in scenarioArbitrary unless socStructure", () => {
    const plain = fc.sample(
      socArbitrary({ dropAccelerators: false, maxRemovedOps: 0, dropFrameworks: false }),
      { numRuns: 20, seed: 3 },
    );
    for (const variant of plain)
      expect(Object.keys(variant).sort()).toEqual([
        "base",
        "frequencyScale",
        "powerScale",
        "thermalScale",
      ]);
    const sketches = fc.sample(scenarioArbitrary({ socVariants: true }), { numRuns: 30, seed: 3 });
    for (const sketch of sketches)
      if (sketch.socVariant !== undefined)
        expect(sketch.socVariant.droppedProcessors).toBeUndefined();
    const cut = fc.sample(scenarioArbitrary({ socVariants: true, socStructure: true }), {
      numRuns: 30,
      seed: 3,
    });
    expect(
      cut.some(
        (sketch) =>
          sketch.socVariant?.droppedProcessors !== undefined ||
          sketch.socVariant?.droppedFrameworks !== undefined,
      ),
    ).toBe(true);
  });

  it("rejects impossible constraints naming the builder", () => {
    expect(() => socArbitrary({ maxRemovedOps: -1 })).toThrow(/^socArbitrary: maxRemovedOps/);
    expect(() => socArbitrary({ maxRemovedOps: 1.5 })).toThrow(/^socArbitrary: maxRemovedOps/);
  });
});
