import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { comparisonTable } from "../../src/report/comparison.ts";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";
import { inputErrorOf } from "../support/input-error.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-label-"));
writeFileSync(
  join(folder, "w.yaml"),
  "kind: workload\nname: w\napps:\n  - name: a\n    model: mobilenet-v2\n    arrival: { process: periodic, fps: 10 }\n",
);
let counter = 0;

/** A scenario whose `schedulers:` block is the given lines. */
function scenarioWith(schedulerLines: string): string {
  const file = join(folder, `s${counter++}.yaml`);
  writeFileSync(
    file,
    `kind: scenario\nname: l\nsoc: snapdragon-855\nworkload: w.yaml\nduration: 500 ms\nschedulers:\n${schedulerLines}`,
  );
  return file;
}

const loadError = async (file: string) => (await inputErrorOf(() => loadScenario(file))).describe();

describe("scheduler labels", () => {
  it("default to the name and name the run in results.json, requests.jsonl and the table", async () => {
    const scenario = await loadScenario(
      scenarioWith("  - single-gpu\n  - { name: single-gpu, label: gpu-again }\n"),
    );
    expect(scenario.schedulers.map((s) => s.label)).toEqual(["single-gpu", "gpu-again"]);
    const out = mkdtempSync(join(tmpdir(), "socsim-label-out-"));
    const { results } = runExperiment(scenario, { seed: 1, trace: false, outDir: out });
    expect(results.runs.map((run) => [run.scheduler, run.label])).toEqual([
      ["single-gpu", "single-gpu"],
      ["single-gpu", "gpu-again"],
    ]);
    const logged = readFileSync(join(out, "requests.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { scheduler: string }).scheduler);
    expect(new Set(logged)).toEqual(new Set(["single-gpu", "gpu-again"]));
    expect(comparisonTable(results)).toContain("gpu-again");
  });

  it("refuse a duplicate at the second entry's label, or at its name when it has none", async () => {
    expect(
      await loadError(
        scenarioWith(
          "  - { name: single-cpu, label: mine }\n  - { name: single-gpu, label: mine }\n",
        ),
      ),
    ).toMatch(/s\d+\.yaml:8:32: schedulers\[1\]\.label: label "mine" is already schedulers\[0\]'s/);
    expect(await loadError(scenarioWith("  - single-cpu\n  - single-cpu\n"))).toMatch(
      /s\d+\.yaml:8:5: schedulers\[1\]: label "single-cpu" is already schedulers\[0\]'s/,
    );
    expect(
      await loadError(
        scenarioWith("  - single-cpu\n  - { name: single-gpu, label: single-cpu }\n"),
      ),
    ).toMatch(/:8:\d+: schedulers\[1\]\.label: /);
  });
});
