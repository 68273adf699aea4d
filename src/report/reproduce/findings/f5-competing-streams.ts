import type { Claim, Finding } from "../finding.ts";
import type { FindingRuns } from "../finding-runs.ts";
import { ms, times } from "./numbers.ts";

const PROCESSORS = ["cpu", "gpu", "dsp"] as const;
type Processor = (typeof PROCESSORS)[number];

const streams = (axes: Readonly<Record<string, unknown>>) =>
  Array.isArray(axes["workload.apps"]) ? axes["workload.apps"].length - 1 : 0;

/** Latency of the probe beside three competing streams over its latency alone. */
function slowdown(runs: FindingRuns, processor: Processor) {
  const alone = runs.latency({ label: processor, where: (axes) => streams(axes) === 0 })!;
  const loaded = runs.latency({ label: processor, where: (axes) => streams(axes) === 3 })!;
  return { alone, loaded, value: loaded / alone };
}

const perProcessor = (processor: Processor, ifOpposite: string): Claim => ({
  figure: `F5.${processor}`,
  direction: `three competing streams slow the ${processor.toUpperCase()}'s inference`,
  measure: (runs) => {
    const { alone, loaded, value } = slowdown(runs, processor);
    return { holds: value > 1, value, shown: `${times(value)} (${ms(alone)} → ${ms(loaded)})` };
  },
  ifOpposite,
});

export const f5: Finding = {
  id: "F5",
  title: "Sensitivity to competing streams per processor",
  file: "f5-competing-streams.yaml",
  quick: { duration: "1.5 s", warmup: "0.5 s" },
  claims: [
    {
      figure: "F5.order",
      direction: "the CPU slows most under competition, then the GPU, then the DSP",
      measure: (runs) => {
        const [cpu, gpu, dsp] = PROCESSORS.map((processor) => slowdown(runs, processor).value);
        return {
          holds: cpu! > gpu! && gpu! > dsp!,
          shown: `CPU ${times(cpu!)}, GPU ${times(gpu!)}, DSP ${times(dsp!)}`,
        };
      },
      ifOpposite:
        "socsim serves each accelerator's queue first in, first out, so four closed-loop streams make every processor about four times slower; the CPU's extra penalty on the phone (thread-pool barriers with descheduled threads, cache and DRAM interference) is not modelled yet (issue 17 item 5)",
    },
    perProcessor(
      "cpu",
      "the CPU's threads share the cores fairly; nothing makes them slower than serial",
    ),
    perProcessor("gpu", "the GPU queue serves streams in turn"),
    perProcessor("dsp", "the DSP queue serves streams in turn"),
  ],
};
