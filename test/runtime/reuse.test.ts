import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LineWriter } from "../../src/metrics/line-writer.ts";
import type { ModelResult, RunResult } from "../../src/metrics/results.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { type LoadedScenario, loadScenario } from "../../src/scenario/load-scenario.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-reuse-"));
let counter = 0;

interface Setup {
  /** The video app's `reuse:` block as YAML flow text, or undefined for none. */
  readonly reuse?: string;
  /** A second app, Poisson arrivals, never with reuse. */
  readonly other?: boolean;
  readonly scheduler?: string;
  readonly seconds?: number;
}

/** A 30 fps MobileNet-V2 video app on the SD855's GPU, with the given reuse block. */
async function scenario(setup: Setup): Promise<LoadedScenario> {
  const id = counter++;
  const reuse = setup.reuse === undefined ? "" : `    reuse: ${setup.reuse}\n`;
  const other = setup.other
    ? "  - name: other\n    model: mobilenet-v1\n    arrival: { process: poisson, rate: 10 }\n"
    : "";
  writeFileSync(
    join(folder, `w${id}.yaml`),
    `kind: workload\nname: w${id}\napps:\n  - name: video\n    model: mobilenet-v2\n    arrival: { process: periodic, fps: 30 }\n${reuse}${other}`,
  );
  const file = join(folder, `s${id}.yaml`);
  writeFileSync(
    file,
    [
      "kind: scenario",
      `name: s${id}`,
      "soc: snapdragon-855",
      `workload: w${id}.yaml`,
      `schedulers: [${setup.scheduler ?? "single-gpu"}]`,
      `duration: ${setup.seconds ?? 2} s`,
      "warmup: 200 ms",
      "seed: 3",
      "",
    ].join("\n"),
  );
  return loadScenario(file);
}

function run(loaded: LoadedScenario, lines?: string[]): RunResult {
  // The run only writes lines to its request log: a stand-in that keeps them.
  const keep = { write: (text: string) => void lines?.push(text) };
  const requests = lines === undefined ? undefined : (keep as unknown as LineWriter);
  return simulateRun(loaded, loaded.schedulers[0]!, loaded.spec.seed, {
    ...(requests !== undefined && { requests }),
  }).result;
}

const video = (result: RunResult): ModelResult => result.models[0]!;
const withoutReuse = ({ reuse: _reuse, ...rest }: ModelResult) => rest;

describe("data reuse on a video stream", () => {
  it("frame- and layer-level reuse lower mean latency and energy per inference against none, same seed", async () => {
    const off = video(run(await scenario({})));
    const frame = video(run(await scenario({ reuse: "{ level: frame }" })));
    const layer = video(run(await scenario({ reuse: "{ level: layer, prefix: 0.5 }" })));
    for (const on of [frame, layer]) {
      expect(on.reuse!.reused_frames + on.reuse!.layer_reused_frames).toBeGreaterThan(0);
      expect(on.latency_ms.mean!).toBeLessThan(off.latency_ms.mean!);
      expect(on.energy_per_inference_mj!).toBeLessThan(off.energy_per_inference_mj!);
    }
    // Whole results reused cost less than half a model's worth.
    expect(frame.latency_ms.mean!).toBeLessThan(layer.latency_ms.mean!);
    expect(off.reuse).toBeUndefined();
  });

  it("frame-level reuse with frames never similar is no reuse, apart from the check's time", async () => {
    const never = "similarity: { process: markov, become_similar: 0 }";
    const off = run(await scenario({}));
    const free = run(
      await scenario({ reuse: `{ level: frame, ${never}, check_per_element: 0 s }` }),
    );
    expect(withoutReuse(video(free))).toEqual(withoutReuse(video(off)));
    expect(free.energy_j).toBe(off.energy_j);
    expect(free.events).toBe(off.events);
    const checked = video(run(await scenario({ reuse: `{ level: frame, ${never} }` })));
    expect(checked.reuse!.reused_frames).toBe(0);
    expect(checked.reuse!.computed_frames).toBe(checked.completed);
    expect(checked.reuse!.check_cpu_ms).toBeGreaterThan(0);
    expect(checked.latency_ms.mean!).toBeGreaterThan(video(off).latency_ms.mean!);
  });

  it("a similarity trace is replayed frame by frame against the threshold", async () => {
    writeFileSync(join(folder, "alternate.csv"), "similarity\n0.95\n0.5\n");
    const reuse =
      "{ level: frame, threshold: 0.9, similarity: { process: trace, file: alternate.csv } }";
    const model = video(run(await scenario({ reuse })));
    // Every other frame is similar enough; the stream is far longer than the first computation.
    expect(Math.abs(model.reuse!.reused_frames - model.completed / 2)).toBeLessThanOrEqual(1);
    const stricter = video(
      run(await scenario({ reuse: reuse.replace("threshold: 0.9", "threshold: 0.96") })),
    );
    expect(stricter.reuse!.reused_frames).toBe(0);
  });

  it("the same seed gives the same run, bit for bit", async () => {
    const loaded = await scenario({ reuse: "{ level: layer }" });
    expect(run(loaded)).toEqual(run(loaded));
  });

  it("another app's arrivals do not move when one app turns reuse on", async () => {
    const arrivalsOfOther = async (reuse?: string) => {
      const lines: string[] = [];
      run(await scenario({ other: true, ...(reuse !== undefined && { reuse }) }), lines);
      return lines
        .map((line) => JSON.parse(line) as { app: string; arrival_ms: number })
        .filter((line) => line.app === "other")
        .map((line) => line.arrival_ms)
        .sort((a, b) => a - b);
    };
    const off = await arrivalsOfOther();
    expect(off.length).toBeGreaterThan(5);
    expect(await arrivalsOfOther("{ level: frame }")).toEqual(off);
  });

  it("a layer-reused frame skips the prefix's ops, named or as a fraction", async () => {
    const loaded = await scenario({ reuse: "{ level: layer, prefix: 0.5 }" });
    const ops = loaded.graphs[0]!.ops;
    const half = Math.round(ops.length * 0.5);
    const byName = await scenario({ reuse: `{ level: layer, prefix: "${ops[half - 1]!.name}" }` });
    const fraction = video(run(loaded));
    expect(fraction.reuse!.layer_reused_frames).toBeGreaterThan(0);
    expect(fraction.reuse!.skipped_ops).toBe(fraction.reuse!.layer_reused_frames * half);
    expect(video(run(byName))).toEqual(fraction);
  });

  it("reused and computed frames add up to the completed ones, whatever the similarity and level", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("frame", "layer"),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom("single-gpu", "single-cpu", "codl"),
        async (level, stay, become, scheduler) => {
          const reuse = `{ level: ${level}, similarity: { process: markov, stay_similar: ${stay}, become_similar: ${become} } }`;
          const model = video(run(await scenario({ reuse, scheduler, seconds: 0.5 })));
          const counts = model.reuse!;
          expect(counts.reused_frames + counts.computed_frames).toBe(model.completed);
          expect(counts.layer_reused_frames).toBeLessThanOrEqual(counts.computed_frames);
          expect(level === "frame" ? counts.layer_reused_frames : counts.reused_frames).toBe(0);
          expect(model.completed + model.dropped + model.in_flight).toBe(model.requests);
        },
      ),
      { numRuns: 6, seed: 21 },
    );
  });
});
