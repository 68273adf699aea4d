import type { Finding } from "../finding.ts";

export const f9: Finding = {
  id: "F9",
  title: "Data reuse on video streams",
  file: "f9-reuse.yaml",
  missingFile:
    "needs per-app data reuse (frame- and layer-level, issue 21 item 1), not in this socsim yet",
  quick: {},
  claims: [
    {
      figure: "F9.frame-level",
      direction: "reusing results of similar frames lowers the latency per frame",
      measure: () => ({ notExpressible: "the reuse results are not read yet" }),
      ifOpposite: "",
    },
    {
      figure: "F9.layer-level",
      direction: "reusing more (frames and layers) lowers it further",
      measure: () => ({ notExpressible: "the reuse results are not read yet" }),
      ifOpposite: "",
    },
  ],
};
