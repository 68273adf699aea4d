import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/index.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";
import { checkRunSize, DEFAULT_LIMITS, estimateRunSize } from "../../src/scenario/run-size.ts";

const BUNDLED = new URL("../../scenarios/", import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), "socsim-run-size-"));
let counter = 0;

async function scenarioWith(options: { duration?: string; arrival?: string; competing?: string }) {
  const id = counter++;
  writeFileSync(
    join(folder, `w${id}.yaml`),
    "kind: workload\nname: w\napps:\n  - name: a\n    model: mobilenet-v2\n" +
      `    arrival: ${options.arrival ?? "{ process: periodic, fps: 10 }"}\n` +
      (options.competing ? `competing:\n  - ${options.competing}\n` : ""),
  );
  const file = join(folder, `s${id}.yaml`);
  writeFileSync(
    file,
    `kind: scenario\nname: s\nsoc: snapdragon-855\nworkload: w${id}.yaml\n` +
      `schedulers: [single-cpu]\nduration: ${options.duration ?? "1 s"}\nthermal_tick: 10 ms\n`,
  );
  return loadScenario(file);
}

function refusal(run: () => void): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.describe();
    throw error;
  }
  return "accepted";
}

describe("the run-size estimate", () => {
  it("admits every bundled scenario within the default limits, traced", async () => {
    for (const name of ["default.yaml", "bench.yaml"]) {
      const scenario = await loadScenario(join(BUNDLED, name));
      expect(
        refusal(() => checkRunSize(name, estimateRunSize(scenario), DEFAULT_LIMITS, true)),
      ).toBe("accepted");
    }
  });

  it("refuses runaway durations, rates and competing periods, naming the flag that raises the limit", async () => {
    const cases = [
      [await scenarioWith({ duration: "9e6 s" }), /--max-ops/],
      [await scenarioWith({ arrival: "{ process: poisson, rate: 1e9 }" }), /--max-ops/],
      [
        await scenarioWith({
          duration: "1000 s",
          competing: "{ name: hog, processor: cpu-big, duty_cycle: 0.5, period: 1 us }",
        }),
        /--max-events/,
      ],
    ] as const;
    for (const [scenario, flag] of cases) {
      const line = refusal(() =>
        checkRunSize(scenario.file, estimateRunSize(scenario), DEFAULT_LIMITS, false),
      );
      expect(line).toMatch(flag);
      expect(line.startsWith(scenario.file)).toBe(true);
    }
  });

  it("raises a limit when asked and counts only the traced window's bytes", async () => {
    const scenario = await scenarioWith({ duration: "100 s" });
    const whole = estimateRunSize(scenario);
    const small = { ...DEFAULT_LIMITS, maxTraceBytes: whole.traceBytes / 2 };
    expect(refusal(() => checkRunSize("s", whole, small, true))).toMatch(/--trace-window/);
    expect(refusal(() => checkRunSize("s", whole, small, false))).toBe("accepted");
    const windowed = estimateRunSize(scenario, { fromS: 10, toS: 20 });
    expect(windowed.traceBytes).toBeCloseTo(whole.traceBytes / 10, 0);
    expect(refusal(() => checkRunSize("s", windowed, small, true))).toBe("accepted");
  });
});
