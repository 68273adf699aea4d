import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * socsim as a user gets it: the packed tarball installed into a new
 * project, used from plain Node, from strict TypeScript and as a command.
 * It packs the dist/ that `npm test` has just built.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), "socsim-pack-"));
const project = join(folder, "consumer");

interface LockEntry {
  readonly version: string;
  readonly dev?: boolean;
  readonly devOptional?: boolean;
}

/**
 * The consumer's lock file: socsim from the tarball, and its dependencies
 * (with @types/node for the consumer's own type-check) at the versions and
 * hashes of socsim's lock. An install from a registry needs package
 * metadata that `npm ci` never caches; with a lock, `npm ci --offline`
 * takes every tarball from the cache that socsim's own `npm ci` filled.
 */
function consumerLock(tarball: string): { manifest: object; lock: object } {
  const own = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const ownLock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const typesForNode = ["node_modules/@types/node", "node_modules/undici-types"];
  const integrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
  const dependencies = { socsim: `file:${tarball}` };
  const devDependencies = {
    "@types/node": ownLock.packages["node_modules/@types/node"]!.version,
  };
  const packages: Record<string, object> = {
    "": { name: "consumer", dependencies, devDependencies },
    "node_modules/socsim": {
      version: own.version,
      resolved: `file:${tarball}`,
      integrity,
      dependencies: own.dependencies,
      bin: own.bin,
    },
  };
  for (const [path, entry] of Object.entries(ownLock.packages)) {
    const runtime = path !== "" && !entry.dev && !entry.devOptional;
    if (runtime || typesForNode.includes(path)) packages[path] = entry;
  }
  return {
    manifest: { name: "consumer", private: true, type: "module", dependencies, devDependencies },
    lock: { name: "consumer", lockfileVersion: 3, requires: true, packages },
  };
}

const CONSUMER_TS = `import {
  loadScenario,
  ParamError,
  type Results,
  runExperiment,
  type Scheduler,
  type SchedulerFactory,
  wholeUnit,
} from "socsim";
import { accountingViolations, graphArbitrary } from "socsim/testing";

export const createScheduler: SchedulerFactory = (params) => {
  const target = params.target ?? "gpu";
  if (typeof target !== "string") throw new ParamError("target", "target must be a processor id");
  const scheduler: Scheduler = {
    id: "whole-model",
    plan: (app) => ({ units: [wholeUnit(0, app.graph.ops.map((op) => op.id), target)], fallbackOps: 0 }),
    decide: (view) =>
      view.ready.map((ready) => ({ kind: "run", requestId: ready.requestId, unitId: ready.unit.id, option: 0 })),
  };
  return scheduler;
};

export async function violations(file: string): Promise<string[]> {
  const results: Results = runExperiment(await loadScenario(file), { seed: 1, trace: false }).results;
  return accountingViolations(results);
}

export const graphs = graphArbitrary();
`;

const STRICT_TSCONFIG = {
  compilerOptions: {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    module: "NodeNext",
    moduleResolution: "NodeNext",
    target: "ES2022",
    lib: ["ES2023"],
    types: ["node"],
    skipLibCheck: false,
    noEmit: true,
    // The copied example imports its policy as ./my-policy.ts, as tsx runs it.
    allowImportingTsExtensions: true,
  },
  files: ["consumer.ts", "my-policy/my-policy.ts", "my-policy/my-policy.test.ts"],
};

/** A policy in plain JavaScript, checked from a plain script: checkPolicy throws on a failure, which exits 1. */
const CHECK_JS = `import { definePolicy, wholeUnit } from "socsim";
import { checkPolicy } from "socsim/testing";
import { z } from "zod";

const policy = definePolicy({
  id: "cpu-fifo",
  params: z.strictObject({}),
  create: () => ({
    plan: (app) => ({ units: [wholeUnit(0, app.graph.ops.map((op) => op.id), "cpu")], fallbackOps: 0 }),
    decide: (view) =>
      view.ready
        .filter((ready, index) => view.ready.findIndex((other) => other.appIndex === ready.appIndex) === index)
        .filter((ready) => view.runningRequests[ready.appIndex] === 0)
        .map((ready) => ({ kind: "run", requestId: ready.requestId, unitId: ready.unit.id, option: 0 })),
  }),
});
export default policy;

if (process.argv[2] === "check") {
  const report = checkPolicy(policy, { module: new URL(import.meta.url).pathname, runs: 10 });
  console.log(\`checked \${report.scenarios} scenarios\`);
}
`;

/** The same policy with a bug, to see the failure a user sees. */
const BROKEN_JS = CHECK_JS.replace('id: "cpu-fifo"', 'id: "cpu-fifo-random"').replace(
  "decide: (view) =>",
  "decide: (view) => Math.random() < 0 ? [] :",
);

let packedFiles: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist", "index.js")))
    throw new Error("dist/ is not built: run `npm run build` (npm test does) first");
  const { stdout } = await run(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", folder],
    { cwd: ROOT },
  );
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed!.files.map((file) => file.path);
  mkdirSync(project);
  const { manifest, lock } = consumerLock(join(folder, packed!.filename));
  writeFileSync(join(project, "package.json"), JSON.stringify(manifest, null, 2));
  writeFileSync(join(project, "package-lock.json"), JSON.stringify(lock, null, 2));
  writeFileSync(join(project, "consumer.ts"), CONSUMER_TS);
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify(STRICT_TSCONFIG, null, 2));
  cpSync(join(ROOT, "examples", "my-policy"), join(project, "my-policy"), { recursive: true });
  writeFileSync(join(project, "check.mjs"), CHECK_JS);
  writeFileSync(join(project, "broken.mjs"), BROKEN_JS);
  await run("npm", ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: project,
  });
}, 60_000);

describe("the published package", () => {
  it("ships the built code, its types and the bundled files, and no sources", () => {
    for (const file of [
      "bin/socsim.js",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/testing/index.d.ts",
      "socs/snapdragon-855.yaml",
      "scenarios/default.yaml",
      "workloads/seed-trio.yaml",
    ])
      expect(packedFiles).toContain(file);
    expect(packedFiles.filter((file) => /^(src|test|bench)\//.test(file))).toEqual([]);
  });

  it("imports as socsim and socsim/testing from plain Node", async () => {
    const script =
      'const s = await import("socsim"); const t = await import("socsim/testing");' +
      "console.log(typeof s.runExperiment, typeof s.loadScenario, typeof t.accountingViolations);";
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
      cwd: project,
    });
    expect(stdout.trim()).toBe("function function function");
  });

  it("type-checks a strict TypeScript consumer against the published declarations", async () => {
    const result = await run(process.execPath, [TSC, "-p", project]).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout }),
    );
    expect(result.stdout).toBe("");
  });

  it("runs the bundled scenario and profiles a model from the installed bin", async () => {
    const bin = join(project, "node_modules", ".bin", "socsim");
    const out = join(folder, "out");
    await run(bin, ["run", "--out", out, "--quiet", "--no-trace"], { cwd: project });
    expect(JSON.parse(readFileSync(join(out, "results.json"), "utf8")).scenario).toBe("default");
    const { stdout } = await run(
      bin,
      ["profile", "resnet50", "--soc", "snapdragon-855", "--json"],
      {
        cwd: project,
      },
    );
    expect(JSON.parse(stdout).processors.length).toBeGreaterThan(1);
  });

  it("runs the example policy's checkPolicy test in TypeScript, through tsx and node:test", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "--test", join("my-policy", "my-policy.test.ts")],
      { cwd: project, env: { ...process.env, SOCSIM_CHECK_RUNS: "10" } },
    );
    expect(stdout).toMatch(/# pass 1\n# fail 0/);
  });

  it("checks a JavaScript policy from a plain script, and a broken one fails with its replay", async () => {
    const { stdout } = await run(process.execPath, ["check.mjs", "check"], { cwd: project });
    expect(stdout).toMatch(/^checked \d+ scenarios/);
    const failure = await run(process.execPath, ["broken.mjs", "check"], { cwd: project }).then(
      () => "",
      (error: { stderr: string }) => error.stderr,
    );
    expect(failure).toMatch(/fails "determinism"[\s\S]*npx socsim run .*scenario\.yaml/);
    const replay = join(project, "socsim-counterexample", "cpu-fifo-random", "scenario.yaml");
    const bin = join(project, "node_modules", ".bin", "socsim");
    const { stdout: validated } = await run(bin, ["validate", replay], { cwd: project });
    expect(validated).toMatch(/^ok /);
  });
});
