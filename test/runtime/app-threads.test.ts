import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadSoc } from "../../src/device/index.ts";
import { buildModel } from "../../src/graph/index.ts";
import type { RunResult } from "../../src/metrics/results.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { type CatalogApp, TargetCatalog } from "../../src/runtime/target-catalog.ts";
import { type TinyScenario, tinyScenario } from "./helpers.ts";

/** The first scheduler's run of a tiny scenario on the Snapdragon 855. */
async function runOf(spec: TinyScenario): Promise<RunResult> {
  const scenario = await tinyScenario(spec);
  return simulateRun(scenario, scenario.schedulers[0]!, 1).result;
}

/** An app's mean latency (ms); NaN when none of its requests completed, which fails every comparison. */
const meanMs = (result: RunResult, app: number) =>
  result.models[app]!.latency_ms.mean ?? Number.NaN;

/** Mean latency of `streams` closed-loop ResNet-18 streams of `threads` threads each under ncnn's CPU (4 cores: cpu-prime, cpu-big). */
async function streamsMs(streams: number, threads: number): Promise<number> {
  const apps = Array.from({ length: streams }, () => ({
    model: "resnet18",
    arrival: "{ process: closed, outstanding: 1 }",
    threads,
  }));
  const result = await runOf({ apps, schedulers: ["single-cpu"], framework: "ncnn", durationS: 1 });
  return result.models.reduce((sum, _, app) => sum + meanMs(result, app), 0) / streams;
}

describe("threads: per app", () => {
  it("one thread is much slower than four on a big model", async () => {
    const latency = async (threads: number) =>
      meanMs(
        await runOf({
          apps: [{ model: "resnet50", fps: 4, threads }],
          schedulers: ["single-cpu"],
          durationS: 1,
        }),
        0,
      );
    expect(await latency(1)).toBeGreaterThan(2 * (await latency(4)));
  });

  it("prices two apps of one run at their own thread counts", async () => {
    const result = await runOf({
      apps: [
        { model: "resnet18", fps: 2, threads: 1 },
        { model: "resnet18", fps: 3, threads: 4 },
      ],
      schedulers: ["single-cpu"],
      durationS: 1,
    });
    expect(meanMs(result, 0)).toBeGreaterThan(1.5 * meanMs(result, 1));
  });

  it("slows an oversubscribed pool super-linearly with co-running streams, a one-thread app's linearly at most", async () => {
    const oversubscribed = [1, 2, 4].map((streams) => streamsMs(streams, 8));
    const [alone, two, four] = await Promise.all(oversubscribed);
    expect(alone!).toBeGreaterThan(await streamsMs(1, 4));
    expect(two! / alone!).toBeGreaterThan(2);
    expect(four! / alone!).toBeGreaterThan((2 * two!) / alone!);
    const single = await streamsMs(1, 1);
    expect((await streamsMs(2, 1)) / single).toBeLessThanOrEqual(2);
  });

  it("spreads concurrent one-thread apps over free cores: two streams run on the prime and a gold core, not both on the prime", async () => {
    const one = await streamsMs(1, 1);
    const two = await streamsMs(2, 1);
    // Sharing the prime core would double each stream's latency; a gold core is 15 % slower in clock.
    expect(two / one).toBeLessThan(1.3);
    expect(two).toBeGreaterThan(one);
  });

  it("reports each app's effective thread count: its own, else the framework's", async () => {
    const result = await runOf({
      apps: [
        { model: "mobilenet-v2", fps: 2, threads: 3 },
        { model: "mobilenet-v2", fps: 2 },
      ],
      schedulers: ["single-cpu"],
      framework: "ncnn",
      durationS: 0.5,
    });
    const own = loadSoc("snapdragon-855").frameworks.ncnn!.cpu.threads;
    expect(result.models.map((model) => model.threads)).toEqual([3, own]);
  });

  it("changes nothing at the framework's own thread count", async () => {
    const apps = [{ model: "mobilenet-v2", fps: 10 }];
    const base = await runOf({ apps, schedulers: ["single-cpu"], competing: true, durationS: 0.5 });
    const same = await runOf({
      apps: [{ ...apps[0]!, threads: 4 }],
      schedulers: ["single-cpu"],
      competing: true,
      durationS: 0.5,
    });
    expect(JSON.stringify(same)).toBe(JSON.stringify(base));
  });
});

describe("the run's target catalog", () => {
  const soc = loadSoc("snapdragon-855");
  const graphs = [buildModel("mobilenet-v2"), buildModel("resnet18")];
  const apps = (threads?: number): CatalogApp[] =>
    graphs.map((graph, index) => ({
      graph,
      forcedToCpu: graph.ops.map(() => false),
      ...(index === 0 && { cpuThreads: threads }),
    }));

  /** Everything the catalog says about app 1: placement, support, fusion and offline time per target and op. */
  function appOneFacts(catalog: TargetCatalog): unknown[] {
    return catalog.targets.flatMap(({ id }) => [
      catalog.frameworkPlacement(1, id),
      graphs[1]!.ops.map((op) => [
        catalog.supports(1, op.id, id),
        catalog.fusesIntoProducer(1, op.id, id),
        catalog.isolatedOpSeconds(1, op.id, id),
      ]),
    ]);
  }

  it("never lets one app's threads change another app's targets", () => {
    for (const framework of ["mace", "ncnn"]) {
      const reference = appOneFacts(new TargetCatalog(soc, framework, apps()));
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 32 }), (threads) => {
          expect(appOneFacts(new TargetCatalog(soc, framework, apps(threads)))).toEqual(reference);
        }),
        { numRuns: 12 },
      );
    }
  });
});
