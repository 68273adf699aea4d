import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadSweepRun } from "../../src/scenario/sweep/sweep-run.ts";
import { tinyScenarioFolder } from "../sweep/fixtures.ts";

/** Policies that keep state from planning (profiles, partitions, queues) beside stateless ones. */
const SCHEDULERS = ["single-gpu", "mulayer", "codl", "band", "adms"];

describe("plans kept from loading for a scenario's first run", () => {
  it("give the results planning afresh gives, and are handed out once", async () => {
    const base = join(tinyScenarioFolder(), "tiny.yaml");
    const loaded = await loadSweepRun(base, { schedulers: SCHEDULERS, duration: "200 ms" });
    const run = (scenario: typeof loaded, seed: number) =>
      JSON.stringify(runExperiment(scenario, { seed, trace: false }).results);
    // A copy is another scenario: it finds no kept plan and plans afresh.
    const afresh = run({ ...loaded }, loaded.spec.seed);
    const first = run(loaded, loaded.spec.seed);
    const second = run(loaded, loaded.spec.seed);
    expect(first).toBe(afresh);
    expect(second).toBe(afresh);
  });

  it("are not used by a run with another seed", async () => {
    const base = join(tinyScenarioFolder(), "tiny.yaml");
    const loaded = await loadSweepRun(base, { schedulers: ["codl"], duration: "200 ms" });
    const otherSeed = loaded.spec.seed + 1;
    const afresh = JSON.stringify(
      runExperiment({ ...loaded }, { seed: otherSeed, trace: false }).results,
    );
    expect(JSON.stringify(runExperiment(loaded, { seed: otherSeed, trace: false }).results)).toBe(
      afresh,
    );
  });
});
