import { median } from "../../../core/index.ts";
import type { Finding } from "../finding.ts";
import type { FindingRuns } from "../finding-runs.ts";
import { ms, slowdown, span, times } from "./numbers.ts";

const STRATEGIES = [
  "mace-cpu",
  "mace-gpu-buffer",
  "mace-gpu-image",
  "mulayer",
  "codl-buffer",
  "codl-image",
] as const;
const MODEL = "workload.apps[probe].model";

/** The strategy with the lowest mean latency on one phone and model. */
function winner(runs: FindingRuns, soc: string, model: string): string {
  const latencies = STRATEGIES.map(
    (label) => [label, runs.latency({ label, soc, model })] as const,
  );
  return latencies.reduce((best, next) =>
    next[1] !== null && (best[1] === null || next[1] < best[1]) ? next : best,
  )[0];
}

const models = (runs: FindingRuns) => runs.distinct((entry) => String(entry.axes[MODEL]));

export const f1: Finding = {
  id: "F1",
  title: "Six strategies × five models × three phones",
  file: "f1-strategies.yaml",
  paperPlot: "Fig. 2",
  quick: { duration: "1.5 s", warmup: "0.5 s" },
  claims: [
    {
      figure: "F1.codl-image-best-sd855",
      direction: "CoDL with images is the fastest of the six strategies on the Snapdragon 855",
      measure: (runs) => {
        const all = models(runs);
        const winners = all.map((model) => [model, winner(runs, "snapdragon-855", model)]);
        const won = winners.filter(([, best]) => best === "codl-image").length;
        return {
          holds: won === all.length,
          shown: `fastest on ${won} of ${all.length} models`,
          detail: winners.map(([model, best]) => `${model}: fastest ${best}`),
        };
      },
      ifOpposite:
        "socsim's Adreno 640 image path and CoDL's chains are calibrated per op kind; a model whose layers CoDL cannot split well (few convolutions, many small ops) runs faster on one side",
    },
    {
      figure: "F1.codl-vs-gpu-kirin985",
      direction: "on the Kirin 985 CoDL is slower than the GPU alone",
      measure: (runs) => {
        const ratios = models(runs).flatMap((model) =>
          (["buffer", "image"] as const).flatMap((memory) => {
            const codl = runs.latency({ label: `codl-${memory}`, soc: "kirin-985", model });
            const gpu = runs.latency({ label: `mace-gpu-${memory}`, soc: "kirin-985", model });
            return codl === null || gpu === null ? [] : [{ model, memory, ratio: codl / gpu }];
          }),
        );
        const values = ratios.map((entry) => entry.ratio);
        return {
          holds: values.every((ratio) => ratio > 1),
          value: median(values),
          shown: `CoDL / GPU ${span(values, times)} (median ${times(median(values))})`,
          detail: ratios.map((entry) => `${entry.model} ${entry.memory}: ${times(entry.ratio)}`),
        };
      },
      ifOpposite:
        "socsim's Mali-G77 (Kirin 985) runs these models slower than the phone's CPU on MACE, so sharing work with the CPU shortens them; the study's Mali ran them faster than its CPU, which is a calibration question for socs/kirin-985.yaml (docs/policies/codl.md)",
    },
    {
      figure: "F1.mulayer-vs-gpu-fst",
      direction: "μLayer runs Fast Style Transfer slower than the GPU alone",
      measure: (runs) => {
        const socs = runs.distinct((entry) => entry.soc);
        const ratios = socs.map((soc) => {
          const model = "fast-style-transfer";
          const mulayer = runs.latency({ label: "mulayer", soc, model });
          // A strategy that completed nothing in the run is slower than any that did.
          const gpus = ["mace-gpu-buffer", "mace-gpu-image"]
            .map((label) => runs.latency({ label, soc, model }))
            .filter((latency) => latency !== null);
          const gpu = gpus.length === 0 ? null : Math.min(...gpus);
          return { soc, ratio: slowdown(mulayer, gpu), mulayer, gpu };
        });
        const values = ratios.map((entry) => entry.ratio);
        return {
          holds: values.every((ratio) => ratio > 1),
          ...(values.some(Number.isFinite) && { value: median(values.filter(Number.isFinite)) }),
          shown: `μLayer / best GPU ${span(values, times)}`,
          detail: ratios.map(
            (entry) => `${entry.soc}: μLayer ${ms(entry.mulayer)}, GPU ${ms(entry.gpu)}`,
          ),
        };
      },
      ifOpposite:
        "μLayer's per-layer barrier and channel-split copies are priced by the device's transfer model; on these phones socsim's CPU is fast enough on FST's convolutions that the split still gains",
    },
    {
      figure: "F1.no-single-winner",
      direction: "no strategy is the fastest on every phone and model",
      measure: (runs) => {
        const cells = runs
          .distinct((entry) => entry.soc)
          .flatMap((soc) => models(runs).map((model) => winner(runs, soc, model)));
        const distinct = [...new Set(cells)];
        return {
          holds: distinct.length > 1,
          shown: `${distinct.length} different winners over ${cells.length} phone × model cells (${distinct.join(", ")})`,
        };
      },
      ifOpposite:
        "one strategy dominates everywhere in socsim: its calibration makes the same processor balance hold on all three phones",
    },
  ],
};
