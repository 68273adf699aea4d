import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/index.ts";
import { loadSweep } from "../../src/scenario/sweep/load-sweep.ts";
import { loadSweepRun } from "../../src/scenario/sweep/sweep-run.ts";
import { tinyScenarioFolder, writeSweep } from "./fixtures.ts";

async function errorOf(body: string): Promise<string> {
  const folder = tinyScenarioFolder();
  try {
    await loadSweep(writeSweep(folder, body));
  } catch (error) {
    if (error instanceof InputError) return error.describe().replace(`${folder}/`, "");
    throw error;
  }
  throw new Error("the sweep was accepted");
}

describe("sweep files", () => {
  it("accept the example docs/cli.md gives, as it stands", async () => {
    const docs = readFileSync("docs/cli.md", "utf8");
    const example = /```yaml\n(kind: sweep\n[\s\S]*?)```/.exec(docs)?.[1];
    expect(example).toContain("base: ../default.yaml");
    // Its base is the bundled default scenario, beside the folder the example sits in.
    const folder = mkdtempSync(join(tmpdir(), "socsim-docs-sweep-"));
    const base = readFileSync("scenarios/default.yaml", "utf8").replace(
      "workload: ../workloads/seed-trio.yaml",
      `workload: ${resolve("workloads/seed-trio.yaml")}`,
    );
    writeFileSync(join(folder, "default.yaml"), base);
    mkdirSync(join(folder, "sweeps"));
    writeFileSync(join(folder, "sweeps", "example.yaml"), example!);
    const sweep = await loadSweep(join(folder, "sweeps", "example.yaml"));
    expect(sweep.runs).toHaveLength(2 * 2 * 2 * 2 * 3);
  });

  it("expands axes into their cross product with stable ids", async () => {
    const folder = tinyScenarioFolder();
    const sweep = await loadSweep(
      writeSweep(folder, "axes:\n  seed: [1, 2]\n  what_if.initial_temps.gpu: [30 degC, 60 degC]"),
    );
    expect(sweep.runs.map((run) => run.axes)).toEqual([
      { seed: 1, "what_if.initial_temps.gpu": "30 degC" },
      { seed: 1, "what_if.initial_temps.gpu": "60 degC" },
      { seed: 2, "what_if.initial_temps.gpu": "30 degC" },
      { seed: 2, "what_if.initial_temps.gpu": "60 degC" },
    ]);
    const again = await loadSweep(
      writeSweep(folder, "axes:\n  what_if.initial_temps.gpu: [30 degC, 60 degC]\n  seed: [1, 2]"),
    );
    expect(new Set(again.runs.map((run) => run.id))).toEqual(
      new Set(sweep.runs.map((run) => run.id)),
    );
    expect(again.identity).toBe(sweep.identity);
  });

  it("applies list elements by name and index to a copy of the workload and the schedulers", async () => {
    const folder = tinyScenarioFolder();
    const scenario = await loadSweepRun(`${folder}/tiny.yaml`, {
      "workload.apps[scene].arrival.fps": 4,
      "schedulers[0].label": "cpu",
      "what_if.initial_temps.gpu": "60 degC",
    });
    expect(scenario.workload.apps[1]!.arrival).toEqual({ process: "periodic", fps: 4 });
    expect(scenario.schedulers.map((choice) => choice.label)).toEqual(["cpu"]);
    expect(scenario.spec.what_if.initial_temps).toEqual({ gpu: 60 });
    const schedulers = await loadSweepRun(`${folder}/tiny.yaml`, { schedulers: ["single-dsp"] });
    expect(schedulers.schedulers.map((choice) => choice.name)).toEqual(["single-dsp"]);
  });

  it("refuses, at the axis, a field that does not exist, an empty axis and a refused value", async () => {
    expect(await errorOf("axes:\n  seeed: [1]")).toBe(
      "sweep.yaml:5:11: axes.seeed[0]: seeed: unknown field",
    );
    expect(await errorOf("axes:\n  workload.apps[nope].arrival.fps: [2]")).toBe(
      'sweep.yaml:5:3: axes.workload.apps[nope].arrival.fps: no such field: workload: apps has no element named "nope" (it has 3)',
    );
    expect(await errorOf("axes:\n  schedulers[5].params.window: [2]")).toMatch(
      /^sweep\.yaml:5:3: .*schedulers has no element \[5\]/,
    );
    expect(await errorOf("axes:\n  seed: []")).toBe(
      "sweep.yaml:5:9: axes.seed: an axis needs at least one value",
    );
    expect(await errorOf("axes:\n  what_if.initial_temps.gpu: [500 degC]")).toMatch(
      /^sweep\.yaml:5:31: .*must be above -273\.15 °C and at most 150 °C$/,
    );
    expect(await errorOf("axes:\n  workload.apps[scene].threads: [2, 40]")).toMatch(
      /^sweep\.yaml:5:37: axes\.workload\.apps\[scene\]\.threads\[1\]: .*from 1 to 32 \(4 per CPU core of snapdragon-855\), got 40$/,
    );
    expect(await errorOf("runs:\n  - { seed: 1 }\n  - { seed: 1 }")).toMatch(
      /^sweep\.yaml:6:5: runs\[1\]: this run is listed twice/,
    );
    expect(await errorOf("axes: { seed: [1] }\nruns: [{ seed: 2 }]")).toMatch(
      /either axes .* or runs/,
    );
  });

  it("plans each distinct combination of SoC and schedulers during validation: a pair bad only together is refused at its value", async () => {
    // Each value is good alone on the Snapdragon 855 base; the Kirin 990 has no DSP for single-dsp.
    const pair =
      "axes:\n  soc: [snapdragon-855, kirin-990]\n  schedulers: [[single-cpu], [single-dsp]]";
    expect(await errorOf(pair)).toMatch(
      /^sweep\.yaml:6:30: axes\.schedulers\[1\]: with soc: "kirin-990": .*single-dsp cannot plan app "face-detect" on kirin-990/,
    );
    const listed =
      "runs:\n  - { soc: kirin-990, schedulers: [single-cpu] }\n  - { soc: kirin-990, schedulers: [single-dsp] }";
    expect(await errorOf(listed)).toMatch(
      /^sweep\.yaml:6:35: runs\[1\]\.schedulers: with soc: "kirin-990": .*no dsp target/,
    );
    const folder = tinyScenarioFolder();
    const good = await loadSweep(
      writeSweep(
        folder,
        "axes:\n  soc: [snapdragon-855, kirin-990]\n  schedulers: [[single-cpu], [single-gpu]]\n  seed: [1, 2]",
      ),
    );
    expect(good.runs).toHaveLength(8);
  });

  it("applies an axis inside a field after an axis that sets the field whole, in either order", async () => {
    const folder = tinyScenarioFolder();
    for (const axes of [
      { "schedulers[0].params.window": 8, schedulers: [{ name: "adms" }] },
      { schedulers: [{ name: "adms" }], "schedulers[0].params.window": 8 },
    ]) {
      const scenario = await loadSweepRun(`${folder}/tiny.yaml`, axes);
      expect(scenario.schedulers[0]!.params).toEqual({ window: 8 });
    }
  });

  it("checks a path inside the workload with every workload swept: an app one of them lacks is refused at validation", async () => {
    const workload = new URL("../../workloads/multi-dnn.yaml", import.meta.url).pathname;
    const body = `axes:\n  workload: [${workload}]\n  workload.apps[hand-pose].arrival.fps: [2]`;
    expect(await errorOf(body)).toMatch(
      /^sweep\.yaml:6:42: axes\.workload\.apps\[hand-pose\]\.arrival\.fps\[0\]: with workload: ".*multi-dnn\.yaml": no such field: workload: apps has no element named "hand-pose"/,
    );
  });

  it("accepts the bundled seed-study σ sweep: 3 phones × 3 models × σ0–σ4", async () => {
    const bundled = new URL("../../scenarios/sweeps/seed-study-sigma.yaml", import.meta.url)
      .pathname;
    const sweep = await loadSweep(bundled);
    expect(sweep.runs).toHaveLength(45);
    expect(sweep.inputs).toContain(join(dirname(bundled), "sigma-probe.yaml"));
  }, 30_000);

  it("refuses a sweep whose base scenario is bad, at the base's line", async () => {
    const folder = tinyScenarioFolder();
    writeFileSync(join(folder, "tiny.yaml"), "kind: scenario\nname: tiny\n");
    await expect(loadSweep(writeSweep(folder, "axes:\n  seed: [1]"))).rejects.toMatchObject({
      file: join(folder, "tiny.yaml"),
    });
    // A base that does not exist is the sweep file's error, at its base: line.
    const missing = writeSweep(folder, "axes:\n  seed: [1]").replace(/\.yaml$/, "-2.yaml");
    writeFileSync(missing, "kind: sweep\nname: s\nbase: nope.yaml\naxes:\n  seed: [1]\n");
    await expect(loadSweep(missing)).rejects.toThrow(/no such scenario file: .*nope\.yaml/);
    await expect(loadSweep(missing)).rejects.toMatchObject({
      file: missing,
      position: { line: 3 },
    });
  });
});
