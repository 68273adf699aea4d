import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * examples/my-policy against the built package (`npm test` builds dist/
 * first): the example's own node:test file passes, and each deliberately
 * broken variant is caught by the checker meant for it.
 */
const EXAMPLE = fileURLToPath(new URL("../../examples/my-policy/", import.meta.url));
const run = promisify(execFile);
const counterexamples = mkdtempSync(join(tmpdir(), "socsim-broken-"));

const BROKEN: Record<string, string> = {
  "reads-random": "determinism",
  "sorts-view": "view untouched",
  "newest-first": "no starvation",
  "waits-for-pairs": "no stall",
  "drops-early": "drops",
  "uncounted-queries": "decision cost",
  "bad-option": "runtime",
};

describe("examples/my-policy", () => {
  it("passes its own test from node:test, through the built package", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "--test", join(EXAMPLE, "my-policy.test.ts")],
      { env: { ...process.env, SOCSIM_CHECK_RUNS: "15" } },
    ).catch((error: { stdout: string; stderr: string }) => ({
      stdout: `${error.stdout}\n${error.stderr}`,
    }));
    expect(stdout).toMatch(/# pass 1\n# fail 0/);
  });

  it("a starvation bound the definition declares replaces the kit's 100 ms: newest-first declaring an hour passes", async () => {
    const { checkPolicy } = await import("socsim/testing");
    const module = join(EXAMPLE, "broken", "newest-first.ts");
    const policy = { ...(await import(module)).default, starvationBoundNs: 3_600e9 };
    const folder = join(counterexamples, "newest-first-declared");
    const report = checkPolicy(policy, { module, runs: 40, seed: 1, counterexampleDir: folder });
    expect(report.scenarios).toBe(40);
  });

  it("takes a policy module's namespace as socsim run does, and refuses what holds no policy at once", async () => {
    const { checkPolicy } = await import("socsim/testing");
    const module = join(EXAMPLE, "my-policy.ts");
    const definition = (await import(module)).default;
    // What `import policy from "./my-policy.ts"` gives when tsx runs the file as CommonJS.
    const report = checkPolicy({ default: definition }, { module, runs: 3, seed: 1 });
    expect(report.scenarios).toBe(3);
    expect(() => checkPolicy({ helper: 1 }, { module, runs: 3 })).toThrow(
      /checkPolicy: expected a definePolicy definition, .* got an object with keys helper/,
    );
  });

  for (const [variant, checker] of Object.entries(BROKEN)) {
    it(`${variant} is caught by "${checker}" and written as a replayable folder`, async () => {
      const { checkPolicy } = await import("socsim/testing");
      const module = join(EXAMPLE, "broken", `${variant}.ts`);
      const policy = (await import(module)).default;
      const folder = join(counterexamples, variant);
      expect(() =>
        checkPolicy(policy, { module, runs: 40, seed: 1, counterexampleDir: folder }),
      ).toThrow(
        new RegExp(`fails "${checker}"[^]*seed 1, shrink path[^]*npx socsim run ${folder}`),
      );
    });
  }
});
