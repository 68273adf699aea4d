import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";
import { inputErrorOf } from "../support/input-error.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-policy-"));
const fixture = new URL("./fixtures/earliest-deadline.ts", import.meta.url).pathname;
writeFileSync(
  join(folder, "w.yaml"),
  "kind: workload\nname: w\napps:\n  - name: a\n    model: mobilenet-v2\n    arrival: { process: periodic, fps: 20 }\n    slo: 50 ms\n",
);

function scenarioWith(schedulerLines: string): string {
  const file = join(folder, `s${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    `kind: scenario\nname: p\nsoc: snapdragon-855\nworkload: w.yaml\nduration: 1 s\nschedulers:\n${schedulerLines}`,
  );
  return file;
}

const loadError = async (file: string) => (await inputErrorOf(() => loadScenario(file))).describe();

describe("users' own policies", () => {
  it("loads a policy module named in the scenario and runs it", async () => {
    const file = scenarioWith(
      `  - name: mine\n    module: ${fixture}\n    params: { target: gpu }\n`,
    );
    const { results } = runExperiment(await loadScenario(file), { seed: 1, trace: false });
    const model = results.runs[0]!.models[0]!;
    expect(results.runs[0]!.scheduler).toBe("mine");
    expect(model.completed).toBeGreaterThan(10);
  });

  it("loads a version-2 definition (definePolicy) as a module's default export, its params checked by its schema", async () => {
    const module = new URL("./fixtures/whole-model-v2.ts", import.meta.url).pathname;
    const file = scenarioWith(`  - name: v2\n    module: ${module}\n    params: { target: cpu }\n`);
    const { results } = runExperiment(await loadScenario(file), { seed: 1, trace: false });
    expect(results.runs[0]!.scheduler).toBe("v2");
    expect(results.runs[0]!.models[0]!.completed).toBeGreaterThan(10);
    expect(results.runs[0]!.processors.find((p) => p.id === "gpu")!.busy_s).toBe(0);
    expect(
      await loadError(
        scenarioWith(`  - name: v2\n    module: ${module}\n    params: { target: npu }\n`),
      ),
    ).toMatch(/:9:\d+: schedulers\[0\]\.params\.target: whole-model: /);
  });

  it("reports a missing module, a module without a policy and a parameter of the wrong type at their fields", async () => {
    expect(await loadError(scenarioWith("  - name: x\n    module: ./nowhere.ts\n"))).toMatch(
      /:8:13: schedulers\[0\]\.module: no such policy module/,
    );
    const empty = join(folder, "empty.ts");
    writeFileSync(empty, "export const nothing = 1;\n");
    expect(await loadError(scenarioWith(`  - name: x\n    module: ${empty}\n`))).toMatch(
      /schedulers\[0\]\.module: the policy module \S+empty\.ts exports no policy \(a default export or createScheduler/,
    );
    expect(
      await loadError(
        scenarioWith(`  - name: x\n    module: ${fixture}\n    params: { target: 3 }\n`),
      ),
    ).toMatch(/:9:\d+: schedulers\[0\]\.params\.target: target must be a processor id/);
    expect(
      await loadError(scenarioWith("  - name: single-gpu\n    params: { speed: 2 }\n")),
    ).toMatch(/schedulers\[0\]\.params\.speed: single-gpu takes no parameters/);
    expect(await loadError(scenarioWith("  - codel\n"))).toMatch(
      /schedulers\[0\]: unknown scheduler "codel"/,
    );
  });
});

/** A whole-model policy with no imports, so it runs the same from any folder. */
const POLICY_JS = `export default function createScheduler(params) {
  const target = params.target ?? "gpu";
  return {
    id: "whole-model",
    plan: (app) => ({
      units: [{ id: 0, ops: app.graph.ops.map((op) => op.id), options: [{ slices: [{ target, share: 1 }] }] }],
      fallbackOps: 0,
    }),
    decide: (view) =>
      view.ready.map((ready) => ({ kind: "run", requestId: ready.requestId, unitId: ready.unit.id, option: 0 })),
  };
}
`;
/** The same policy with syntax only TypeScript reads. */
const POLICY_TS = `interface Ready { readonly requestId: number; readonly unit: { readonly id: number } }
export default function createScheduler(params: Readonly<Record<string, unknown>>) {
  const target = (params.target as string | undefined) ?? "gpu";
  return {
    id: "whole-model",
    plan: (app: { graph: { ops: readonly { id: number }[] } }) => ({
      units: [{ id: 0, ops: app.graph.ops.map((op) => op.id), options: [{ slices: [{ target, share: 1 }] }] }],
      fallbackOps: 0,
    }),
    decide: (view: { ready: readonly Ready[] }) =>
      view.ready.map((ready): { kind: "run"; requestId: number; unitId: number; option: number } =>
        ({ kind: "run", requestId: ready.requestId, unitId: ready.unit.id, option: 0 })),
  };
}
`;

const BIN = new URL("../../bin/socsim.js", import.meta.url).pathname;
const socsim = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

describe("policy modules through the socsim command", () => {
  const extensions = [".ts", ".mts", ".js", ".mjs"];
  const folders = { bare: false, module: true } as const;

  it("loads .ts, .mts, .js and .mjs, with and without a package.json beside them", () => {
    const entries: string[] = [];
    for (const [folderName, withPackageJson] of Object.entries(folders)) {
      mkdirSync(join(folder, folderName), { recursive: true });
      if (withPackageJson)
        writeFileSync(join(folder, folderName, "package.json"), '{ "type": "module" }\n');
      for (const extension of extensions) {
        const typescript = extension.endsWith("ts");
        writeFileSync(
          join(folder, folderName, `policy${extension}`),
          typescript ? POLICY_TS : POLICY_JS,
        );
        entries.push(
          `  - name: ${folderName}${extension.replace(".", "-")}\n    module: ./${folderName}/policy${extension}\n`,
        );
      }
    }
    const out = join(folder, "matrix-out");
    const result = socsim(
      "run",
      scenarioWith(entries.join("")),
      "--out",
      out,
      "--quiet",
      "--no-trace",
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.runs.map((run: { scheduler: string }) => run.scheduler)).toEqual(
      entries.map((entry) => entry.split("\n")[0]!.slice("  - name: ".length)),
    );
    for (const run of results.runs) expect(run.models[0].completed).toBeGreaterThan(10);
  });

  it("names the scheduler entry and the file of a module that cannot be used, in one line", () => {
    mkdirSync(join(folder, "broken"), { recursive: true });
    writeFileSync(join(folder, "broken", "syntax.ts"), "export default function (\n");
    writeFileSync(join(folder, "broken", "syntax.js"), "export default function (\n");
    writeFileSync(join(folder, "broken", "nothing.mjs"), "export const answer = 42;\n");
    const cases = [
      ["./broken/syntax.ts", "cannot be imported"],
      ["./broken/syntax.js", "cannot be imported"],
      ["./broken/nothing.mjs", "exports no policy"],
      ["./broken", "no such policy module"],
      ["./broken/missing.ts", "no such policy module"],
    ];
    for (const [module, problem] of cases) {
      const file = scenarioWith(`  - name: x\n    module: ${module}\n`);
      const result = socsim("validate", file);
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(`socsim: ${file}:8:13: schedulers[0].module: `);
      expect(result.stderr).toContain(join(folder, module!));
      expect(result.stderr).toContain(problem);
    }
  });

  it("stops on Ctrl-C while a policy loops forever inside a call, removing what the run had written (exit 130)", async () => {
    const root = mkdtempSync(join(tmpdir(), "socsim-policy-loop-"));
    const looping = POLICY_JS.replace(
      "decide: (view) =>",
      `decide: (view) => view.nowNs > 1e8 ? (process.stdout.write("looping\\n"), loop()) :`,
    ).concat("function loop() { for (;;) {} }\n");
    writeFileSync(join(root, "w.yaml"), readFileSync(join(folder, "w.yaml")));
    writeFileSync(join(root, "looping.mjs"), looping);
    writeFileSync(
      join(root, "s.yaml"),
      "kind: scenario\nname: p\nsoc: snapdragon-855\nworkload: w.yaml\nduration: 1 s\nschedulers:\n  - name: x\n    module: ./looping.mjs\n",
    );
    const child = spawn(process.execPath, [
      BIN,
      "run",
      join(root, "s.yaml"),
      "--out",
      join(root, "out"),
    ]);
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    // The policy says when it starts looping; only then is the signal sent.
    child.stdout.on("data", (chunk) => {
      if (String(chunk).includes("looping")) child.kill("SIGINT");
    });
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code, stderr).toBe(130);
    expect(stderr).toContain("interrupted by SIGINT");
    expect(readdirSync(root).sort()).toEqual(["looping.mjs", "s.yaml", "w.yaml"]);
  });

  it("reports a module that calls process.exit as its error (exit 1), leaving nothing behind, in a run and in a sweep", () => {
    const exiting = POLICY_JS.replace(
      "decide: (view) =>",
      "decide: (view) => view.nowNs > 2e8 ? process.exit(0) :",
    );
    const root = mkdtempSync(join(tmpdir(), "socsim-policy-exit-"));
    writeFileSync(join(root, "w.yaml"), readFileSync(join(folder, "w.yaml")));
    writeFileSync(join(root, "exiting.mjs"), exiting);
    writeFileSync(
      join(root, "s.yaml"),
      "kind: scenario\nname: p\nsoc: snapdragon-855\nworkload: w.yaml\nduration: 1 s\nschedulers:\n  - name: x\n    module: ./exiting.mjs\n",
    );
    writeFileSync(
      join(root, "sweep.yaml"),
      "kind: sweep\nname: q\nbase: s.yaml\naxes:\n  seed: [1, 2]\n",
    );
    const run = socsim("run", join(root, "s.yaml"), "--out", join(root, "out"), "--quiet");
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain("process.exit(0) was called before the command ended");
    expect(readdirSync(root).sort()).toEqual(["exiting.mjs", "s.yaml", "sweep.yaml", "w.yaml"]);
    const sweep = socsim(
      "sweep",
      join(root, "sweep.yaml"),
      "--out",
      join(root, "swept"),
      "--quiet",
    );
    expect(sweep.status, sweep.stderr).toBe(1);
    expect(sweep.stderr).toMatch(/s\.yaml:7:11: policy error: .*called process\.exit\(0\)/);
    expect(existsSync(join(root, "swept", "runs"))).toBe(true);
    // While planning, in validate as in run: no "ok", exit 1.
    writeFileSync(
      join(root, "exiting.mjs"),
      POLICY_JS.replace("plan: (app) =>", "plan: (app) => process.exit(0) ||"),
    );
    const validate = socsim("validate", join(root, "s.yaml"));
    expect(validate.status, validate.stderr).toBe(1);
    expect(validate.stdout).toBe("");
    expect(validate.stderr.trim().split("\n")).toEqual([
      "socsim: process.exit(0) was called before the command ended (by a policy module?)",
    ]);
  });
});
