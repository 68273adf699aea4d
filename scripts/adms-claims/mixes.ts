/**
 * The comparison workloads of ADMS's claims (issue 16 item 5), fixed before
 * the comparison was first run: five mixes of three or four concurrent
 * models with SLOs, Poisson arrivals (so that seeds matter), on the two
 * phones ADMS was evaluated on, under TFLite. Rates and SLOs are assumed:
 * the paper's mixes are not public.
 */
export interface MixApp {
  readonly model: string;
  /** Mean requests per second of the open-loop runs. */
  readonly rate: number;
  readonly sloMs: number;
}

export interface Mix {
  readonly name: string;
  readonly apps: readonly MixApp[];
}

export const MIXES: readonly Mix[] = [
  {
    name: "classifiers",
    apps: [
      { model: "mobilenet-v2", rate: 15, sloMs: 66 },
      { model: "resnet50", rate: 5, sloMs: 200 },
      { model: "efficientnet-lite0", rate: 10, sloMs: 100 },
    ],
  },
  {
    name: "camera",
    apps: [
      { model: "retinaface-mobilenet0.25", rate: 10, sloMs: 100 },
      { model: "mobilenet-v1", rate: 10, sloMs: 100 },
      { model: "inception-v3", rate: 2, sloMs: 500 },
    ],
  },
  {
    name: "language-vision",
    apps: [
      { model: "mobilebert", rate: 2, sloMs: 500 },
      { model: "mobilenet-v2", rate: 10, sloMs: 100 },
      { model: "resnet18", rate: 5, sloMs: 200 },
    ],
  },
  {
    name: "detector-heavy",
    apps: [
      { model: "yolov2", rate: 1, sloMs: 1000 },
      { model: "resnet50", rate: 2, sloMs: 500 },
      { model: "mobilenet-v2", rate: 10, sloMs: 100 },
    ],
  },
  {
    name: "four-apps",
    apps: [
      { model: "mobilenet-v1", rate: 10, sloMs: 100 },
      { model: "efficientnet-lite0", rate: 10, sloMs: 100 },
      { model: "resnet34", rate: 3, sloMs: 300 },
      { model: "regnetx-1.6gf", rate: 3, sloMs: 300 },
    ],
  },
];

/** Redmi K50 Pro and Huawei P20, the paper's phones. */
export const PHONES = ["dimensity-9000", "kirin-970"] as const;
export const SEEDS = [1, 2, 3] as const;
/** The TFLite-style single-processor policies ADMS is compared with (a phone without the processor refuses). */
export const SINGLE_PROCESSOR = ["single-cpu", "single-gpu", "single-npu"] as const;
/** Every app computes in fp16, the TFLite GPU delegate's precision, for every policy alike. */
export const DTYPE = "fp16";
export const DURATION_S = 10;
export const WARMUP_S = 1;

/** The workload YAML of a mix: open loop (Poisson at the mix's rates) or closed loop (one request outstanding per app). */
export function workloadYaml(mix: Mix, loop: "open" | "closed"): string {
  const apps = mix.apps
    .map((app, index) => {
      const arrival =
        loop === "open"
          ? `{ process: poisson, rate: ${app.rate} }`
          : "{ process: closed, outstanding: 1 }";
      return `  - name: ${app.model}-${index}\n    model: ${app.model}\n    dtype: ${DTYPE}\n    arrival: ${arrival}\n    slo: ${app.sloMs} ms\n`;
    })
    .join("");
  return `kind: workload\nname: adms-${mix.name}-${loop}\napps:\n${apps}`;
}
