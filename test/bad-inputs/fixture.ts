import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { PathSegment } from "../../src/core/index.ts";
import { socFile } from "../../src/device/index.ts";
import { onnxModel } from "../graph/support/onnx-model.ts";

/**
 * A good scenario folder that every bad-input case starts from: a scenario,
 * its workload (one app per arrival process, a model YAML, an ONNX model,
 * a trace, a competing process, the UI) and a copy of a bundled SoC. A case
 * edits one value; whatever the loaders then report is that edit's fault.
 */

export type FileName =
  | "scenario.yaml"
  | "workload.yaml"
  | "soc.yaml"
  | "model.yaml"
  | "model.onnx"
  | "trace.csv";

/** One change to the good files: a YAML value set or removed, or a file's whole content. */
export type Edit =
  | { readonly file: FileName; readonly set: readonly PathSegment[]; readonly value: unknown }
  | { readonly file: FileName; readonly remove: readonly PathSegment[] }
  | { readonly file: FileName; readonly content: string | Uint8Array }
  /** The file replaced by something that is not a regular file. */
  | { readonly file: FileName; readonly special: "directory" | "fifo" | "dev-zero" };

const SCENARIO = `kind: scenario
name: base
soc: snapdragon-855
workload: workload.yaml
schedulers: [single-cpu, single-gpu]
duration: 0.2 s
warmup: 20 ms
seed: 7
thermal_tick: 10 ms
`;

const WORKLOAD = `kind: workload
name: base-mix
apps:
  - name: camera
    model: mobilenet-v2
    arrival: { process: periodic, fps: 30, jitter: 1 ms }
    slo: 33 ms
  - name: chat
    model: model.yaml
    arrival: { process: poisson, rate: 20 }
    slo: 50 ms
  - name: burst
    model: model.onnx
    arrival: { process: bursty, rate: 40, mean_on: 50 ms, mean_off: 50 ms }
  - name: replay
    model: model.yaml
    arrival: { process: trace, file: trace.csv }
    priority: 1
    max_queue: 8
competing:
  - name: sync
    processor: cpu-little
    threads: 2
    duty_cycle: 0.4
    period: 16 ms
    footprint: 2 MB
    bandwidth: 1 GB/s
    nice: 5
ui:
  refresh: 60 Hz
  cpu_per_frame: 3 ms
  gpu_per_frame: 2 ms
  cpu: cpu-big
  nice: -10
`;

const MODEL = `kind: model
name: tiny
inputs:
  image: [1, 8, 16, 16]
ops:
  - { name: conv, kind: conv2d, inputs: [image], out_channels: 8, kernel: 3, padding: 1 }
  - { name: act, kind: relu, inputs: [conv] }
outputs: [act]
`;

const TRACE = "ms\n0\n15\n40\n90\n";

/** A small CNN as ONNX: one convolution and a ReLU. */
export function goodOnnx(inputDims: (number | string)[] = [1, 3, 16, 16]): Uint8Array {
  return onnxModel({
    inputs: [{ name: "image", dims: inputDims }],
    initializers: [{ name: "weight", dims: [4, 3, 3, 3] }],
    nodes: [
      { opType: "Conv", inputs: ["image", "weight"], outputs: ["conv"] },
      { opType: "Relu", inputs: ["conv"], outputs: ["out"] },
    ],
    outputs: ["out"],
  });
}

const GOOD: Record<FileName, () => string | Uint8Array> = {
  "scenario.yaml": () => SCENARIO,
  "workload.yaml": () => WORKLOAD,
  "soc.yaml": () => readFileSync(socFile("snapdragon-855"), "utf8"),
  "model.yaml": () => MODEL,
  "model.onnx": () => goodOnnx(),
  "trace.csv": () => TRACE,
};

/**
 * Applies YAML edits. A scalar or flow value that exists is replaced in the text itself, so
 * every comment stays where it was (a SoC's numbers keep their source
 * comments); anything else goes through a round trip of the document.
 */
function editedYaml(text: string, edits: readonly Edit[]): string {
  let edited = text;
  for (const edit of edits) {
    const document = parseDocument(edited);
    if ("remove" in edit) {
      document.deleteIn(edit.remove);
      edited = document.toString({ lineWidth: 0 });
    } else if ("set" in edit) {
      const node = document.getIn(edit.set, true);
      const inline = isScalar(node) || ((isMap(node) || isSeq(node)) && node.flow === true);
      const range = inline ? node.range : undefined;
      if (range) edited = edited.slice(0, range[0]) + yamlText(edit.value) + edited.slice(range[1]);
      else {
        document.setIn(edit.set, edit.value);
        edited = document.toString({ lineWidth: 0 });
      }
    }
  }
  return edited;
}

/** A value as flow YAML (JSON is flow YAML, except for the non-finite numbers). */
function yamlText(value: unknown): string {
  if (typeof value !== "number" || Number.isFinite(value)) return JSON.stringify(value);
  if (Number.isNaN(value)) return ".nan";
  return value > 0 ? ".inf" : "-.inf";
}

let folders = 0;
const root = mkdtempSync(join(tmpdir(), "socsim-bad-inputs-"));

/** Writes the good files with `edits` applied into a fresh folder; returns the folder. */
export function writeCase(edits: readonly Edit[]): string {
  const folder = join(root, `case-${folders++}`);
  mkdirSync(folder);
  const editsOf = (file: FileName) => edits.filter((edit) => edit.file === file);
  const socEdited = editsOf("soc.yaml").length > 0;
  for (const file of Object.keys(GOOD) as FileName[]) {
    const mine = editsOf(file);
    const path = join(folder, file);
    const whole = mine.find((edit) => "content" in edit || "special" in edit);
    if (whole && "special" in whole) writeSpecial(path, whole.special);
    else if (whole && "content" in whole) writeFileSync(path, whole.content);
    else {
      const good = GOOD[file]();
      const pointed =
        file === "scenario.yaml" && socEdited
          ? [{ file, set: ["soc"], value: "soc.yaml" } as const]
          : [];
      const all = [...pointed, ...mine];
      writeFileSync(path, all.length === 0 ? good : editedYaml(good as string, all));
    }
  }
  return folder;
}

function writeSpecial(path: string, kind: "directory" | "fifo" | "dev-zero"): void {
  if (kind === "directory") mkdirSync(path);
  else if (kind === "fifo") execFileSync("mkfifo", [path]);
  else symlinkSync("/dev/zero", path);
}
