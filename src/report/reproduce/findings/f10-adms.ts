import type { Finding } from "../finding.ts";
import type { EntryRun } from "../finding-runs.ts";
import { geometricMean, ms, slowdown, span, times } from "./numbers.ts";

const VANILLA = ["single-cpu", "single-gpu", "single-npu"] as const;

/** Multi-DNN latency: the mean over apps of each app's mean latency; null when an app completed nothing. */
function multiDnnLatency(entry: EntryRun): number | null {
  const means = entry.run.models.map((model) => model.latency_ms.mean);
  if (means.some((mean) => mean === null)) return null;
  return (means as number[]).reduce((a, b) => a + b, 0) / means.length;
}

export const f10: Finding = {
  id: "F10",
  title: "ADMS against vanilla single-processor frameworks",
  file: "f10-adms.yaml",
  quick: { duration: "2 s", warmup: "0.5 s" },
  claims: [
    {
      figure: "F10.adms",
      direction:
        "ADMS lowers multi-DNN latency against the vanilla frameworks' one processor per model",
      measure: (runs) => {
        const phones = runs
          .distinct((entry) => entry.soc)
          .map((soc) => {
            const adms = multiDnnLatency(runs.one({ label: "adms", soc }));
            // Over the vanilla frameworks that complete every app; if none does, vanilla is
            // slower than ADMS whenever ADMS does (see `slowdown`).
            const vanilla = VANILLA.map((label) =>
              multiDnnLatency(runs.one({ label, soc })),
            ).filter((latency) => latency !== null);
            const ratio =
              vanilla.length === 0
                ? slowdown(null, adms)
                : geometricMean(vanilla.map((latency) => slowdown(latency, adms)));
            return { soc, adms, ratio };
          });
        const ratios = phones.map((phone) => phone.ratio);
        const finite = ratios.filter((ratio) => Number.isFinite(ratio) && ratio > 0);
        return {
          holds: ratios.every((ratio) => ratio > 1),
          ...(finite.length > 0 && { value: geometricMean(finite) }),
          shown: `vanilla / ADMS ${span(ratios, times)} (geometric mean over the vanilla frameworks, per phone)`,
          detail: phones.map(
            (phone) => `${phone.soc}: ADMS ${ms(phone.adms)}, vanilla / ADMS ${times(phone.ratio)}`,
          ),
        };
      },
      ifOpposite:
        "ADMS's subgraph windows and processor-state-aware dispatch are reconstructed from its abstract; a mix whose models all fit one fast NPU leaves little to spread (docs/policies/adms.md)",
    },
  ],
};
