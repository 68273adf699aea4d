import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, parseYaml, validateSource } from "../../../src/core/index.ts";
import { loadSoc, socFile, validateWhatIf } from "../../../src/device/index.ts";
import { scenarioSchema } from "../../../src/scenario/scenario-schema.ts";
import { sd855 } from "./helpers.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-device-bad-"));
const exemplar = readFileSync(socFile("snapdragon-855"), "utf8");
let counter = 0;

function errorOf(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

/** The exemplar SoC file with one piece of text replaced (the replacement must be found). */
function socWith(find: string, replace: string): string {
  expect(exemplar).toContain(find);
  const file = join(folder, `soc-${counter++}.yaml`);
  writeFileSync(file, exemplar.replace(find, replace));
  return file;
}

function lineOf(text: string, fragment: string): number {
  return text.slice(0, text.indexOf(fragment)).split("\n").length;
}

describe("bad SoC thermal and governor fields", () => {
  const cases: [string, string, string, RegExp][] = [
    [
      "a thermal resistance of zero",
      "{between: [gpu, package], resistance: 1.5 K/W}",
      "{between: [gpu, package], resistance: 0 K/W}",
      /^\S+:(\d+):\d+: thermal\.links\[3\]\.resistance: must be a positive thermal resistance$/,
    ],
    [
      "a negative heat capacity",
      "gpu: {heat_capacity: 0.1 J/K}",
      "gpu: {heat_capacity: -0.1 J/K}",
      /^\S+:(\d+):\d+: thermal\.nodes\.gpu\.heat_capacity: must be a positive heat capacity$/,
    ],
    [
      "an unknown governor kind",
      "kind: simple_ondemand",
      "kind: simple_ondemnd",
      /^\S+:(\d+):\d+: processors\.gpu\.governor\.kind: unknown governor kind "simple_ondemnd" \(did you mean "simple_ondemand"\?/,
    ],
    [
      "trip points out of order",
      "{node: skin, above: 45 degC, clear: 44 degC, processor: cpu-prime, max_freq: 1804.8 MHz}",
      "{node: skin, above: 42 degC, clear: 41 degC, processor: cpu-prime, max_freq: 1804.8 MHz}",
      /^\S+:(\d+):\d+: thermal\.trips\[1\]\.above: trip points of cpu-prime on skin must be listed in rising temperature/,
    ],
    [
      "a hotter trip that caps higher",
      "{node: skin, above: 45 degC, clear: 44 degC, processor: cpu-prime, max_freq: 1804.8 MHz}",
      "{node: skin, above: 45 degC, clear: 44 degC, processor: cpu-prime, max_freq: 2419.2 MHz}",
      /^\S+:(\d+):\d+: thermal\.trips\[1\]\.max_freq: a hotter trip must cap cpu-prime lower/,
    ],
    [
      "a top-app boost above 100 %",
      "top_app_boost: 0 #",
      "top_app_boost: 150 #",
      /^\S+:(\d+):\d+: processors\.cpu-prime\.governor\.top_app_boost: Too big: expected number to be <=100$/,
    ],
    [
      "a WALT window of zero",
      "walt_window: 20 ms #",
      "walt_window: 0 ms #",
      /^\S+:(\d+):\d+: processors\.cpu-prime\.governor\.walt_window: must be a positive time$/,
    ],
  ];
  it.each(cases)("reports %s at its line and field", (_what, find, replace, expected) => {
    const file = socWith(find, replace);
    const line = errorOf(() => loadSoc(file)).describe();
    expect(line).toMatch(expected);
    const edited = readFileSync(file, "utf8");
    const reported = Number(expected.exec(line)![1]);
    const lineOfEdit = lineOf(edited, replace);
    expect(reported).toBe(lineOfEdit);
  });
});

describe("bad power-budget controllers", () => {
  const tensor = readFileSync(socFile("tensor-g1"), "utf8");
  it.each([
    [
      "an unknown processor",
      "- {processor: gpu, weight: 1, min_freq: 202 MHz}",
      "- {processor: gpu0, weight: 1, min_freq: 202 MHz}",
      /^\S+:(\d+):\d+: thermal\.power_controllers\[1\]\.processors\[3\]\.processor: unknown processor "gpu0"/,
    ],
    [
      "a gain without its unit's kind",
      "gain_over: 300 mW/K",
      "gain_over: 300 mW",
      /^\S+:(\d+):\d+: thermal\.power_controllers\[1\]\.gain_over: /,
    ],
  ])("reports %s at its line and field", (_what, find, replace, expected) => {
    expect(tensor).toContain(find);
    const file = join(folder, `soc-${counter++}.yaml`);
    writeFileSync(file, tensor.replace(find, replace));
    const line = errorOf(() => loadSoc(file)).describe();
    expect(line).toMatch(expected);
    expect(Number(expected.exec(line)![1])).toBe(lineOf(readFileSync(file, "utf8"), replace));
  });
});

const scenarioHead =
  "kind: scenario\nname: x\nsoc: snapdragon-855\nworkload: w.yaml\nschedulers: [single-gpu]\nduration: 1 s\n";

function whatIfError(whatIf: string): string {
  const file = join(folder, `scenario-${counter++}.yaml`);
  const text = `${scenarioHead}what_if:\n${whatIf}`;
  writeFileSync(file, text);
  const source = parseYaml(file, text);
  const spec = validateSource(source, scenarioSchema);
  return errorOf(() => validateWhatIf(source, sd855, spec.what_if)).describe();
}

describe("bad what-if knobs", () => {
  it.each([
    [
      "a governor that does not exist",
      "  governors: { gpu: ondemand }\n",
      /:8:21: what_if\.governors\.gpu: unknown governor "ondemand" \(did you mean "simple_ondemand"\?/,
    ],
    [
      "an unknown frequency domain",
      "  governors: { npu: performance }\n",
      /:8:16: what_if\.governors\.npu: unknown frequency domain "npu"/,
    ],
    [
      "a held temperature below ambient",
      "  ambient: 30 degC\n  hold_temps: { gpu: 20 degC }\n",
      /:9:22: what_if\.hold_temps\.gpu: held at 20 °C, below the ambient 30 °C/,
    ],
    [
      "a preheated temperature below ambient",
      "  ambient: 30 degC\n  preheat: { gpu: 20 degC }\n",
      /:9:19: what_if\.preheat\.gpu: preheated to 20 °C, below the ambient 30 °C/,
    ],
    [
      "a node both preheated and held",
      "  hold_temps: { gpu: 70 degC }\n  preheat: { gpu: 60 degC }\n",
      /:9:19: what_if\.preheat\.gpu: gpu is held by hold_temps: preheat it or hold it, not both/,
    ],
    [
      "an unknown thermal node",
      "  initial_temps:\n    skn: 30 degC\n",
      /:9:5: what_if\.initial_temps\.skn: unknown thermal node "skn" \(did you mean "skin"\?/,
    ],
    [
      "userspace without a frequency",
      "  governors: { gpu: userspace }\n",
      /:8:21: what_if\.governors\.gpu: userspace holds a fixed frequency: give fixed_freq\.gpu/,
    ],
    [
      "a fixed frequency out of range",
      "  fixed_freq: { gpu: 2 GHz }\n",
      /:8:22: what_if\.fixed_freq\.gpu: 2000 MHz is outside gpu's operating points \(257 MHz to 585 MHz\)/,
    ],
    [
      "a fixed frequency against another governor",
      "  governors: { gpu: performance }\n  fixed_freq: { gpu: 400 MHz }\n",
      /:9:22: what_if\.fixed_freq\.gpu: a fixed frequency needs the userspace governor/,
    ],
  ])("reports %s at its line and field", (_what, whatIf, expected) => {
    expect(whatIfError(whatIf)).toMatch(expected);
  });

  it("accepts the seed study's knobs", () => {
    const file = join(folder, "good.yaml");
    const text = `${scenarioHead}what_if:\n  hold_temps: { gpu: 70 degC }\n  cache_hit_rate: 0.2\n  fixed_freq: { gpu: 585 MHz }\n  governors: { gpu: userspace, cpu-big: schedutil }\n`;
    writeFileSync(file, text);
    const source = parseYaml(file, text);
    expect(() =>
      validateWhatIf(source, sd855, validateSource(source, scenarioSchema).what_if),
    ).not.toThrow();
  });
});
