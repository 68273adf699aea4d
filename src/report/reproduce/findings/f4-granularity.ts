import type { Finding } from "../finding.ts";
import { competingCount, type FindingRuns } from "../finding-runs.ts";
import { ms, times } from "./numbers.ts";

const COEXECUTION = ["sub-graph", "inter-op", "intra-op"] as const;
const TASK = ["task-cpu", "task-gpu", "task-dsp"] as const;
const ALL = [...COEXECUTION, ...TASK];

/** Mean latency of each granularity with `competing` processes. */
function latencies(runs: FindingRuns, competing: number): Map<string, number | null> {
  const where = (axes: Readonly<Record<string, unknown>>) => competingCount(axes) === competing;
  return new Map(ALL.map((label) => [label, runs.latency({ label, where })]));
}

function fastest(latency: ReadonlyMap<string, number | null>, among: readonly string[]): string {
  return among.reduce((best, label) =>
    (latency.get(label) ?? Number.POSITIVE_INFINITY) <
    (latency.get(best) ?? Number.POSITIVE_INFINITY)
      ? label
      : best,
  );
}

const table = (latency: ReadonlyMap<string, number | null>) =>
  ALL.map((label) => `${label} ${ms(latency.get(label) ?? null)}`).join(", ");

export const f4: Finding = {
  id: "F4",
  title: "Scheduling granularity × competing processes (ResNet-50, Snapdragon 855)",
  file: "f4-granularity.yaml",
  paperPlot: "Fig. 4",
  quick: { duration: "1.5 s", warmup: "0.5 s" },
  claims: [
    {
      figure: "F4.subgraph-best-idle",
      direction: "with no competing process, sub-graph parallelism is the fastest",
      measure: (runs) => {
        const latency = latencies(runs, 0);
        const best = fastest(latency, ALL);
        return {
          holds: best === "sub-graph",
          value: latency.get("sub-graph") ?? undefined,
          shown: `sub-graph ${ms(latency.get("sub-graph") ?? null)}; fastest: ${best}`,
          detail: [`0 competing: ${table(latency)}`],
        };
      },
      ifOpposite:
        "the stretched models' branch widths were searched for the artifact's phone, not socsim's Snapdragon 855, whose Hexagon 690 runs the whole int8 ResNet-50 faster than the branches' slowest CPU part (docs/policies/nn-stretch.md, expected failure CD < D)",
    },
    {
      figure: "F4.intra-op-best-loaded",
      direction: "with two competing processes, intra-operator parallelism (CoDL) is the fastest",
      measure: (runs) => {
        const latency = latencies(runs, 2);
        const best = fastest(latency, ALL);
        return {
          holds: best === "intra-op",
          shown: `intra-op ${ms(latency.get("intra-op") ?? null)}; fastest: ${best}`,
          detail: [1, 2].map((count) => `${count} competing: ${table(latencies(runs, count))}`),
        };
      },
      ifOpposite:
        "competing processes load the big CPU cores, which slows CoDL's CPU slices as much as anyone's; the accelerators (the DSP above all) keep their speed, so a schedule that stays off the CPU wins in socsim",
    },
    {
      figure: "F4.codl-vs-stretch-idle",
      direction: "at low load CoDL is slower than NN-Stretch",
      measure: (runs) => {
        const latency = latencies(runs, 0);
        const value = latency.get("intra-op")! / latency.get("sub-graph")!;
        return { holds: value > 1, value, shown: `CoDL / NN-Stretch ${times(value)}` };
      },
      ifOpposite:
        "CoDL runs fp16 on MACE's GPU and CPU while NN-Stretch runs int8 with a DSP branch; socsim prices int8 on the Hexagon far below fp16 on the Adreno",
    },
    {
      figure: "F4.single-beats-coexecution",
      direction: "under heavy CPU load a single processor beats co-execution",
      measure: (runs) => {
        const latency = latencies(runs, 2);
        const task = fastest(latency, TASK);
        const coexecution = fastest(latency, COEXECUTION);
        return {
          holds: latency.get(task)! < latency.get(coexecution)!,
          shown: `best single ${task} ${ms(latency.get(task)!)} vs best co-execution ${coexecution} ${ms(latency.get(coexecution)!)}`,
        };
      },
      ifOpposite:
        "every co-execution plan keeps part of the model on the accelerators, which competing CPU processes do not slow in socsim, while the single processors that win are those very accelerators",
    },
  ],
};
