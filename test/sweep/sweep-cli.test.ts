import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tinyScenarioFolder, writeSweep } from "./fixtures.ts";

// These spawn the built CLI: its workers load dist/ (`npm test` builds it first).
const BIN = new URL("../../bin/socsim.js", import.meta.url).pathname;
const SIX_RUNS = "axes:\n  seed: [1, 2, 3]\n  workload.apps[scene].arrival.fps: [5, 10]";
/**
 * For the tests that stop a sweep after its first line: enough runs that the
 * signal lands before the sweep ends however late the test's polling sees
 * that line (six tiny runs could all finish first on a busy machine).
 */
const MANY_RUNS_COUNT = 60;
const MANY_RUNS = `axes:\n  seed: [${Array.from({ length: MANY_RUNS_COUNT / 2 }, (_, index) => index + 1).join(", ")}]\n  workload.apps[scene].arrival.fps: [5, 10]`;

function socsim(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
}

/** results.jsonl as a set: each line without its machine-dependent `host`, sorted. */
function runLines(folder: string): string[] {
  return readFileSync(join(folder, "results.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.replace(/,"host":\{[^}]*\}\}$/, "}"))
    .sort();
}

async function firstLine(file: string): Promise<void> {
  const hasLine = () => existsSync(file) && readFileSync(file, "utf8").includes("\n");
  while (!hasLine()) await new Promise((resolve) => setTimeout(resolve, 20));
}

function expectOk(result: SpawnSyncReturns<string>): void {
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.status).toBe(0);
}

/** The reports of two sweep folders are the same bytes. */
function expectSameReports(folder: string, other: string): void {
  for (const report of ["report.md", "report.html"]) {
    expect(readFileSync(join(folder, report), "utf8"), report).toBe(
      readFileSync(join(other, report), "utf8"),
    );
  }
}

describe("socsim sweep and merge", () => {
  /** SIX_RUNS over the tiny scenario, run whole with 2 workers once: each test compares its own sweep with it. */
  let whole: string;
  beforeAll(() => {
    const folder = tinyScenarioFolder();
    writeSweep(folder, SIX_RUNS);
    expectOk(socsim(folder, ["sweep", "sweep.yaml", "--out", "whole", "--jobs", "2"]));
    whole = join(folder, "whole");
  }, 60_000);

  it("gives the same lines, byte-identical run results and the same reports with 1 and 2 workers", () => {
    const folder = tinyScenarioFolder();
    writeSweep(folder, SIX_RUNS);
    expectOk(socsim(folder, ["sweep", "sweep.yaml", "--out", "one", "--jobs", "1"]));
    const lines = runLines(join(folder, "one"));
    expect(lines).toHaveLength(6);
    expect(runLines(whole)).toEqual(lines);
    for (const id of readdirSync(join(folder, "one", "runs"))) {
      expect(readFileSync(join(whole, "runs", id, "results.json"), "utf8")).toBe(
        readFileSync(join(folder, "one", "runs", id, "results.json"), "utf8"),
      );
    }
    expectSameReports(join(folder, "one"), whole);
    const marker = JSON.parse(readFileSync(join(whole, ".socsim-output.json"), "utf8"));
    expect(marker.entries).toEqual(expect.arrayContaining(["report.md", "report.html"]));
  }, 60_000);

  it("ends on SIGTERM with exit 143, keeping finished runs and removing its lock and unfinished runs", async () => {
    const folder = tinyScenarioFolder();
    writeSweep(folder, MANY_RUNS);
    const child = spawn(
      process.execPath,
      [BIN, "sweep", "sweep.yaml", "--out", "ended", "--jobs", "1"],
      {
        cwd: folder,
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    await firstLine(join(folder, "ended", "results.jsonl"));
    child.kill("SIGTERM");
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(143);
    expect(stderr).toMatch(/interrupted by SIGTERM; finished runs are kept/);
    expect(existsSync(join(folder, ".ended.socsim-lock"))).toBe(false);
    const kept = runLines(join(folder, "ended")).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(MANY_RUNS_COUNT);
    expect(readdirSync(join(folder, "ended", "runs"))).toHaveLength(kept);
  }, 60_000);

  it("resumes a sweep killed with kill -9: runs only what is missing, drops the half-written", async () => {
    const folder = tinyScenarioFolder();
    writeSweep(folder, MANY_RUNS);
    const child = spawn(
      process.execPath,
      [BIN, "sweep", "sweep.yaml", "--out", "killed", "--jobs", "1"],
      {
        cwd: folder,
        stdio: "ignore",
      },
    );
    const results = join(folder, "killed", "results.jsonl");
    await firstLine(results);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));
    // What a kill in the middle of writing leaves: a torn last line, a run folder without its line.
    const finished = runLines(join(folder, "killed")).length;
    appendFileSync(results, '{"sweep":"tiny-sweep","id":"0123');
    mkdirSync(join(folder, "killed", "runs", "abcdefabcdef"));
    expect(finished).toBeLessThan(MANY_RUNS_COUNT);
    const unkilled = tinyScenarioFolder();
    writeSweep(unkilled, MANY_RUNS);
    expectOk(socsim(unkilled, ["sweep", "sweep.yaml", "--out", "whole", "--jobs", "2"]));
    const wholeMany = join(unkilled, "whole");

    const resumed = socsim(folder, ["sweep", "sweep.yaml", "--out", "killed", "--jobs", "2"]);
    expectOk(resumed);
    expect(resumed.stderr).toContain(
      `${MANY_RUNS_COUNT} runs, ${MANY_RUNS_COUNT - finished} run now`,
    );
    expect(runLines(join(folder, "killed"))).toEqual(runLines(wholeMany));
    expect(readdirSync(join(folder, "killed", "runs")).sort()).toEqual(
      readdirSync(join(wholeMany, "runs")).sort(),
    );
    expectSameReports(join(folder, "killed"), wholeMany);

    const again = socsim(folder, ["sweep", "sweep.yaml", "--out", "killed", "--jobs", "1"]);
    expect(again.stderr).toContain(`${MANY_RUNS_COUNT} runs, 0 run now`);
    writeFileSync(
      join(folder, "tiny.yaml"),
      readFileSync(join(folder, "tiny.yaml"), "utf8").replace("50 ms", "40 ms"),
    );
    const changed = socsim(folder, ["sweep", "sweep.yaml", "--out", "killed", "--jobs", "1"]);
    expect(changed.status).toBe(1);
    expect(changed.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/cannot resume the sweep here: an input file changed/),
    ]);
  }, 90_000);

  it("merges shards run as separate processes into the unsharded sweep, and refuses another sweep's", async () => {
    const folder = tinyScenarioFolder();
    writeSweep(folder, SIX_RUNS);
    const shard = (index: number, env: NodeJS.ProcessEnv) =>
      new Promise<number | null>((resolve) => {
        spawn(
          process.execPath,
          [BIN, "sweep", "sweep.yaml", "--out", `shard-${index}`, "--jobs", "1"],
          {
            cwd: folder,
            stdio: "ignore",
            env: { ...process.env, ...env },
          },
        ).on("exit", resolve);
      });
    // One shard from Slurm's variables, one from a Kubernetes indexed Job's.
    const codes = await Promise.all([
      shard(1, {
        SLURM_ARRAY_TASK_ID: "4",
        SLURM_ARRAY_TASK_MIN: "4",
        SLURM_ARRAY_TASK_COUNT: "2",
      }),
      shard(2, { JOB_COMPLETION_INDEX: "1", SOCSIM_SHARD_COUNT: "2" }),
    ]);
    expect(codes).toEqual([0, 0]);
    const sizes = [1, 2].map((index) => runLines(join(folder, `shard-${index}`)).length);
    expect(sizes[0]! + sizes[1]!).toBe(6);
    expectOk(socsim(folder, ["merge", "shard-1", "shard-2", "--out", "merged"]));
    expect(runLines(join(folder, "merged"))).toEqual(runLines(whole));
    expectSameReports(join(folder, "merged"), whole);

    // Another sweep's folder differs from a shard's in what sweep.json records (the merge reads nothing else to refuse it).
    cpSync(join(folder, "shard-2"), join(folder, "other"), { recursive: true });
    const record = join(folder, "other", "sweep.json");
    writeFileSync(record, readFileSync(record, "utf8").replace('"tiny-sweep"', '"other"'));
    const refused = socsim(folder, ["merge", "shard-1", "other", "--out", "bad-merge"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /^socsim: other: cannot be merged with shard-1: a different sweep/,
    );
    expect(existsSync(join(folder, "bad-merge"))).toBe(false);
  }, 90_000);

  it("touches nothing of the user's: a link as --out, --out inside a shard folder, a user's folder among the run folders", () => {
    const folder = tinyScenarioFolder();
    writeSweep(folder, "axes:\n  seed: [1]");
    expectOk(socsim(folder, ["sweep", "sweep.yaml", "--out", "done", "--jobs", "1"]));
    const refused = (args: string[], message: RegExp) => {
      const result = socsim(folder, args);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(message)]);
    };
    // A link would be locked under its own name, not its target's: two sweeps could fill one folder.
    symlinkSync("done", join(folder, "link"));
    refused(
      ["sweep", "sweep.yaml", "--out", "link"],
      /link: cannot be used for output: it is a symbolic link/,
    );
    refused(
      ["merge", "done", "--out", "done/runs/merged"],
      /cannot be used for output: it lies inside an input \(done\)/,
    );
    const notes = join(folder, "done", "runs", "abcdefabcdef", "notes.txt");
    mkdirSync(dirname(notes));
    writeFileSync(notes, "mine");
    refused(
      ["sweep", "sweep.yaml", "--out", "done"],
      /cannot resume the sweep here: .*holds folders socsim did not write \(abcdefabcdef\)/,
    );
    expect(readFileSync(notes, "utf8")).toBe("mine");
    // The merged folder's mode follows the umask, as the sweep's own does.
    rmSync(dirname(notes), { recursive: true });
    const merged = spawnSync(
      "sh",
      ["-c", `umask 022 && exec "${process.execPath}" "${BIN}" merge done --out merged`],
      { cwd: folder, encoding: "utf8" },
    );
    expect(merged.status, merged.stderr).toBe(0);
    expect(statSync(join(folder, "merged")).mode & 0o777).toBe(0o755);
  }, 60_000);

  it("refuses bad shard specs and a Kubernetes index without a count, one line, nothing written", () => {
    const folder = tinyScenarioFolder();
    writeSweep(folder, "axes:\n  seed: [1]");
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [["--shard", "3/2"], {}, /"3\/2" is not a shard/],
      [["--shard", "0/4"], {}, /"0\/4" is not a shard/],
      [[], { JOB_COMPLETION_INDEX: "0" }, /SOCSIM_SHARD_COUNT: .* is not/],
    ];
    for (const [args, env, message] of cases) {
      const result = socsim(folder, ["sweep", "sweep.yaml", "--out", "out", ...args], env);
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(message)]);
      expect(readdirSync(folder).sort()).toEqual(["sweep.yaml", "tiny.yaml"]);
    }
  }, 60_000);
});
