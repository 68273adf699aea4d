import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { writeValue } from "../../scripts/fit/yaml-edit.ts";

const text = `kind: soc
processors:
  gpu:
    efficiency:
      default: 0.3 # assumed: start
    tile: {rows: 1, cols: 4, channels: 16} # assumed: start
    name: "a # not a comment"
other: 1 # S1
`;

describe("the fit's YAML writer", () => {
  it("replaces a value and its line's comment, leaving every other line alone", () => {
    const edited = writeValue(
      text,
      ["processors", "gpu", "efficiency", "default"],
      "0.263",
      "derived: fitted to 9 rows",
    );
    expect(edited).toContain("      default: 0.263 # derived: fitted to 9 rows\n");
    expect(edited.replace("0.263 # derived: fitted to 9 rows", "0.3 # assumed: start")).toBe(text);
  });

  it("rewrites a value inside a one-line mapping", () => {
    const edited = writeValue(
      text,
      ["processors", "gpu", "tile", "channels"],
      "8",
      "derived: step positions",
    );
    expect(edited).toContain(
      "    tile: {rows: 1, cols: 4, channels: 8} # derived: step positions\n",
    );
  });

  it("adds a missing key to its block mapping with the same indentation", () => {
    const edited = writeValue(
      text,
      ["processors", "gpu", "efficiency", "conv2d"],
      "0.9",
      "derived: fitted to 3 rows",
    );
    expect(edited).toContain(
      "      default: 0.3 # assumed: start\n      conv2d: 0.9 # derived: fitted to 3 rows\n",
    );
    expect(parse(edited).processors.gpu.efficiency).toEqual({ default: 0.3, conv2d: 0.9 });
  });

  it("refuses to invent a missing parent", () => {
    expect(() =>
      writeValue(text, ["processors", "npu", "efficiency", "default"], "1", "derived: x"),
    ).toThrow(/cannot add/);
  });
});
