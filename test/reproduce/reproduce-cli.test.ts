import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ComparisonRow } from "../../src/report/reproduce/compare.ts";
import { FINDINGS } from "../../src/report/reproduce/findings/index.ts";

// Spawns the built CLI: its workers load dist/ (`npm test` builds it first).
const BIN = new URL("../../bin/socsim.js", import.meta.url).pathname;
/**
 * Each claim's direction under `--quick` as it stood when recorded. A
 * change that flips one fails here: say why in its commit and update the
 * file (a direction socsim gets right should stay right).
 */
const EXPECTED = JSON.parse(
  readFileSync(new URL("expected-directions.json", import.meta.url), "utf8"),
) as Record<string, string>;

describe("socsim reproduce --quick", () => {
  let rows: ComparisonRow[];
  let doc: string;

  beforeAll(() => {
    const folder = mkdtempSync(join(tmpdir(), "socsim-reproduce-"));
    const result = spawnSync(
      process.execPath,
      [
        BIN,
        "reproduce",
        "--quick",
        "--jobs",
        "2",
        "--out",
        join(folder, "runs"),
        "--doc",
        join(folder, "reproductions.md"),
        "--json",
        "--quiet",
      ],
      { encoding: "utf8", cwd: folder },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    rows = (JSON.parse(result.stdout) as { rows: ComparisonRow[] }).rows;
    doc = readFileSync(join(folder, "reproductions.md"), "utf8");
  }, 240_000);

  it("gives every finding a row, and every expressible row a direction and a figure", () => {
    for (const finding of FINDINGS) {
      const own = rows.filter((row) => row.finding === finding.id);
      expect(own.length, finding.id).toBeGreaterThan(0);
      expect(doc).toContain(`## ${finding.id}: `);
      for (const row of own) {
        expect(["same", "opposite", "not expressible"]).toContain(row.agreement);
        expect(row.paper).not.toBe("");
        if (row.agreement === "not expressible") expect(row.reason).toBeTruthy();
        else expect(row.socsim, row.claim).toMatch(/\d/);
        if (row.agreement === "opposite") expect(row.reason, row.claim).toBeTruthy();
      }
    }
  });

  it("keeps each direction as recorded in expected-directions.json", () => {
    const now = Object.fromEntries(rows.map((row) => [row.claim, row.agreement]));
    expect(now).toEqual(EXPECTED);
  });
});

describe("socsim reproduce's refusals", () => {
  const run = (folder: string, args: string[]) =>
    spawnSync(process.execPath, [BIN, "reproduce", ...args], { encoding: "utf8", cwd: folder });

  it("refuses an unknown finding with the known ones (exit 2)", () => {
    const result = run(tmpdir(), ["F11"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("F1, F2");
  });

  it("replaces no document it did not write and uses no folder holding the user's files (exit 1)", () => {
    const folder = mkdtempSync(join(tmpdir(), "socsim-reproduce-refuse-"));
    writeFileSync(join(folder, "notes.md"), "mine\n");
    const doc = run(folder, ["F3", "--quick", "--doc", "notes.md", "--out", "runs"]);
    expect(doc.status).toBe(1);
    expect(doc.stderr).toMatch(/notes\.md: exists and was not written by socsim reproduce/);
    expect(readFileSync(join(folder, "notes.md"), "utf8")).toBe("mine\n");
    mkdirSync(join(folder, "runs"));
    writeFileSync(join(folder, "runs", "keep.txt"), "mine\n");
    const out = run(folder, ["F3", "--quick", "--doc", "r.md", "--out", "runs"]);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/runs: cannot be used for output: .*keep\.txt/);
    // A --doc that is a folder, names nothing, or sits among the runs is refused before any run.
    for (const [docArgument, message] of [
      [".", /is not a file; name a file for --doc/],
      ["", /--doc: names no file/],
      ["elsewhere/doc.md", /is inside the runs' folder/],
    ] as const) {
      const refused = run(folder, ["F3", "--quick", "--doc", docArgument, "--out", "elsewhere"]);
      expect(refused.status, refused.stderr).toBe(1);
      expect(refused.stderr).toMatch(message);
    }
    expect(existsSync(join(folder, "elsewhere"))).toBe(false);
  });

  it("writes a partial comparison beside its runs, never over docs/reproductions.md", () => {
    const folder = mkdtempSync(join(tmpdir(), "socsim-reproduce-partial-"));
    const result = run(folder, ["F6", "--quick", "--quiet", "--out", "runs"]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(folder, "runs.md"), "utf8")).toContain("F6");
    expect(existsSync(join(folder, "docs"))).toBe(false);
  });
});
