import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";

/**
 * No NaN or Infinity ever reaches an output, and null only where docs/cli.md
 * says it may stand: random valid scenarios, with values at the edges of
 * what the schemas admit (temperatures near the bounds, tiny and large
 * rates, durations of a millisecond), are loaded from YAML and run
 * in-process, and every output is scanned.
 */

/** Dotted paths (array indices as `[]`) where results.json may hold null. */
const NULLABLE_RESULTS = new Set([
  "runs[].models[].latency_ms.mean",
  "runs[].models[].latency_ms.p50",
  "runs[].models[].latency_ms.p90",
  "runs[].models[].latency_ms.p99",
  "runs[].models[].latency_ms.max",
  "runs[].models[].energy_per_inference_mj",
  "runs[].models[].slo_ms",
  "runs[].models[].slo_violation_rate",
  "runs[].antt",
  "runs[].stp",
  "runs[].fairness",
  "runs[].ui",
]);
const NULLABLE_REQUEST_FIELDS = new Set(["start_ms", "finish_ms", "latency_ms"]);

/** Every place in `value` holding a non-finite number, or a null outside `nullable`. */
function badValues(value: unknown, nullable: ReadonlySet<string>, path = ""): string[] {
  if (value === null) return nullable.has(path) ? [] : [`${path}: null`];
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path}: ${value}`];
  if (Array.isArray(value)) return value.flatMap((item) => badValues(item, nullable, `${path}[]`));
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
      badValues(item, nullable, path === "" ? key : `${path}.${key}`),
    );
  return [];
}

const time = (seconds: number) => `${seconds} s`;

const arrival = fc.oneof(
  fc.record({
    process: fc.constant("periodic"),
    fps: fc.constantFrom(0.5, 1, 30, 240, 500),
    jitter: fc.constantFrom(undefined, "0 s", "1 us", "2 ms", "1 s"),
  }),
  fc.record({ process: fc.constant("poisson"), rate: fc.constantFrom(0.001, 1, 60, 500) }),
  fc.record({
    process: fc.constant("bursty"),
    rate: fc.constantFrom(0.01, 100, 500),
    mean_on: fc.constantFrom("1 ms", "20 ms", "1 s"),
    mean_off: fc.constantFrom("1 ms", "50 ms", "10 s"),
  }),
);

const app = fc.record({
  model: fc.constantFrom("mobilenet-v1", "mobilenet-v2", "efficientnet-lite0", "posenet"),
  dtype: fc.constantFrom("fp32", "fp16", "int8"),
  arrival,
  slo: fc.constantFrom(undefined, "1 us", "30 ms", "1 h"),
  priority: fc.integer({ min: -3, max: 3 }),
  max_queue: fc.constantFrom(1, 4, 64),
});

const competing = fc.record({
  name: fc.constant("background"),
  processor: fc.constantFrom("cpu-little", "cpu-big", "gpu"),
  threads: fc.integer({ min: 1, max: 4 }),
  duty_cycle: fc.constantFrom(0.001, 0.5, 1),
  period: fc.constantFrom("1 ms", "16 ms", "1 s"),
  footprint: fc.constantFrom("0 B", "64 kB", "1 GB"),
  bandwidth: fc.constantFrom("0 B/s", "1 GB/s", "100 GB/s"),
  nice: fc.constantFrom(-20, 0, 19),
});

const ui = fc.record({
  refresh: fc.constantFrom("60 Hz", "90 Hz", "120 Hz"),
  cpu_per_frame: fc.constantFrom("0 s", "3 ms", "40 ms"),
  gpu_per_frame: fc.constantFrom("0 s", "2 ms", "40 ms"),
  nice: fc.constantFrom(-20, -10, 19),
});

/** Temperatures inside (−273.15 °C, 150 °C], the edges included. */
const temperature = fc.constantFrom(-273.1, -40, 25, 95, 149.9, 150);

const scenario = fc
  .record({
    soc: fc.constantFrom("snapdragon-855", "kirin-990", "tensor-g1"),
    schedulers: fc.subarray(["single-cpu", "single-gpu"], { minLength: 1 }),
    durationS: fc.constantFrom(0.001, 0.01, 0.1, 0.5),
    warmupShare: fc.constantFrom(0, 0.5, 0.99),
    tickShare: fc.constantFrom(undefined, 1, 0.01),
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
    ambient: fc.option(temperature, { nil: undefined }),
    initialSkin: fc.option(temperature, { nil: undefined }),
    holdGpu: fc.option(fc.constantFrom(100, 149, 150), { nil: undefined }),
    cacheHitRate: fc.option(fc.constantFrom(0, 0.2, 1), { nil: undefined }),
    forcedCpu: fc.constantFrom(0, 0.5, 1),
    apps: fc.array(app, { minLength: 1, maxLength: 3 }),
    competing: fc.option(competing, { nil: undefined }),
    ui: fc.option(ui, { nil: undefined }),
  })
  // A held node may not be below the ambient; keep the pair valid rather than filter it out.
  .map((drawn) => ({
    ...drawn,
    ambient:
      drawn.holdGpu !== undefined && (drawn.ambient ?? 25) > drawn.holdGpu
        ? drawn.holdGpu
        : drawn.ambient,
  }));

type Drawn = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const root = mkdtempSync(join(tmpdir(), "socsim-finite-"));
let written = 0;

/** The drawn scenario as the YAML files a user would write (JSON is YAML). */
function writeScenario(drawn: Drawn): string {
  const folder = join(root, `s${written++}`);
  mkdirSync(folder);
  const workload = {
    kind: "workload",
    name: "random",
    apps: drawn.apps.map((entry, index) => ({ name: `app${index}`, ...entry })),
    ...(drawn.competing ? { competing: [drawn.competing] } : {}),
    ...(drawn.ui ? { ui: drawn.ui } : {}),
  };
  const degrees = (celsius: number) => `${celsius} degC`;
  const whatIf = {
    ...(drawn.ambient === undefined ? {} : { ambient: degrees(drawn.ambient) }),
    ...(drawn.initialSkin === undefined
      ? {}
      : { initial_temps: { skin: degrees(drawn.initialSkin) } }),
    ...(drawn.holdGpu === undefined ? {} : { hold_temps: { gpu: degrees(drawn.holdGpu) } }),
    ...(drawn.cacheHitRate === undefined ? {} : { cache_hit_rate: drawn.cacheHitRate }),
    forced_cpu_fraction: drawn.forcedCpu,
  };
  const spec = {
    kind: "scenario",
    name: "random",
    soc: drawn.soc,
    workload: "workload.yaml",
    schedulers: drawn.schedulers,
    duration: time(drawn.durationS),
    warmup: time(drawn.durationS * drawn.warmupShare),
    seed: drawn.seed,
    ...(drawn.tickShare === undefined
      ? {}
      : { thermal_tick: time(Math.max(1e-6, drawn.durationS * drawn.tickShare)) }),
    what_if: whatIf,
  };
  writeFileSync(join(folder, "workload.yaml"), JSON.stringify(workload, null, 1));
  writeFileSync(join(folder, "scenario.yaml"), JSON.stringify(spec, null, 1));
  return folder;
}

describe("outputs of random valid scenarios", () => {
  it("hold no NaN or Infinity, and null only where docs/cli.md allows it", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (drawn) => {
        const folder = writeScenario(drawn);
        const loaded = await loadScenario(join(folder, "scenario.yaml"));
        const out = join(folder, "out");
        mkdirSync(out);
        const { results } = runExperiment(loaded, { seed: drawn.seed, outDir: out, trace: true });
        expect(badValues(results, NULLABLE_RESULTS)).toEqual([]);
        const lines = readFileSync(join(out, "requests.jsonl"), "utf8").split("\n");
        for (const line of lines.filter((text) => text !== "")) {
          const request = JSON.parse(line) as Record<string, unknown>;
          const nullable = new Set(
            Object.keys(request).filter((key) => NULLABLE_REQUEST_FIELDS.has(key)),
          );
          expect(badValues(request, nullable)).toEqual([]);
        }
        const trace = JSON.parse(readFileSync(join(out, "trace.json"), "utf8")) as unknown;
        expect(badValues(trace, new Set())).toEqual([]);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
