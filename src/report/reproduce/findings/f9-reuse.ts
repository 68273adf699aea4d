import type { Claim, Finding } from "../finding.ts";
import { appOf, type FindingRuns } from "../finding-runs.ts";
import { ms, percent } from "./numbers.ts";

const LEVEL = "workload.apps[video].reuse.level";
/** The study measured reuse in parallel inference: CoDL's CPU+GPU row is the one compared. */
const COMPARED = "codl";

function latencyAt(runs: FindingRuns, label: string, level: string) {
  return runs.latency({ label, where: (axes) => axes[LEVEL] === level }, "video");
}

/** What reuse did in the run at `level`: frames reused whole or by prefix, of those completed, and ops skipped. */
function reuseCounts(runs: FindingRuns, label: string, level: string): string {
  const selection = {
    label,
    where: (axes: Readonly<Record<string, unknown>>) => axes[LEVEL] === level,
  };
  const reuse = appOf(runs.one(selection).run, "video")?.reuse;
  if (reuse === undefined) return "";
  const reused = level === "frame" ? reuse.reused_frames : reuse.layer_reused_frames;
  const completed = reuse.reused_frames + reuse.computed_frames;
  return `; ${reused} of ${completed} frames reused, ${reuse.skipped_ops} ops skipped, checks ${ms(reuse.check_cpu_ms)} of CPU`;
}

const reuseClaim = (level: "frame" | "layer", direction: string, ifOpposite: string): Claim => ({
  figure: `F9.${level}-level`,
  direction,
  measure: (runs) => {
    const labels = runs.distinct((entry) => entry.run.label);
    const reductions = labels.map((label) => {
      const off = latencyAt(runs, label, "off")!;
      const on = latencyAt(runs, label, level)!;
      return { label, off, on, value: (off - on) / off };
    });
    const compared = reductions.find((entry) => entry.label === COMPARED) ?? reductions[0]!;
    return {
      holds: compared.value > 0,
      value: compared.value,
      shown: `${percent(compared.value)} under ${compared.label} (${ms(compared.off)} → ${ms(compared.on)})`,
      detail: reductions.map(
        (entry) =>
          `${entry.label}: ${ms(entry.off)} → ${ms(entry.on)} (${percent(entry.value)})${reuseCounts(runs, entry.label, level)}`,
      ),
    };
  },
  ifOpposite,
});

export const f9: Finding = {
  id: "F9",
  title: "Data reuse on video streams (ResNet-18, Snapdragon 855)",
  file: "f9-reuse.yaml",
  missingFile:
    "needs per-app data reuse (frame- and layer-level, issue 21 item 1), not in this socsim yet",
  quick: { duration: "3 s" },
  claims: [
    reuseClaim(
      "frame",
      "frame-level reuse (a similar frame takes the last result) lowers the latency per frame",
      "a reused frame still pays the similarity check on the CPU; with the assumed check cost above the inference's, reuse cannot gain",
    ),
    reuseClaim(
      "layer",
      "layer-level reuse (a similar frame skips the first layers) lowers the latency per frame",
      "a frame that reuses the prefix still runs the later layers and pays the check; a short prefix saves less than the check costs",
    ),
  ],
};
