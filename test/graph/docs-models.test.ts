import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { withFreshTable } from "./support/models-table.ts";

describe("docs/models.md", () => {
  it("shows the zoo's current totals (regenerate with: npx tsx scripts/models-doc.ts)", () => {
    const text = readFileSync(new URL("../../docs/models.md", import.meta.url), "utf8");
    expect(text).toBe(withFreshTable(text));
  });
});
