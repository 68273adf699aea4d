import type { Finding } from "../finding.ts";
import { appOf, competingCount, type FindingRuns } from "../finding-runs.ts";
import { ms, times, unbounded } from "./numbers.ts";

/**
 * CoDL's scheduling time per inference: its planning (its latency
 * predictor, run once per model) plus its share of the run's decision CPU
 * time, against what its CPU+GPU co-execution saves over the GPU alone.
 */
function overhead(runs: FindingRuns, competing: number) {
  const where = (axes: Readonly<Record<string, unknown>>) => competingCount(axes) === competing;
  const gpu = runs.latency({ label: "gpu", where });
  const codlRun = runs.one({ label: "cpu-gpu", where }).run;
  const codl = appOf(codlRun, "probe")!;
  const scheduling = codlRun.scheduling!;
  const schedulingMs =
    scheduling.planning_ms + scheduling.decision_cpu_ms / Math.max(1, codl.completed);
  const saved = unbounded(gpu) - unbounded(codl.latency_ms.mean);
  return { gpu, codl: codl.latency_ms.mean, schedulingMs, saved };
}

export const f6: Finding = {
  id: "F6",
  title: "Scheduling time against the latency co-execution saves",
  file: "f6-scheduling-overhead.yaml",
  quick: { duration: "1.5 s", warmup: "0.5 s" },
  claims: [
    {
      figure: "F6.overhead",
      direction:
        "CoDL's scheduling time exceeds the latency its CPU+GPU parallelism saves over the GPU alone",
      measure: (runs) => {
        const cases = [0, 2].map((competing) => ({ competing, ...overhead(runs, competing) }));
        const idle = cases[0]!;
        const value = idle.saved > 0 ? idle.schedulingMs / idle.saved : undefined;
        return {
          holds: idle.saved <= 0 || idle.schedulingMs > idle.saved,
          ...(value !== undefined && { value }),
          shown:
            value === undefined
              ? `no saving: CoDL ${ms(idle.codl)} vs GPU ${ms(idle.gpu)}; scheduling ${ms(idle.schedulingMs)}`
              : `${times(value)} (scheduling ${ms(idle.schedulingMs)}, saved ${ms(idle.saved)})`,
          detail: cases.map(
            (entry) =>
              `${entry.competing} competing: GPU ${ms(entry.gpu)}, CoDL ${ms(entry.codl)}, scheduling ${ms(entry.schedulingMs)} (its plan, once per model, and its decisions' share per inference)`,
          ),
        };
      },
      ifOpposite:
        "CoDL's planning is charged at its paper's per-query predictor cost and happens once per model; a saving larger than it means socsim's co-execution gains more than the phone's did",
    },
  ],
};
