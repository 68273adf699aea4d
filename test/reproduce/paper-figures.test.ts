import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPaperFigures } from "../../src/report/reproduce/paper-figures.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const PHONES = join(ROOT, "scenarios/paper/phones.yaml");
const SEARCHED = ["src", "socs", "workloads", "scenarios"];

/**
 * The study's distinctive figures: every number of phones.yaml (its
 * values, ranges, bounds, cells and the numbers quoted in its text) with
 * a decimal point and at least three significant digits. Shorter ones
 * (2.5, 19) occur in SoC files for unrelated reasons.
 */
function distinctiveFigures(): string[] {
  const figures = Object.values(loadPaperFigures(PHONES));
  const numbers = figures.flatMap((figure) => [
    ...(figure.text.match(/\d+(?:\.\d+)?/g) ?? []),
    ...[
      figure.value,
      figure.at_least,
      ...(figure.range ?? []),
      ...Object.values(figure.cells ?? {}),
    ]
      .filter((value) => value !== undefined)
      .map(String),
  ]);
  return [...new Set(numbers)].filter(
    (number) => number.includes(".") && number.replace(".", "").replace(/^0+/, "").length >= 3,
  );
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("the seed study's figures live only in scenarios/paper/phones.yaml", () => {
  it("finds them there", () => {
    const figures = distinctiveFigures();
    expect(figures).toEqual(expect.arrayContaining(["213.24", "4.04", "10.2", "93.2"]));
  });

  it("finds none of them in the simulator, SoC files, workloads, policies or other scenarios", () => {
    const figures = distinctiveFigures();
    const found: string[] = [];
    for (const file of SEARCHED.flatMap((folder) => filesUnder(join(ROOT, folder)))) {
      if (file === PHONES) continue;
      const text = readFileSync(file, "utf8");
      for (const figure of figures) {
        const token = new RegExp(`(?<![\\d.])${figure.replace(".", "\\.")}(?!\\d)`);
        if (token.test(text)) found.push(`${relative(ROOT, file)}: ${figure}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("would catch one (the search is not vacuous)", () => {
    const figure = distinctiveFigures()[0]!;
    const token = new RegExp(`(?<![\\d.])${figure.replace(".", "\\.")}(?!\\d)`);
    expect(token.test(`peak: ${figure} ms`)).toBe(true);
    expect(token.test(`peak: 1${figure}5 ms`)).toBe(false);
  });
});
