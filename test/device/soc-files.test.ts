import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/index.ts";
import { bundledSocIds, listSocs, loadSoc } from "../../src/device/index.ts";

const exemplar = readFileSync(new URL("../../socs/snapdragon-855.yaml", import.meta.url), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "socsim-soc-"));

/** Loads the exemplar with one textual edit and returns the error line it produces. */
function errorAfter(from: string, to: string): string {
  expect(exemplar).toContain(from);
  const file = join(scratch, "edited.yaml");
  writeFileSync(file, exemplar.replace(from, to));
  try {
    loadSoc(file);
  } catch (error) {
    if (error instanceof InputError) return error.describe();
    throw error;
  }
  throw new Error("the edited file loaded without complaint");
}

describe("bundled SoC files", () => {
  it("every file loads, validates and has a source comment on every number", () => {
    const ids = bundledSocIds();
    expect(ids).toContain("snapdragon-855");
    for (const id of ids) expect(loadSoc(id).id).toBe(id);
  });

  it("lists each SoC with the cpu configuration and its processors", () => {
    const sd855 = listSocs().find((soc) => soc.id === "snapdragon-855");
    expect(sd855?.processors).toEqual(["cpu", "cpu-prime", "cpu-big", "cpu-little", "gpu", "dsp"]);
  });

  it("resolves units to SI", () => {
    const soc = loadSoc("snapdragon-855");
    expect(soc.processors["cpu-prime"]?.operating_points.at(-1)?.freq).toBeCloseTo(2.8416e9);
    expect(soc.memory.peak_bandwidth).toBeCloseTo(34.1e9);
    expect(soc.thermal.ambient).toBe(25);
  });
});

describe("a malformed SoC file is one error at FILE:LINE:COL with the field", () => {
  const cases: [string, string, string, RegExp][] = [
    [
      "zero frequency",
      "{freq: 825.6 MHz, voltage: 0.600 V}",
      "{freq: 0 MHz, voltage: 0.600 V}",
      /:\d+:\d+: processors\.cpu-prime\.operating_points\[0\]\.freq: must be a positive frequency/,
    ],
    [
      "negative frequency",
      "{freq: 257 MHz, voltage: 0.57 V}",
      "{freq: -257 MHz, voltage: 0.57 V}",
      /processors\.gpu\.operating_points\[0\]\.freq: must be a positive/,
    ],
    [
      "voltage falling as frequency rises",
      "{freq: 940.8 MHz, voltage: 0.620 V}",
      "{freq: 940.8 MHz, voltage: 0.520 V}",
      /operating_points\[1\]\.voltage: voltage falls/,
    ],
    [
      "unknown op kind",
      "ops: [conv2d, depthwise_conv2d, transposed_conv2d",
      "ops: [conv2d, depthwise_conv, transposed_conv2d",
      /support\.ops\[1\]: unknown op kind "depthwise_conv" \(did you mean "depthwise_conv2d"/,
    ],
    [
      "unknown processor in a framework",
      "clusters: [cpu-prime, cpu-big]",
      "clusters: [cpu-prime, cpu-bigg]",
      /frameworks\.mace\.cpu\.clusters\[1\]: unknown CPU cluster "cpu-bigg"/,
    ],
    [
      "unknown processor id",
      "\n  dsp:\n    kind: dsp",
      "\n  dspx:\n    kind: dsp",
      /processors\.dspx: unknown processor id "dspx"/,
    ],
    [
      "wrong unit",
      "peak_bandwidth: 34.1 GB/s",
      "peak_bandwidth: 34.1 GHz",
      /memory\.peak_bandwidth: "34\.1 GHz" is not a bandwidth/,
    ],
    [
      "source key missing from sources",
      "34.1 GB/s # S11, S13",
      "34.1 GB/s # S11, S19",
      /memory\.peak_bandwidth: source key "S19" is not listed under sources/,
    ],
    [
      "number without a comment",
      "cores: 3 # S1",
      "cores: 3",
      /processors\.cpu-big\.cores: number has no source comment/,
    ],
  ];
  for (const [name, from, to, expected] of cases) {
    it(name, () => {
      const line = errorAfter(from, to);
      expect(line).toMatch(/^.*edited\.yaml:\d+:\d+: /);
      expect(line).toMatch(expected);
    });
  }
});
