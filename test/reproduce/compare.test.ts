import { describe, expect, it } from "vitest";
import { compareClaim } from "../../src/report/reproduce/compare.ts";
import type { Claim, Finding, Measurement } from "../../src/report/reproduce/finding.ts";
import { FindingRuns } from "../../src/report/reproduce/finding-runs.ts";
import type { PaperFigure } from "../../src/report/reproduce/paper-figures.ts";

const finding: Finding = { id: "FX", title: "a finding", file: "fx.yaml", quick: {}, claims: [] };

function rowFor(figure: Omit<PaperFigure, "source" | "text">, measured: Measurement) {
  const claim: Claim = {
    figure: "FX.claim",
    direction: "it goes up",
    measure: () => measured,
    ifOpposite: "the model lacks it",
  };
  const paper = { "FX.claim": { source: "§1", text: "it goes up", ...figure } };
  return compareClaim(finding, claim, paper, new FindingRuns([]));
}

describe("a claim's row", () => {
  it("is the same direction when socsim's holds, with the relative size error of a ratio", () => {
    const row = rowFor({ value: 2, unit: "×" }, { holds: true, value: 3, shown: "3×" });
    expect(row).toMatchObject({ agreement: "same", error: "+50 %", reason: null });
  });

  it("is the opposite with the model's reason when it does not, shares differing in points", () => {
    const row = rowFor({ value: 0.5, unit: "share" }, { holds: false, value: 0.1, shown: "10 %" });
    expect(row).toMatchObject({ agreement: "opposite", error: "-40.0 points" });
    expect(row.reason).toBe("the model lacks it");
  });

  it("measures a range by the distance to its nearer end, and is silent inside it", () => {
    const range = { range: [1.5, 2] as [number, number], unit: "×" as const };
    expect(rowFor(range, { holds: true, value: 1.8, shown: "" }).error).toBe("inside the range");
    expect(rowFor(range, { holds: true, value: 3, shown: "" }).error).toBe(
      "50 % above its high end",
    );
    expect(rowFor(range, { holds: false, value: 0.75, shown: "" }).error).toBe(
      "50 % below its low end",
    );
  });

  it("checks a bound and averages the gap over cells", () => {
    const bound = { at_least: 0.9, unit: "share" as const };
    expect(rowFor(bound, { holds: true, value: 0.95, shown: "" }).error).toBe("meets the bound");
    expect(rowFor(bound, { holds: true, value: 0.5, shown: "" }).error).toBe(
      "40.0 points below the bound",
    );
    const cells = { cells: { a: 10, b: 20 }, unit: "%" as const };
    const row = rowFor(cells, { holds: true, cells: { a: 0, b: 40 }, shown: "" });
    expect(row.error).toBe("mean gap 15.0 points");
    expect(row.paper).toContain("a +10 %");
  });

  it("says why a claim cannot be expressed, with no figure of socsim's", () => {
    const row = rowFor({ value: 1 }, { notExpressible: "needs a feature" });
    expect(row).toMatchObject({
      agreement: "not expressible",
      socsim: "—",
      reason: "needs a feature",
    });
  });
});
