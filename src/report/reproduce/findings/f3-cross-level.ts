import type { Claim, Finding } from "../finding.ts";
import { appOf, type FindingRuns } from "../finding-runs.ts";
import { ms, percent } from "./numbers.ts";

/** A Table 2 row whose transforms the finding's sweep does not run. */
const NOT_RUN =
  "scenarios/paper/f3-cross-level.yaml runs no setting with these transforms (per-app `transforms:`, docs/runtime.md)";
const TRANSFORMS = "workload.apps[probe].transforms";

/** What one Table 2 row runs: a strategy (the single-processor baseline or CoDL) on the model after some transforms. */
interface Setup {
  readonly label: "baseline" | "codl";
  /** The transforms' kinds in order, e.g. ["pruning", "fusion"]. */
  readonly transforms: readonly string[];
}

const kindsOf = (value: unknown) =>
  (Array.isArray(value) ? value : []).map((entry) =>
    typeof entry === "string" ? entry : Object.keys(entry as object)[0]!,
  );

/** The probe's result under `setup`, or undefined when the finding's file does not run it. */
function resultOf(runs: FindingRuns, setup: Setup) {
  const wanted = setup.transforms.join("+");
  const entry = runs
    .select({ label: setup.label })
    .find((candidate) => kindsOf(candidate.axes[TRANSFORMS]).join("+") === wanted);
  return entry === undefined ? undefined : appOf(entry.run, "probe");
}

const BASELINE: Setup = { label: "baseline", transforms: [] };

/** A Table 2 row: the latency reduction of `setup` against the untransformed baseline. */
const reduction = (figure: string, direction: string, setup: Setup, ifOpposite: string): Claim => ({
  figure,
  direction,
  measure: (runs) => {
    const baseline = resultOf(runs, BASELINE)!;
    const result = resultOf(runs, setup);
    if (result === undefined) return { notExpressible: NOT_RUN };
    const before = baseline.latency_ms.mean!;
    const after = result.latency_ms.mean!;
    const value = (before - after) / before;
    const memory =
      baseline.memory_bytes === undefined || result.memory_bytes === undefined
        ? []
        : [
            `resident memory ${(baseline.memory_bytes / 1e6).toFixed(1)} → ${(result.memory_bytes / 1e6).toFixed(1)} MB`,
          ];
    return {
      holds: value > 0,
      value,
      shown: `${percent(value)} (${ms(before)} → ${ms(after)})`,
      detail: [`${result.model}: ${((result.macs ?? 0) / 1e9).toFixed(2)} GMACs`, ...memory],
    };
  },
  ifOpposite,
});

export const f3: Finding = {
  id: "F3",
  title: "Cross-level optimisation on ResNet-18 (Snapdragon 855)",
  file: "f3-cross-level.yaml",
  quick: { duration: "1.5 s", warmup: "0.5 s" },
  claims: [
    reduction(
      "F3.codl",
      "CoDL lowers ResNet-18's latency below the single-processor baseline",
      { label: "codl", transforms: [] },
      "socsim's Adreno 640 runs ResNet-18 in fp16 in a few tens of milliseconds at most, where CoDL's pre-sync per chain and the CPU slices' copies are a large share; the study's baseline is an order of magnitude slower (fp32, or another processor), where sharing costs matter less",
    ),
    reduction(
      "F3.low-rank",
      "low-rank decomposition lowers latency",
      { label: "baseline", transforms: ["low_rank"] },
      "the thin convolutions are priced by their own shapes (no Winograd for the k×k rank conv's narrow output, whole tiles, one more dispatch and tensor), which can cost more than the MACs saved",
    ),
    reduction(
      "F3.pruning",
      "channel pruning lowers latency",
      { label: "baseline", transforms: ["pruning"] },
      "pruning keeps the convs that feed residual adds whole; on a GPU whose kernels run in whole work-groups, thinner convs save less than their MACs",
    ),
    reduction(
      "F3.fusion",
      "operator fusion lowers latency",
      { label: "baseline", transforms: ["fusion"] },
      "MACE's profile already fuses conv + batch norm + activation inside its kernels (`fuse:` in the SoC file), so frontend fusion saves only what it leaves, close to nothing",
    ),
    reduction(
      "F3.codl-pruning",
      "CoDL on the pruned model lowers latency below the baseline",
      { label: "codl", transforms: ["pruning"] },
      "as for CoDL alone: its sharing costs outweigh what the CPU slices gain on so fast a GPU",
    ),
    reduction(
      "F3.combined",
      "CoDL on the pruned and fused model lowers latency below the baseline (memory allocation is not modelled)",
      { label: "codl", transforms: ["pruning", "fusion"] },
      "as for CoDL alone; and memory allocation (releasing buffers early) is not modelled: results count every op's output without buffer reuse",
    ),
  ],
};
