import type { Claim, Finding } from "../finding.ts";
import { ms, percent } from "./numbers.ts";

/** Table 2's frontend rows need per-app graph transforms in scenarios. */
const NO_TRANSFORMS =
  "needs per-app `transforms:` (low-rank, pruning, fusion) in workloads, not in this socsim yet (issue 17 item 7); the graph layer has the transforms but a scenario cannot apply them";

const notYet = (figure: string, direction: string): Claim => ({
  figure,
  direction,
  measure: () => ({ notExpressible: NO_TRANSFORMS }),
  ifOpposite: "",
});

export const f3: Finding = {
  id: "F3",
  title: "Cross-level optimisation on ResNet-18",
  file: "f3-cross-level.yaml",
  quick: { duration: "1.5 s", warmup: "0.5 s" },
  claims: [
    {
      figure: "F3.codl",
      direction: "CoDL lowers ResNet-18's latency below the single-processor baseline",
      measure: (runs) => {
        const baseline = runs.latency({ label: "baseline" })!;
        const codl = runs.latency({ label: "codl" })!;
        const value = (baseline - codl) / baseline;
        return {
          holds: value > 0,
          value,
          shown: `${percent(value)} (${ms(baseline)} → ${ms(codl)})`,
        };
      },
      ifOpposite:
        "socsim's Adreno 640 runs ResNet-18 in fp16 in a few tens of milliseconds at most, where CoDL's pre-sync per chain and the CPU slices' copies are a large share; the study's baseline is an order of magnitude slower (fp32, or another processor), where sharing costs matter less",
    },
    notYet("F3.low-rank", "low-rank decomposition lowers latency"),
    notYet("F3.pruning", "channel pruning lowers latency"),
    notYet("F3.fusion", "operator fusion lowers latency"),
    notYet("F3.codl-pruning", "CoDL with pruning lowers latency more than either alone"),
    notYet("F3.combined", "CoDL, pruning, fusion and memory allocation together lower it most"),
  ],
};
