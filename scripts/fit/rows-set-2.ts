import { readFileSync } from "node:fs";
import type { DType } from "../../src/graph/index.ts";
import type { CalibrationRow } from "./rows.ts";

/**
 * The second calibration set read into rows: each measured latency either
 * becomes a fitted row or is set aside with the reason, so
 * docs/calibration.md can list every one. The CSV is kept in the repository
 * (a verbatim copy of the research folder's calibration-set-2/rows.csv), so
 * the fit reruns from a clone alone, as CI does.
 */
const CSV = new URL("./data/calibration-set-2.csv", import.meta.url);

/** The OnePlus 7T's Snapdragon 855+ operating points (as in rows.ts). */
const SD855_PLUS = { "cpu-prime": 2.9568e9, gpu: 675e6 };

const SOCS: Readonly<Record<string, string>> = {
  SD855: "snapdragon-855",
  SD865: "snapdragon-865",
  SD888: "snapdragon-888",
  "Kirin 990": "kirin-990",
  "Kirin 970": "kirin-970",
  "Kirin 960": "kirin-960",
};

/**
 * Source model names of architectures the zoo builds as calibration-only
 * models; `name @ input` where one name was measured at several input sizes.
 */
const MODELS: Readonly<Record<string, string>> = {
  squeezenet: "squeezenet-1.1",
  squeezenet_int8: "squeezenet-1.1",
  "SqueezeNet-1_1": "squeezenet-1.1",
  SqueezeNetV1: "squeezenet-1.0",
  "SqueezeNet 1.0": "squeezenet-1.0",
  "SqueezeNetV1.0": "squeezenet-1.0",
  "squeezenet_v1.0": "squeezenet-1.0",
  mobilenet_v3: "mobilenet-v3-large",
  MobileNetV3_large_x1_0: "mobilenet-v3-large",
  MobileNetV3_large_x1_0_quant: "mobilenet-v3-large",
  "MobileNet V3 Large (first layer(s) kept fp32)": "mobilenet-v3-large",
  "MobileNet-v3-Large": "mobilenet-v3-large",
  "MobileNet-v3-Large-Quantized": "mobilenet-v3-large",
  GoogLeNetQuantized: "googlenet",
  "SqueezeNet-1_1Quantized": "squeezenet-1.1",
  MobileNetV3_large_x1_0_ssld: "mobilenet-v3-large",
  MobileNetV3_large_x0_35: "mobilenet-v3-large-0.35",
  MobileNetV3_large_x0_5: "mobilenet-v3-large-0.5",
  MobileNetV3_large_x0_75: "mobilenet-v3-large-0.75",
  MobileNetV3_large_x1_25: "mobilenet-v3-large-1.25",
  MobileNetV3_small_x1_0: "mobilenet-v3-small",
  MobileNetV3_small_x1_0_ssld: "mobilenet-v3-small",
  MobileNetV3_small_x1_0_quant: "mobilenet-v3-small",
  MobileNetV3_small_x0_35: "mobilenet-v3-small-0.35",
  MobileNetV3_small_x0_5: "mobilenet-v3-small-0.5",
  MobileNetV3_small_x0_75: "mobilenet-v3-small-0.75",
  MobileNetV3_small_x1_25: "mobilenet-v3-small-1.25",
  ShuffleNetV2_x0_25: "shufflenet-v2-0.25",
  ShuffleNetV2_x0_33: "shufflenet-v2-0.33",
  ShuffleNetV2_x1_5: "shufflenet-v2-1.5",
  ShuffleNetV2_x2_0: "shufflenet-v2-2.0",
  ...Object.fromEntries(
    ["0_25", "0_35", "0_5", "0_75", "1_0", "1_5", "2_0", "2_5"].map((width) => [
      `PPLCNet_x${width}`,
      `pp-lcnet-${Number(width.replace("_", "."))}`,
    ]),
  ),
  mnasnet: "mnasnet",
  MnasNet: "mnasnet",
  "MNASNet 1.0": "mnasnet",
  shufflenet_v2: "shufflenet-v2",
  "ShuffleNet V2 x1.0": "shufflenet-v2",
  ShuffleNetV2: "shufflenet-v2",
  "Shufflenet-v2": "shufflenet-v2",
  ShuffleNetV2_x0_5: "shufflenet-v2-0.5",
  googlenet: "googlenet",
  googlenet_int8: "googlenet",
  GoogLeNet: "googlenet",
  alexnet: "alexnet",
  efficientnet_b0: "efficientnet-b0",
  "EfficientNet-B0 (first layer(s) kept fp32)": "efficientnet-b0",
  regnety_400m: "regnety-400mf",
  "Inception-v4": "inception-v4",
  shufflenet: "shufflenet-v1",
  proxylessnasnet: "proxylessnas",
  squeezenet_ssd: "squeezenet-ssd",
  squeezenet_ssd_int8: "squeezenet-ssd",
  mobilenet_ssd: "mobilenet-ssd",
  mobilenet_ssd_int8: "mobilenet-ssd",
  mobilenet_yolo: "mobilenet-yolo",
  blazeface: "blazeface",
  "yolov4-tiny": "yolov4-tiny",
  "YOLOv4-Tiny": "yolov4-tiny",
  "YOLOv3-Tiny": "yolov3-tiny",
  YOLOv5n: "yolov5n",
  YOLOv5s: "yolov5s",
  "YOLOX-Nano": "yolox-nano",
  "YOLOX-Tiny": "yolox-tiny",
  "PicoDet-S-Pedestrian @ 192x192": "picodet-s-pedestrian-192",
  "PP-TinyPose (keypoint, Lite-HRNet-based) @ 128x96": "pp-tinypose-128x96",
  "PP-TinyPose (keypoint) @ 256x192": "pp-tinypose-256x192",
  "PicoDet-S-Pedestrian @ 320x320": "picodet-s-pedestrian-320",
  ShuffleNetV2_swish: "shufflenet-v2-swish",
  "EfficientNet-B1": "efficientnet-b1",
  efficientnetv2_b0: "efficientnet-v2-b0",
  vision_transformer: "vit-b32-384",
  "yolo-fastest-1.1": "yolo-fastest-1.1",
  "yolo-fastestv2": "yolo-fastest-v2",
  FastestDet: "fastestdet",
  ...Object.fromEntries(
    (
      [
        ["XS", 320],
        ["XS", 416],
        ["S", 320],
        ["S", 416],
        ["M", 320],
        ["M", 416],
        ["L", 320],
        ["L", 416],
        ["L", 640],
      ] as const
    ).map(([size, input]) => [
      `PicoDet-${size} (LCNet backbone, CSP-PAN neck w/ upsampling) @ ${input}x${input}`,
      `picodet-${size.toLowerCase()}-${input}`,
    ]),
  ),
  nanodet_m: "nanodet-m",
  "NanoDet-M @ 320x320": "nanodet-m",
  "NanoDet-M @ 416x416": "nanodet-m-416",
  "NanoDet-M 1.5x": "nanodet-m-1.5x-416",
  "SqueezeNetV1.0.mnn": "squeezenet-1.0",
  GhostNet_x0_5: "ghostnet-0.5",
  GhostNet_x1_0: "ghostnet-1",
  GhostNet_x1_3: "ghostnet-1.3",
  GhostNet_x1_3_ssld: "ghostnet-1.3",
};

/** Architecture families of the zoo's workload models: never fitted to (calibration-set-2 README). */
const WORKLOAD_FAMILY =
  /^(mobilenet ?v?[12]|mobilenetv[12]_x|mobilenet v[12] |resnet|fingerprint_resnet18|vgg|yolov2|posenet|retinaface|regnetx|efficientnet-lite0|inception-v3|mobilebert)/i;

/** Leave-one-family-out groups: every width and dtype of one architecture together. */
export function familyOf(model: string): string {
  if (model === "squeezenet-ssd") return model;
  if (model.startsWith("squeezenet")) return "squeezenet";
  if (model.startsWith("ghostnet")) return "ghostnet";
  if (model.startsWith("shufflenet-v2")) return "shufflenet-v2";
  if (model.startsWith("mobilenet-v3")) return "mobilenet-v3";
  if (model.startsWith("pp-lcnet")) return "pp-lcnet";
  if (model.startsWith("nanodet")) return "nanodet";
  if (model.startsWith("picodet")) return "picodet";
  if (model.startsWith("yolov5")) return "yolov5";
  if (model.startsWith("yolox")) return "yolox";
  if (model.startsWith("pp-tinypose")) return "pp-tinypose";
  return model;
}

/**
 * Why a set-aside row does not count among the usable ones: `excluded` rows
 * can never be fitted (workload models, copy errors, version-spread and
 * upper-bound rows, unknown or non-model conditions); `unmodelled` rows need
 * a framework build or SoC socsim does not describe; `usable` rows wait for a
 * zoo model or a framework profile.
 */
export type Usability = "excluded" | "unmodelled" | "usable";

export interface SetAside {
  readonly id: string;
  readonly source: string;
  readonly why: string;
  readonly usability: Usability;
}

const SUSPECT = "SUSPECT in the source (likely a copy error)";
const WORKLOAD = "a workload model's architecture: never fitted to";
const HISTORICAL = "historical framework build: kept to measure version spread (noise floor)";
/**
 * Paddle-Lite's 2020 Kirin NPU table ran HiAI DDK 310; its 2021 table ran DDK
 * 330 on the same Mate 30, and the two builds' MnasNet differ 1.73× (5.17
 * against 2.99 ms) while their CPU MnasNet rows agree within 1 %: the
 * older NPU build is version spread, as the ncnn README's history is.
 */
const SUPERSEDED_NPU_BUILD = /HiAI DDK 310/;
const UPPER_BOUND =
  "QCS8250 upper bound: not fitted; the zoo models' Hexagon rows are scored one-sided below";
const SPARSE = "sparse or low-rank weights: socsim prices dense kernels only";
const PIPELINE =
  "a pipeline of two models, the second run once per detected person: not one model's latency";
const NO_MODEL = "no zoo model of this architecture yet";
const NO_FRAMEWORK = "framework without a socsim profile (Bolt, TNN, NNAPI)";
const ARMV7 = "ARMv7 build: socsim prices the frameworks' ARMv8 kernels";
const PARTITIONED = "CPU+NPU partitioned or NNAPI run: no such target";
const OTHER_SOC = "SoC not in socs/ (the Kirin 990 5G has another NPU and clocks)";
const NO_THREADS = "unknown conditions: thread count not stated";
const NO_INPUT = "unknown conditions: input size not stated (a model package's default)";
/**
 * ncnn's CPU InnerProduct over ViT's 145 tokens runs near 25 G MAC/s on four
 * A76 cores, a quarter of its conv rate, and its Vulkan row hands attention
 * back to that CPU: socsim has no cost structure for fully-connected layers
 * over token sequences yet, and fitting these rows (in-sample −52 to −74 %)
 * bends every shared ncnn coefficient.
 */
const NO_TOKEN_FC = "no ncnn cost structure for fully-connected layers over token sequences";

function usabilityOf(why: string): Usability {
  if ([NO_FRAMEWORK, ARMV7, PARTITIONED, OTHER_SOC].includes(why)) return "unmodelled";
  if (why === NO_MODEL || why.startsWith("no ")) return "usable";
  return "excluded";
}

function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else if (char !== "\r") field += char;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}

function frameworkOf(fw: string): string | undefined {
  if (fw.startsWith("ncnn")) return "ncnn";
  if (fw.startsWith("Paddle-Lite") && !fw.includes("NNAdapter")) return "paddle-lite";
  if (fw.startsWith("MNN")) return "mnn";
  return undefined;
}

function dtypeOf(precision: string): DType {
  if (precision.includes("int8")) return "int8";
  return precision.startsWith("fp16") && !precision.includes("Vulkan") ? "fp16" : "fp32";
}

/** The frameworks each SoC file profiles, by SoC id (the fit passes them in). */
export type ProfiledFrameworks = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

/** Why a row is not fitted (checked in this order), or undefined when it is. */
function whySetAside(
  get: (column: string) => string,
  mapped: {
    model: string | undefined;
    framework: string | undefined;
    soc: string | undefined;
    processor: string | undefined;
  },
  profiled: ProfiledFrameworks,
): string | undefined {
  const { model, framework, soc, processor } = mapped;
  const source = get("family").replace(/\.md$/, "");
  if (get("notes").includes("SUSPECT")) return SUSPECT;
  if (WORKLOAD_FAMILY.test(get("model"))) return WORKLOAD;
  if (source === "ncnn_benchncnn_history") return HISTORICAL;
  if (processor === "npu" && SUPERSEDED_NPU_BUILD.test(get("fw"))) return HISTORICAL;
  if (source === "qualcomm_ai_hub_qcs8250") return UPPER_BOUND;
  if (/sparse|low-rank/i.test(`${get("model")} ${get("prec")}`)) return SPARSE;
  if (get("model").startsWith("Pipeline:")) return PIPELINE;
  if (framework === undefined) return NO_FRAMEWORK;
  if (/ARMv7|armeabi-v7a|armv7/i.test(`${get("fw")} ${get("prec")}`)) return ARMV7;
  if (processor === undefined) return PARTITIONED;
  if (soc === undefined || get("soc").includes("5G") || get("device").includes("5G"))
    return OTHER_SOC;
  if (get("input").startsWith("not stated")) return NO_INPUT;
  if (model === undefined) return NO_MODEL;
  if (model === "vit-b32-384" && framework === "ncnn") return NO_TOKEN_FC;
  if (!profiled.get(soc)?.get(framework)?.includes(processor))
    return `no ${framework} ${processor} profile on ${soc} yet`;
  if (processor === "cpu" && !Number.isFinite(Number.parseInt(get("thr"), 10))) return NO_THREADS;
  return undefined;
}

/** Reads calibration-set-2 into fitted rows and rows set aside with their reason. */
export function readSecondSet(profiled: ProfiledFrameworks): {
  rows: CalibrationRow[];
  setAside: SetAside[];
  /** Every row that names a zoo model, SoC, framework and target, fitted or not: the duplicates that measure the noise floor. */
  measurements: CalibrationRow[];
  /**
   * QCS8250 rows on its Hexagon 698 of zoo models, as Snapdragon 865 rows under
   * TFLite: the IoT board runs slower than the phone, so each is an upper bound
   * on the phone's latency, scored one-sided and never fitted.
   */
  upperBounds: CalibrationRow[];
} {
  const [header, ...records] = parseCsv(readFileSync(CSV, "utf8"));
  const column = (name: string) => header!.indexOf(name);
  const rows: CalibrationRow[] = [];
  const setAside: SetAside[] = [];
  const measurements: CalibrationRow[] = [];
  const upperBounds: CalibrationRow[] = [];
  for (const record of records) {
    const get = (name: string) => record[column(name)] ?? "";
    const id = get("id");
    const source = get("family").replace(/\.md$/, "");
    const model = MODELS[`${get("model")} @ ${get("input")}`] ?? MODELS[get("model")];
    const framework = frameworkOf(get("fw"));
    const soc = SOCS[get("soc_key")];
    const processor = { CPU: "cpu", GPU: "gpu", NPU: "npu", DSP: "dsp" }[get("kind")];
    const threads = Number.parseInt(get("thr"), 10);
    const mapped =
      model && framework && soc && processor && (processor !== "cpu" || Number.isFinite(threads))
        ? {
            section: id,
            source,
            soc,
            framework,
            processor,
            ...(Number.isFinite(threads) ? { threads } : {}),
            model,
            family: familyOf(model),
            dtype: dtypeOf(get("prec")),
            measuredMs: Number.parseFloat(get("lat")),
            ...(get("soc") === "SD855+" ? { frequencies: SD855_PLUS } : {}),
          }
        : undefined;
    const kept = !get("notes").includes("SUSPECT") && !WORKLOAD_FAMILY.test(get("model"));
    if (mapped && kept) measurements.push(mapped);
    if (source === "qualcomm_ai_hub_qcs8250" && model !== undefined && processor === "dsp")
      upperBounds.push({
        section: id,
        source,
        soc: "snapdragon-865",
        framework: "tflite",
        processor,
        model,
        family: familyOf(model),
        dtype: dtypeOf(get("prec")),
        measuredMs: Number.parseFloat(get("lat")),
      });
    const why = whySetAside(get, { model, framework, soc, processor }, profiled);
    if (why !== undefined || mapped === undefined) {
      const reason = why ?? "unknown conditions";
      setAside.push({ id, source, why: reason, usability: usabilityOf(reason) });
    } else rows.push(mapped);
  }
  return { rows, setAside, measurements, upperBounds };
}
