import type { Finding } from "../finding.ts";
import type { FindingRuns } from "../finding-runs.ts";
import { percent } from "./numbers.ts";

/** The app of f2-four-models-*.yaml that runs ResNet-50. */
const RESNET50_APP = "r50";
const SINGLE = ["tflite-gpu", "tflite-dsp"] as const;
const STRETCH = ["nn-stretch-cpu-gpu", "nn-stretch-cpu-dsp", "nn-stretch-cpu-gpu-dsp"] as const;

interface Support {
  readonly scheme: string;
  readonly app: string;
  readonly model: string;
  readonly ops: number;
  readonly fallback: number;
}

/** Per scheme and model: the executed graph's ops and how many fell back to the CPU. */
function supportOf(runs: FindingRuns): Support[] {
  return runs.entries.flatMap((entry) =>
    entry.run.models.map((model) => ({
      scheme: entry.run.label,
      app: model.app,
      model: model.model,
      ops: model.ops ?? 0,
      fallback: model.fallback_ops,
    })),
  );
}

const share = (support: readonly Support[]) =>
  support.reduce((sum, cell) => sum + cell.fallback, 0) /
  support.reduce((sum, cell) => sum + cell.ops, 0);

export const f2: Finding = {
  id: "F2",
  title: "Operator support and fallbacks",
  file: "f2-operator-support.yaml",
  paperPlot: "Fig. 3",
  quick: {},
  claims: [
    {
      figure: "F2.unsupported-everywhere",
      direction: "every scheme leaves some operators of every model unsupported",
      measure: (runs) => {
        const cells = supportOf(runs);
        const withFallback = cells.filter((cell) => cell.fallback > 0).length;
        return {
          holds: withFallback === cells.length,
          shown: `${withFallback} of ${cells.length} scheme × model cells fall back`,
          detail: cells.map(
            (cell) => `${cell.scheme} ${cell.model}: ${cell.fallback} of ${cell.ops} ops fall back`,
          ),
        };
      },
      ifOpposite:
        "socsim's TFLite GPU and Hexagon delegates (operator-support tables in socs/snapdragon-855.yaml) take every op of these ResNet and RegNetX graphs; the study's phones ran builds whose delegates refused some (its Fig. 3 does not list which), and socsim has no per-version delegate tables",
    },
    {
      figure: "F2.stretch-cg-resnet50",
      direction: "NN-Stretch CPU+GPU leaves a large share of ResNet-50's operators unsupported",
      measure: (runs) => {
        const cell = supportOf(runs).find(
          (entry) => entry.scheme === "nn-stretch-cpu-gpu" && entry.app === RESNET50_APP,
        )!;
        const value = cell.fallback / cell.ops;
        return {
          holds: value > 0,
          value,
          shown: `${percent(value)} (${cell.fallback} of ${cell.ops} ops)`,
        };
      },
      ifOpposite:
        "the stretched ResNet-50's GPU branches hold only convolutions, batch norms, ReLUs and adds, all in socsim's TFLite GPU support table; the stem, merges and head are placed on the CPU by design and are not fallbacks",
    },
    {
      figure: "F2.partition-lowers-support",
      direction:
        "cross-processor partitioning adds operators and lowers the share of supported ones",
      measure: (runs) => {
        const cells = supportOf(runs);
        const single = cells.filter((cell) => (SINGLE as readonly string[]).includes(cell.scheme));
        const stretched = cells.filter((cell) =>
          (STRETCH as readonly string[]).includes(cell.scheme),
        );
        const gpu = cells.filter((cell) => cell.scheme === "tflite-gpu");
        const added = gpu.map((base) => {
          const cg = stretched.find(
            (cell) => cell.scheme === "nn-stretch-cpu-gpu" && cell.app === base.app,
          )!;
          return `${base.model}: ${base.ops} ops → ${cg.ops} under NN-Stretch CPU+GPU`;
        });
        return {
          holds: share(stretched) > share(single),
          shown: `unsupported ${percent(share(stretched))} (NN-Stretch) vs ${percent(share(single))} (TFLite on one processor)`,
          detail: added,
        };
      },
      ifOpposite:
        "the operators NN-Stretch adds (channel concatenations at each stage's end) run on the CPU by construction and every branch op is supported, so no share moves; see the first F2 row",
    },
  ],
};
