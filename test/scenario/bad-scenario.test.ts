import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateFile } from "../../src/scenario/validate-file.ts";
import { inputErrorOf } from "../support/input-error.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-bad-scenario-"));
let counter = 0;

const GOOD_APP =
  "  - name: a\n    model: mobilenet-v2\n    arrival: { process: periodic, fps: 10 }\n";

/** A scenario and its workload, with `scenarioExtra` and `apps` swapped in; returns the file to check. */
function scenarioFiles(options: {
  apps?: string;
  scenarioExtra?: string;
  soc?: string;
  schedulers?: string;
}): string {
  const id = counter++;
  writeFileSync(
    join(folder, `w${id}.yaml`),
    `kind: workload\nname: w\napps:\n${options.apps ?? GOOD_APP}`,
  );
  const file = join(folder, `s${id}.yaml`);
  writeFileSync(
    file,
    `kind: scenario\nname: s\nsoc: ${options.soc ?? "snapdragon-855"}\nworkload: w${id}.yaml\n` +
      `schedulers: ${options.schedulers ?? "[single-gpu]"}\nduration: 1 s\n${options.scenarioExtra ?? ""}`,
  );
  return file;
}

const problem = async (file: string) => (await inputErrorOf(() => validateFile(file))).describe();

describe("scenario semantics errors name the file, the place and the nearest known name", () => {
  it.each([
    [
      "an unknown model",
      { apps: GOOD_APP.replace("mobilenet-v2", "mobilenet-v9") },
      /w\d+\.yaml:5:12: apps\[0\]\.model: .*did you mean "mobilenet-v\d"/,
    ],
    ["an unknown SoC", { soc: "snapdragon-856" }, /s\d+\.yaml:3:6: soc: .*snapdragon-85/],
    [
      "an unknown scheduler",
      { schedulers: "[single-gpx]" },
      /s\d+\.yaml:5:\d+: schedulers\[0\]: unknown scheduler "single-gpx" \(did you mean "single-gpu"/,
    ],
    [
      "a zero rate",
      { apps: "  - name: a\n    model: resnet18\n    arrival: { process: poisson, rate: 0 }\n" },
      /apps\[0\]\.arrival\.rate: .*must be > 0/,
    ],
    ["an SLO of zero", { apps: `${GOOD_APP}    slo: 0 ms\n` }, /apps\[0\]\.slo: slo must be > 0/],
    [
      "an unknown governor",
      { scenarioExtra: "what_if:\n  governors: { gpu: ondemnd }\n" },
      /s\d+\.yaml:8:21: what_if\.governors\.gpu: unknown governor "ondemnd" \(known: .*simple_ondemand/,
    ],
    [
      "a held temperature below ambient",
      { scenarioExtra: "what_if:\n  ambient: 30 degC\n  hold_temps: { gpu: 20 degC }\n" },
      /s\d+\.yaml:9:22: what_if\.hold_temps\.gpu: held at 20 °C, below the ambient 30 °C/,
    ],
    [
      "an unavailable window on an unknown processor",
      { scenarioExtra: "what_if:\n  unavailable: { gpx: [1 s, 2 s] }\n" },
      /s\d+\.yaml:8:\d+: what_if\.unavailable\.gpx: unknown accelerator "gpx" \(did you mean "gpu"/,
    ],
    [
      "an unavailable window on a CPU cluster",
      { scenarioExtra: "what_if:\n  unavailable: { cpu-big: [1 s, 2 s] }\n" },
      /s\d+\.yaml:8:\d+: what_if\.unavailable\.cpu-big: "cpu-big" is a CPU cluster of snapdragon-855, not a delegate/,
    ],
    [
      "an unavailable window that ends before it starts",
      { scenarioExtra: "what_if:\n  unavailable: { gpu: [[1 s, 2 s], [5 s, 5 s]] }\n" },
      /s\d+\.yaml:8:\d+: what_if\.unavailable\.gpu(\[1\])?: a window must end after it starts/,
    ],
    [
      "an unavailable window in the wrong unit",
      { scenarioExtra: "what_if:\n  unavailable: { gpu: [1 s, 2 MHz] }\n" },
      /s\d+\.yaml:8:\d+: what_if\.unavailable\.gpu.*time/,
    ],
  ])("reports %s", async (_what, options, expected) => {
    expect(await problem(scenarioFiles(options))).toMatch(expected);
  });

  it("reports a trace file whose timestamps go backwards at its line", async () => {
    writeFileSync(join(folder, "arrivals.csv"), "ms\n0\n10\n5\n");
    const apps =
      "  - name: a\n    model: resnet18\n    arrival: { process: trace, file: arrivals.csv }\n";
    expect(await problem(scenarioFiles({ apps }))).toMatch(
      /arrivals\.csv:4:1: timestamp 5 ms is earlier than the one before it/,
    );
  });

  it("reports a cyclic model file with the ops on the cycle", async () => {
    writeFileSync(
      join(folder, "cyclic.yaml"),
      [
        "kind: model",
        "name: loop",
        "inputs: { x: [1, 8, 8, 8] }",
        "ops:",
        "  - { name: a, kind: add, inputs: [x, b] }",
        "  - { name: b, kind: relu, inputs: [a] }",
        "outputs: [b]",
      ].join("\n"),
    );
    const apps =
      "  - name: a\n    model: cyclic.yaml\n    arrival: { process: periodic, fps: 1 }\n";
    expect(await problem(scenarioFiles({ apps }))).toMatch(
      /cyclic\.yaml:6:\d+: ops\[1\]\.inputs: ops form a cycle: "b" → "a" → "b"/,
    );
  });
});
