import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/index.ts";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-policy-"));
const fixture = new URL("./fixtures/earliest-deadline.ts", import.meta.url).pathname;
writeFileSync(
  join(folder, "w.yaml"),
  "kind: workload\nname: w\napps:\n  - name: a\n    model: mobilenet-v2\n    arrival: { process: periodic, fps: 20 }\n    slo: 50 ms\n",
);

function scenarioWith(schedulerLines: string): string {
  const file = join(folder, `s${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    `kind: scenario\nname: p\nsoc: snapdragon-855\nworkload: w.yaml\nduration: 1 s\nschedulers:\n${schedulerLines}`,
  );
  return file;
}

async function loadError(file: string): Promise<string> {
  try {
    await loadScenario(file);
  } catch (error) {
    if (error instanceof InputError) return error.describe();
    throw error;
  }
  throw new Error("expected an input error");
}

describe("users' own policies", () => {
  it("loads a policy module named in the scenario and runs it", async () => {
    const file = scenarioWith(
      `  - name: mine\n    module: ${fixture}\n    params: { target: gpu }\n`,
    );
    const { results } = runExperiment(await loadScenario(file), { seed: 1, trace: false });
    const model = results.runs[0]!.models[0]!;
    expect(results.runs[0]!.scheduler).toBe("mine");
    expect(model.completed).toBeGreaterThan(10);
  });

  it("reports a missing module, a module without a policy and a parameter of the wrong type at their fields", async () => {
    expect(await loadError(scenarioWith("  - name: x\n    module: ./nowhere.ts\n"))).toMatch(
      /:8:13: schedulers\[0\]\.module: no such policy module/,
    );
    const empty = join(folder, "empty.ts");
    writeFileSync(empty, "export const nothing = 1;\n");
    expect(await loadError(scenarioWith(`  - name: x\n    module: ${empty}\n`))).toMatch(
      /schedulers\[0\]\.module: the policy module exports no scheduler factory/,
    );
    expect(
      await loadError(
        scenarioWith(`  - name: x\n    module: ${fixture}\n    params: { target: 3 }\n`),
      ),
    ).toMatch(/:9:\d+: schedulers\[0\]\.params\.target: target must be a processor id/);
    expect(
      await loadError(scenarioWith("  - name: single-gpu\n    params: { speed: 2 }\n")),
    ).toMatch(/schedulers\[0\]\.params\.speed: single-gpu takes no parameters/);
    expect(await loadError(scenarioWith("  - codel\n"))).toMatch(
      /schedulers\[0\]: unknown scheduler "codel"/,
    );
  });
});
