import type { Finding } from "../finding.ts";
import type { FindingRuns } from "../finding-runs.ts";
import { percent } from "./numbers.ts";

const STRATEGIES = [
  "mace-cpu",
  "mace-gpu-buffer",
  "mace-gpu-image",
  "mulayer",
  "codl-buffer",
  "codl-image",
] as const;
/** Each CPU+GPU strategy against the GPU alone with the same memory object (μLayer uses buffers). */
const PAIRS = [
  ["mulayer", "mace-gpu-buffer"],
  ["codl-buffer", "mace-gpu-buffer"],
  ["codl-image", "mace-gpu-image"],
] as const;

const dropRate = (runs: FindingRuns, label: string) => runs.one({ label }).run.ui?.drop_rate ?? 0;

export const f7: Finding = {
  id: "F7",
  title: "UI responsiveness while VGG-16 runs (Snapdragon 855)",
  file: "f7-ui.yaml",
  paperPlot: "Fig. 5",
  quick: { duration: "3 s", warmup: "1 s" },
  claims: [
    {
      figure: "F7.gpu-buffer-drops",
      direction: "MACE on the GPU with buffers drops the most UI frames of the six strategies",
      measure: (runs) => {
        const rates = STRATEGIES.map((label) => [label, dropRate(runs, label)] as const);
        const worst = rates.reduce((a, b) => (b[1] > a[1] ? b : a));
        const value = dropRate(runs, "mace-gpu-buffer");
        return {
          holds: worst[0] === "mace-gpu-buffer",
          value,
          shown: `${percent(value)} dropped; most: ${worst[0]}`,
          detail: rates.map(([label, rate]) => `${label}: ${percent(rate)} of UI frames dropped`),
        };
      },
      ifOpposite:
        "with VGG-16 back to back on the GPU, a UI frame's GPU stage waits behind the rest of an inference its framework enqueued whole, so both MACE GPU strategies drop nearly every frame: which of the two drops most is decided within a point",
    },
    {
      figure: "F7.parallel-drops-fewer",
      direction: "CPU+GPU strategies drop fewer UI frames than the GPU alone",
      measure: (runs) => {
        const compared = PAIRS.map(([parallel, gpu]) => ({
          parallel,
          gpu,
          lower: dropRate(runs, parallel) < dropRate(runs, gpu),
        }));
        const lower = compared.filter((pair) => pair.lower).length;
        return {
          holds: lower === PAIRS.length,
          shown: `lower in ${lower} of ${PAIRS.length} pairs`,
          detail: compared.map(
            (pair) =>
              `${pair.parallel} ${percent(dropRate(runs, pair.parallel))} vs ${pair.gpu} ${percent(dropRate(runs, pair.gpu))}`,
          ),
        };
      },
      ifOpposite:
        "a CPU+GPU strategy that keeps the GPU as busy (shorter inferences, run back to back) leaves the UI as few gaps as the GPU alone",
    },
  ],
};
