import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SCHEDULERS } from "../../src/sched/index.ts";
import { runScenario } from "../../src/testing/run-scenario.ts";
import { runScenarioOf } from "../../src/testing/scenario-sketch.ts";

const sketch = {
  soc: "snapdragon-855",
  apps: [{ model: "mobilenet-v1", arrival: { process: "periodic", fps: 30 }, maxQueue: 4 }],
  ui: false,
  competing: false,
  durationS: 0.2,
  seed: 3,
} as const;

describe("runScenario", () => {
  it("returns the results and which op ran where, when and with which share", () => {
    const run = runScenario(runScenarioOf(sketch), { policy: SCHEDULERS.get("mulayer") });
    const ops = run.executions.filter((e) => e.tag.op >= 0 && !e.transfer);
    expect(run.results.runs[0]!.models[0]!.completed).toBeGreaterThan(0);
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.every((e) => e.endNs >= e.startNs && e.tag.app === "app0")).toBe(true);
    // μLayer splits layers between CPU and GPU: some op runs as a share below 1.
    expect(ops.some((e) => e.tag.share! > 0 && e.tag.share! < 1)).toBe(true);
    expect(run.graphs.get("app0")!.ops.length).toBeGreaterThan(0);
  });

  it("is exported by the main entry, which never imports fast-check", () => {
    const main = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
    expect(readFileSync(main, "utf8")).toContain("runScenario");
    expect(packagesImportedFrom(main).has("fast-check")).toBe(false);
  });
});

/** Every package a source file reaches through its static imports and re-exports. */
function packagesImportedFrom(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(/^(?:import|export)[^;]*?from "([^"]+)"/gms)) {
      if (specifier!.startsWith(".")) visit(resolve(dirname(file), specifier!));
      else packages.add(specifier!);
    }
  };
  visit(entry);
  return packages;
}
