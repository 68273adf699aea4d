import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeMarker } from "../../src/scenario/output/marker.ts";

const BIN = new URL("../../bin/socsim.js", import.meta.url).pathname;
const DEFAULT_SCENARIO = new URL("../../scenarios/default.yaml", import.meta.url).pathname;
const WORKLOADS = new URL("../../workloads/", import.meta.url).pathname;

/** A short run of the default scenario, so each case costs a fraction of a second. */
function quickScenario(folder: string, name = "quick"): string {
  const file = join(folder, `${name}.yaml`);
  const text = readFileSync(DEFAULT_SCENARIO, "utf8")
    .replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`)
    .replace(/^duration: .*$/m, "duration: 300 ms")
    .replace(/^warmup: .*$/m, "warmup: 0 s")
    .replace(/\.\.\/workloads\//, WORKLOADS);
  writeFileSync(file, text);
  return file;
}

function socsim(cwd: string, ...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });
}

/** Every file under `folder` with its bytes, to compare before and after a refused run. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[path] = readFileSync(path, "base64");
    }
  };
  walk(folder);
  return files;
}

function expectRefused(result: SpawnSyncReturns<string>, why: RegExp): void {
  expect(result.status).toBe(1);
  const lines = result.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(why);
}

const workspace = () => mkdtempSync(join(tmpdir(), "socsim-out-safety-"));

describe("--out never destroys what socsim did not write", () => {
  it("refuses a folder holding the user's files, and leaves them byte for byte", () => {
    const cwd = workspace();
    const scenario = quickScenario(cwd);
    mkdirSync(join(cwd, "mydata"));
    writeFileSync(join(cwd, "mydata", "notes.txt"), "my notes\n");
    writeFileSync(join(cwd, "mydata", "wl.yaml"), "kind: workload\n");
    const before = snapshot(cwd);
    expectRefused(socsim(cwd, "run", scenario, "--out", "mydata", "--quiet"), /did not write/);
    expect(snapshot(cwd)).toEqual(before);
  });

  it("refuses the working folder, its ancestors, the home folder, a file, a link and empty --out", () => {
    const cwd = workspace();
    const scenario = quickScenario(cwd);
    writeFileSync(join(cwd, "some-file"), "keep me\n");
    mkdirSync(join(cwd, "real"));
    symlinkSync(join(cwd, "real"), join(cwd, "link"));
    const before = snapshot(cwd);
    const cases: [string, RegExp][] = [
      [".", /working folder/],
      ["", /names no folder/],
      ["..", /working folder/],
      ["/", /working folder/],
      [process.env.HOME ?? "/root", /home folder|working folder/],
      ["some-file", /is a file/],
      ["link", /symbolic link/],
    ];
    for (const [out, why] of cases) {
      expectRefused(socsim(cwd, "run", scenario, "--out", out, "--quiet"), why);
    }
    expect(snapshot(cwd)).toEqual(before);
  });

  it("refuses a folder holding one of the run's inputs", () => {
    const cwd = workspace();
    mkdirSync(join(cwd, "inputs"));
    const scenario = quickScenario(join(cwd, "inputs"));
    const before = snapshot(cwd);
    expectRefused(
      socsim(cwd, "run", scenario, "--out", "inputs", "--quiet"),
      /holds an input of this run/,
    );
    expect(snapshot(cwd)).toEqual(before);
  });

  it("uses a new or empty folder, replaces its own earlier output, and refuses it once the user adds a file", () => {
    const cwd = workspace();
    const scenario = quickScenario(cwd);
    mkdirSync(join(cwd, "empty"));
    expect(socsim(cwd, "run", scenario, "--out", "empty", "--quiet").status).toBe(0);
    expect(socsim(cwd, "run", scenario, "--out", "new/deeper", "--quiet").status).toBe(0);
    const first = readFileSync(join(cwd, "empty", "results.json"), "utf8");
    const again = socsim(cwd, "run", scenario, "--out", "empty", "--quiet", "--no-trace");
    expect(again.status).toBe(0);
    expect(readFileSync(join(cwd, "empty", "results.json"), "utf8")).toBe(first);
    expect(existsSync(join(cwd, "empty", "trace.json"))).toBe(false);
    writeFileSync(join(cwd, "empty", "mine.txt"), "mine\n");
    const before = snapshot(cwd);
    expectRefused(socsim(cwd, "run", scenario, "--out", "empty", "--quiet"), /mine\.txt/);
    expect(snapshot(cwd)).toEqual(before);
    // Nothing of the runs is left beside the folders: no lock, no temporary folder.
    expect(readdirSync(cwd).filter((entry) => entry.startsWith("."))).toEqual([]);
  });

  it("keeps an existing folder's mode (a shared group's setgid folder), and refuses a sweep's folder", () => {
    const cwd = workspace();
    const scenario = quickScenario(cwd);
    const shared = join(cwd, "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o2775);
    expect(socsim(cwd, "run", scenario, "--out", "shared", "--quiet", "--no-trace").status).toBe(0);
    expect(statSync(shared).mode & 0o7777).toBe(0o2775);
    // A sweep folder: marker listing sweep.json, and its run folders in runs/.
    const sweep = join(cwd, "sweep");
    mkdirSync(join(sweep, "runs"), { recursive: true });
    writeFileSync(join(sweep, "sweep.json"), "{}\n");
    writeMarker(sweep, ["sweep.json", "results.jsonl", "runs"]);
    expectRefused(
      socsim(cwd, "run", scenario, "--out", "sweep", "--quiet"),
      /holds a sweep's runs, which only that sweep resumes or replaces/,
    );
  });

  it("refuses a scenario named '.' or '..' before anything is written", () => {
    const cwd = workspace();
    mkdirSync(join(cwd, "socsim-out"));
    writeFileSync(join(cwd, "socsim-out", "earlier.txt"), "earlier\n");
    for (const name of [".", ".."]) {
      const scenario = quickScenario(cwd, "named");
      writeFileSync(
        scenario,
        readFileSync(scenario, "utf8").replace(/^name: .*$/m, `name: "${name}"`),
      );
      const before = snapshot(cwd);
      expectRefused(socsim(cwd, "run", scenario, "--quiet"), /name/);
      expect(snapshot(cwd)).toEqual(before);
    }
  });
});

describe("the lock beside an output folder", () => {
  const lockFor = (cwd: string, name: string) => join(cwd, `.${name}.socsim-lock`);
  const tag = (host: string, pid: number) => JSON.stringify({ host, pid, started: "earlier" });

  it("refuses a folder a live socsim holds, here or on another host", () => {
    const cwd = workspace();
    const scenario = quickScenario(cwd);
    for (const holder of [tag(hostname(), process.pid), tag("another-host", 1)]) {
      writeFileSync(lockFor(cwd, "out"), holder);
      expectRefused(
        socsim(cwd, "run", scenario, "--out", "out", "--quiet"),
        /being written by another run/,
      );
      expect(readFileSync(lockFor(cwd, "out"), "utf8")).toBe(holder);
      expect(existsSync(join(cwd, "out"))).toBe(false);
    }
  });

  it("breaks the lock of a dead process on this host and clears only that process's temporary folder", () => {
    const cwd = workspace();
    const scenario = quickScenario(cwd);
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    writeFileSync(lockFor(cwd, "out"), tag(hostname(), dead));
    const stale = join(cwd, ".out.socsim-partial-dead01");
    const live = join(cwd, ".out.socsim-partial-live01");
    const unknown = join(cwd, ".out.socsim-partial-nottag");
    for (const [folder, holder] of [
      [stale, tag(hostname(), dead)],
      [live, tag(hostname(), process.pid)],
    ] as const) {
      mkdirSync(folder);
      writeFileSync(join(folder, ".socsim-partial.json"), holder);
    }
    mkdirSync(unknown);
    expect(socsim(cwd, "run", scenario, "--out", "out", "--quiet").status).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(unknown)).toBe(true);
    expect(existsSync(lockFor(cwd, "out"))).toBe(false);
  });
});

describe("interruptions", () => {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    it(`${signal} removes the run's temporary folder and lock and exits ${code} with one line`, async () => {
      const cwd = workspace();
      const scenario = quickScenario(cwd);
      writeFileSync(
        scenario,
        readFileSync(scenario, "utf8").replace(/^duration: .*$/m, "duration: 600 s"),
      );
      // No trace: a 600 s trace is past the default size limit, and the run must start.
      const args = [BIN, "run", scenario, "--out", "out", "--quiet", "--no-trace"];
      const child = spawn(process.execPath, args, { cwd });
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      // Wait until the run is under way: its temporary folder exists.
      const deadline = Date.now() + 30_000;
      while (!readdirSync(cwd).some((entry) => entry.includes("socsim-partial"))) {
        if (Date.now() > deadline) throw new Error("the run never started");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      child.kill(signal);
      const status = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(status).toBe(code);
      expect(stderr.trim().split("\n")).toEqual([
        `socsim: interrupted by ${signal}; nothing was written to ${join(cwd, "out")}`,
      ]);
      expect(readdirSync(cwd).sort()).toEqual(["quick.yaml"]);
    });
  }
});
