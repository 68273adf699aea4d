import { readFileSync } from "node:fs";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { dottedPath, type PathSegment } from "../../src/core/index.ts";
import { socFile } from "../../src/device/index.ts";
import { type Edit, type FileName, goodOnnx } from "./fixture.ts";

/**
 * The corpus of bad inputs: each case edits the good scenario folder of
 * fixture.ts in one way that makes it impossible, and says which file and
 * field the one-line error must name and what it must say.
 */
export interface BadCase {
  readonly name: string;
  readonly edits: readonly Edit[];
  /** The file the error names. */
  readonly file: FileName;
  /** The dotted field the error names; undefined for a whole-file error (no position). */
  readonly field: string | undefined;
  readonly message: RegExp;
  /** The line the error points at, where the field does not say it (a trace file's row). */
  readonly line?: number;
  /** The fault shows only against the rest of the scenario, not in `file` alone. */
  readonly needsScenario?: boolean;
}

const ANY = /./;

function valueCase(
  file: FileName,
  path: readonly PathSegment[],
  value: unknown,
  message: RegExp = ANY,
  extra: Partial<BadCase> = {},
): BadCase {
  return {
    name: `${file} ${dottedPath(path)}: ${describeValue(value)}`,
    edits: [{ file, set: path, value }],
    file,
    field: dottedPath(path),
    message,
    ...extra,
  };
}

function describeValue(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

/** Values no field of any type accepts. */
const NOT_A_VALUE: readonly unknown[] = [null, true, [], { a: 1 }];
/** Numbers no plain-number field accepts. */
const NOT_A_NUMBER: readonly unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  "12",
  Number.parseFloat("1e400"),
  ...NOT_A_VALUE,
];

type Sign = "positive" | "non-negative";

/** A plain number field: the wrong types, the non-finite numbers, and what its sign and integrality forbid. */
function numberCases(
  file: FileName,
  path: readonly PathSegment[],
  rule: { sign?: Sign; integer?: boolean; max?: number; min?: number },
  extra: Partial<BadCase> = {},
): BadCase[] {
  const values: unknown[] = [...NOT_A_NUMBER];
  if (rule.sign === "positive") values.push(0, -1, -1e-9);
  if (rule.sign === "non-negative") values.push(-1, -1e-9);
  if (rule.integer) values.push(1.5, 2 ** 60);
  if (rule.max !== undefined) values.push(rule.max + 1);
  if (rule.min !== undefined) values.push(rule.min - 1);
  return values.map((value) => valueCase(file, path, value, ANY, extra));
}

const UNITS = {
  time: { good: "5 ms", other: "5 GHz" },
  bytes: { good: "2 MB", other: "2 ms" },
  bandwidth: { good: "1 GB/s", other: "1 GB" },
  frequency: { good: "400 MHz", other: "400 mW" },
  temperature: { good: "30 degC", other: "30 W" },
} as const;

/** A quantity field: no unit, the wrong unit, no number, non-finite numbers, and what its sign forbids. */
function quantityCases(
  file: FileName,
  path: readonly PathSegment[],
  kind: keyof typeof UNITS,
  sign: Sign | undefined,
  extra: Partial<BadCase> = {},
): BadCase[] {
  const unit = UNITS[kind].good.split(" ")[1]!;
  const values: unknown[] = [
    UNITS[kind].other,
    "5",
    "five ms",
    unit,
    `NaN ${unit}`,
    `Infinity ${unit}`,
    `1e999 ${unit}`,
    `5 furlongs`,
    "",
    5,
    ...NOT_A_VALUE,
  ];
  if (sign !== undefined) values.push(`-1 ${unit}`);
  if (sign === "positive") values.push(`0 ${unit}`);
  return values.map((value) => valueCase(file, path, value, ANY, extra));
}

/** Temperatures a phone cannot be at: at or below absolute zero, above 150 °C. */
function temperatureCases(file: FileName, path: readonly PathSegment[]): BadCase[] {
  const outside = /must be above -273\.15 °C and at most 150 °C/;
  return [
    ...quantityCases(file, path, "temperature", undefined),
    valueCase(file, path, "-300 degC", outside),
    valueCase(file, path, "-273.15 degC", outside),
    valueCase(file, path, "0 K", outside),
    valueCase(file, path, "150.5 degC", outside),
    valueCase(file, path, "1e6 degC", outside),
    valueCase(file, path, "500 K", outside),
  ];
}

/** Names that are not identifiers (the CLI contract's rule for scenario and workload names). */
function identifierCases(file: FileName, path: readonly PathSegment[]): BadCase[] {
  return [".", "..", "a/b", "", "two words", "../up", "x\u0000y", 5, ...NOT_A_VALUE].map((value) =>
    valueCase(file, path, value),
  );
}

function scenarioCases(): BadCase[] {
  const S = "scenario.yaml";
  const tick = /thermal_tick must be from 1 µs to 1 s and at most the duration/;
  return [
    ...identifierCases(S, ["name"]),
    ...quantityCases(S, ["duration"], "time", "positive"),
    valueCase(S, ["duration"], "1 ns", /duration must be at least 1 µs/),
    ...quantityCases(S, ["warmup"], "time", "non-negative"),
    valueCase(S, ["warmup"], "-20 ms", /warm-up must not be negative/),
    valueCase(S, ["warmup"], "0.2 s", /warm-up must be shorter than the duration/),
    valueCase(S, ["warmup"], "5 s", /warm-up must be shorter than the duration/),
    valueCase(
      S,
      ["schedulers"],
      ["single-cpu", { name: "codl", params: { ratio_step: 1e-9 } }],
      />=0\.01/,
      { field: "schedulers[1].params.ratio_step" },
    ),
    // A union's member named through the form the value has, not "Invalid input" at the entry.
    valueCase(
      S,
      ["schedulers"],
      [{ name: "single-gpu", gpu_memory: "texture" }],
      /expected one of "image"\|"buffer"/,
      { field: "schedulers[0].gpu_memory" },
    ),
    ...quantityCases(S, ["thermal_tick"], "time", "positive"),
    valueCase(S, ["thermal_tick"], "0.1 ns", tick),
    valueCase(S, ["thermal_tick"], "999 ns", tick),
    valueCase(S, ["thermal_tick"], "2 s", tick),
    valueCase(S, ["thermal_tick"], "1e6 s", tick),
    valueCase(S, ["thermal_tick"], "0.3 s", tick),
    ...numberCases(S, ["seed"], { sign: "non-negative", integer: true }),
    valueCase(S, ["soc"], "snapdragon-856", /did you mean "snapdragon-85\d"/),
    valueCase(S, ["soc"], "nowhere.yaml", /no such file/),
    valueCase(S, ["soc"], 855),
    valueCase(S, ["soc"], ""),
    valueCase(S, ["framework"], "tensorflow", /has no framework "tensorflow"/),
    valueCase(S, ["framework"], 3),
    valueCase(S, ["workload"], "nowhere.yaml", /no such file/),
    valueCase(S, ["workload"], "scenario.yaml", /expected a workload file/, {
      file: "scenario.yaml",
      field: "kind",
    }),
    valueCase(S, ["workload"], ""),
    valueCase(S, ["schedulers"], [], /name at least one scheduler/),
    valueCase(S, ["schedulers"], "single-cpu"),
    valueCase(S, ["schedulers", 1], "single-gpx", /did you mean "single-gpu"/),
    valueCase(S, ["schedulers", 1], 7),
    valueCase(S, ["schedulers", 1], { name: "single-gpu", params: { speed: 2 } }, ANY, {
      field: "schedulers[1].params.speed",
    }),
    valueCase(S, ["schedulers", 1], { name: "single-gpu", module: "nowhere.ts" }, /no such/, {
      field: "schedulers[1].module",
    }),
    valueCase(S, ["schedulers", 1], { name: "single-gpu", colour: "red" }, /unknown field/, {
      field: "schedulers[1].colour",
    }),
    valueCase(S, ["schedulers", 1], "single-npu", /on snapdragon-855 under mace .*no npu target/),
    {
      name: "single-npu under MACE on kirin-990",
      edits: [
        { file: S, set: ["soc"], value: "kirin-990" },
        { file: S, set: ["schedulers", 1], value: "single-npu" },
        { file: "workload.yaml", set: ["competing", 0, "processor"], value: "cpu-big" },
      ],
      file: S,
      field: "schedulers[1]",
      message:
        /single-npu cannot plan app "camera" on kirin-990 under mace \(which drives [^)]*\): .*no npu target/,
    },
    valueCase(S, ["speed"], 2, /unknown field/),
    valueCase(S, ["kind"], "phone", /unknown kind/),
    ...whatIfCases(),
  ];
}

function whatIfCases(): BadCase[] {
  const S = "scenario.yaml";
  const W = ["what_if"] as const;
  return [
    ...temperatureCases(S, [...W, "ambient"]),
    ...temperatureCases(S, [...W, "initial_temps", "skin"]),
    ...temperatureCases(S, [...W, "hold_temps", "gpu"]),
    valueCase(S, [...W, "hold_temps", "gpu"], "10 degC", /below the ambient/),
    valueCase(S, [...W, "initial_temps", "skn"], "30 degC", /did you mean "skin"/),
    valueCase(S, [...W, "hold_temps", "npu"], "60 degC", /unknown thermal node "npu"/),
    valueCase(S, [...W, "governors", "gpu"], "ondemand", /did you mean "simple_ondemand"/),
    valueCase(S, [...W, "governors", "gpu"], "userspace", /give fixed_freq\.gpu/),
    valueCase(S, [...W, "governors", "gpu"], 3),
    valueCase(S, [...W, "governors", "npu"], "performance", /unknown frequency domain/),
    ...quantityCases(S, [...W, "fixed_freq", "gpu"], "frequency", "positive"),
    valueCase(S, [...W, "fixed_freq", "gpu"], "2 GHz", /outside gpu's operating points/),
    valueCase(S, [...W, "fixed_freq", "gpu"], "1 Hz", /outside gpu's operating points/),
    ...numberCases(S, [...W, "cache_hit_rate"], { min: 0, max: 1 }),
    ...numberCases(S, [...W, "forced_cpu_fraction"], { min: 0, max: 1 }),
    valueCase(S, [...W, "ambient_temp"], "30 degC", /unknown field/),
    valueCase(S, [...W, "unavailable", "gpu"], ["2 s", "1 s"], /must end after it starts/),
    valueCase(S, [...W, "unavailable", "gpu"], [], /give a window/),
    valueCase(S, [...W, "unavailable", "gpu"], ["1 s", "2 MHz"], /is not a time/, {
      field: "what_if.unavailable.gpu[1]",
    }),
    valueCase(
      S,
      [...W, "unavailable", "gpu"],
      [
        ["1 s", "2 s"],
        ["-1 s", "3 s"],
      ],
      /before 0 s/,
      {
        field: "what_if.unavailable.gpu[1]",
      },
    ),
    valueCase(S, [...W, "unavailable", "gpx"], ["1 s", "2 s"], /unknown accelerator "gpx"/),
    valueCase(S, [...W, "unavailable", "cpu-big"], ["1 s", "2 s"], /is a CPU cluster/),
  ];
}

function workloadCases(): BadCase[] {
  const F = "workload.yaml";
  const app = (index: number, ...rest: PathSegment[]) => ["apps", index, ...rest];
  const competing = (...rest: PathSegment[]) => ["competing", 0, ...rest];
  const inScenario = { needsScenario: true };
  return [
    ...identifierCases(F, ["name"]),
    valueCase(F, ["apps"], [], /at least one app/),
    valueCase(F, ["apps"], "camera"),
    valueCase(F, app(1, "name"), "camera", /is used twice/),
    valueCase(F, app(1, "name"), ""),
    valueCase(F, app(1, "name"), 12),
    valueCase(F, app(0, "model"), "mobilenet-v9", /did you mean "mobilenet-v\d"/),
    valueCase(F, app(0, "model"), "nowhere.onnx", /no such file/),
    valueCase(F, app(0, "model"), ""),
    valueCase(F, app(0, "dtype"), "fp64"),
    valueCase(F, app(0, "dtype"), "int4"),
    valueCase(F, app(0, "colour"), "red", /unknown field/),
    valueCase(F, app(0, "transforms"), "fusion"),
    ...(
      [
        [["fusoin"], "", /expected fusion, \{ pruning: RATIO \} or \{ low_rank: RANK_RATIO \}/],
        [[{ quantize: "int8" }], ".quantize", /unknown field/],
        [["fusion", { pruning: 1 }], ".pruning", /pruning ratio must be in \(0, 1\)/],
        [[{ pruning: 0 }], ".pruning", /pruning ratio must be in \(0, 1\)/],
        [[{ pruning: "half" }], ".pruning", ANY],
        [[{ low_rank: 0 }], ".low_rank", /rank ratio must be in \(0, 1\]/],
        [[{ low_rank: 1.5 }], ".low_rank", /rank ratio must be in \(0, 1\]/],
        [[{ pruning: 0.3, low_rank: 0.5 }], "", /one transform per entry/],
      ] as const
    ).map(([value, field, message]) =>
      valueCase(F, app(0, "transforms"), value, message, {
        field: `apps[0].transforms[${value.length - 1}]${field}`,
      }),
    ),
    ...quantityCases(F, app(0, "slo"), "time", "positive"),
    ...numberCases(F, app(0, "priority"), { integer: true }),
    ...numberCases(F, app(0, "max_queue"), { sign: "positive", integer: true }),
    ...numberCases(F, app(0, "threads"), { sign: "positive", integer: true }),
    ...numberCases(F, app(0, "queue_window"), { sign: "positive", integer: true }),
    // The Snapdragon 855 has 8 CPU cores: four threads per core at most.
    valueCase(
      F,
      app(1, "threads"),
      33,
      /from 1 to 32 \(4 per CPU core of snapdragon-855\)/,
      inScenario,
    ),
    valueCase(F, app(0, "foreground"), "yes"),
    valueCase(F, app(1, "foreground"), 1),
    valueCase(F, app(0, "arrival", "process"), "periodc"),
    valueCase(F, app(0, "arrival"), "periodic"),
    valueCase(F, app(0, "arrival"), { fps: 30 }, ANY, { field: "apps[0].arrival.process" }),
    valueCase(F, app(1, "arrival", "process"), "uniform"),
    valueCase(F, app(1, "arrival", "process"), 3),
    valueCase(F, app(0, "arrival"), { process: "periodic" }, ANY, { field: "apps[0].arrival.fps" }),
    ...numberCases(F, app(0, "arrival", "fps"), { sign: "positive" }),
    ...quantityCases(F, app(0, "arrival", "jitter"), "time", "non-negative"),
    valueCase(F, app(0, "arrival", "rate"), 5, /unknown field/),
    ...numberCases(F, app(1, "arrival", "rate"), { sign: "positive" }),
    ...numberCases(F, app(2, "arrival", "rate"), { sign: "positive" }),
    ...quantityCases(F, app(2, "arrival", "mean_on"), "time", "positive"),
    ...quantityCases(F, app(2, "arrival", "mean_off"), "time", "positive"),
    valueCase(F, app(3, "arrival", "file"), "nowhere.csv", /no such file/),
    valueCase(F, app(3, "arrival", "file"), 5),
    ...numberCases(F, competing("threads"), { sign: "positive", integer: true }),
    ...numberCases(F, competing("duty_cycle"), { sign: "positive", max: 1 }),
    ...quantityCases(F, competing("period"), "time", "positive"),
    valueCase(F, competing("period"), "1e300 s", /out of range: at most 9007199 s/),
    valueCase(F, app(0, "input_shapes"), { x: [1, 3, 8, 8] }, /not an \.onnx file/),
    valueCase(F, app(2, "input_shapes"), { x: [1, 0, 8, 8] }, /at least 1/, {
      field: "apps[2].input_shapes.x[1]",
    }),
    valueCase(
      F,
      app(2, "input_shapes"),
      { nope: [1, 3, 16, 16] },
      /model\.onnx: has no input "nope" to give a shape to \(its inputs: image\)/,
      { field: "apps[2].input_shapes.nope" },
    ),
    valueCase(F, app(2, "input_shapes"), { image: [1, 3, 16] }, /has rank 4, but its given shape/, {
      field: "apps[2].input_shapes.image",
    }),
    valueCase(F, app(2, "input_shapes"), { image: [1, 3, 32, 16] }, /fixed size 16 at axis 2/, {
      field: "apps[2].input_shapes.image",
    }),
    {
      name: "workload.yaml apps[2].model: an ONNX input with a dynamic size and no input_shapes",
      edits: [{ file: "model.onnx", content: goodOnnx([1, 3, "height", 16]) }],
      file: F,
      field: "apps[2].model",
      message: /model\.onnx: input "image" has a dynamic dimension "height" at axis 2/,
    },
    ...quantityCases(F, competing("footprint"), "bytes", "non-negative"),
    ...quantityCases(F, competing("bandwidth"), "bandwidth", "non-negative"),
    ...numberCases(F, competing("nice"), { integer: true, min: -20, max: 19 }),
    valueCase(
      F,
      competing("processor"),
      "npu",
      /snapdragon-855 has no processor "npu"/,
      inScenario,
    ),
    valueCase(F, competing("processor"), "cpu-mega", /did you mean "cpu-\w+"/, inScenario),
    valueCase(F, competing("processor"), ""),
    valueCase(F, competing("processor"), 3),
    valueCase(F, competing("name"), ""),
    valueCase(F, ["competing"], { name: "sync" }),
    valueCase(F, ["ui", "refresh"], "30 Hz", /60, 90 or 120/),
    ...quantityCases(F, ["ui", "refresh"], "frequency", "positive"),
    ...quantityCases(F, ["ui", "cpu_per_frame"], "time", "non-negative"),
    ...quantityCases(F, ["ui", "gpu_per_frame"], "time", "non-negative"),
    valueCase(F, ["ui", "cpu"], "gpu", /"gpu" is not a CPU cluster/, inScenario),
    valueCase(F, ["ui", "cpu"], "cpu-mega", /did you mean "cpu-\w+"/, inScenario),
    valueCase(F, ["ui", "cpu"], "", ANY, inScenario),
    ...numberCases(F, ["ui", "nice"], { integer: true, min: -20, max: 19 }),
    valueCase(F, ["ui", "fps"], 60, /unknown field/),
    valueCase(F, ["kind"], "scenario", /expected a workload file/, inScenario),
  ];
}

function traceCases(): BadCase[] {
  const T = "trace.csv";
  const content = (
    name: string,
    text: string,
    line: number | undefined,
    message: RegExp,
  ): BadCase => ({
    name: `trace.csv ${name}`,
    edits: [{ file: T, content: text }],
    file: T,
    field: undefined,
    message,
    ...(line === undefined ? {} : { line }),
  });
  return [
    content("empty", "", undefined, /is empty/),
    content("only a header", "ms\n", undefined, /holds no arrival times/),
    content("a word among the times", "ms\n0\nsoon\n", 3, /"soon" is not a time/),
    content("a negative time", "-5\n", 1, /must be >= 0/),
    content("times going back", "0\n10\n5\n", 3, /earlier than the one before it/),
    content("a mistyped first time", "1O\n20\n", 1, /"1O" is not a time/),
    content("a hex time", "0\n0x10\n", 2, /"0x10" is not a time in milliseconds \(a plain decimal/),
    content("a binary first time", "0b11\n", 1, /"0b11" is not a time/),
    content("NaN", "0\nNaN\n", 2, /"NaN" is not a time/),
    content("infinity", "0\nInfinity\n", 2, /"Infinity" is not a time/),
    content("a time too large", "0\n1e400\n", 2, /"1e400" is not a time/),
    content("binary bytes", "0\n\u0000\u0001\n", undefined, /binary/),
    content("larger than the trace cap", "0\n".repeat(33 * 2 ** 20), undefined, /is too large/),
    content("a time past 104 days", "0\n1e13\n", 2, /too large/),
    ...specialCases(T),
  ];
}

/** A file that is a directory, a FIFO or a device is refused before it is opened. */
function specialCases(file: FileName): BadCase[] {
  return (["directory", "fifo", "dev-zero"] as const).map((special) => ({
    name: `${file} is a ${special}`,
    edits: [{ file, special }],
    file,
    field: undefined,
    message: /not a regular file/,
  }));
}

/** 64 bytes of comment: a YAML file made of them is valid until it passes the size cap. */
const MODEL_COMMENT_LINE = `#${"x".repeat(62)}\n`;

function modelCases(): BadCase[] {
  const M = "model.yaml";
  const op = (...rest: PathSegment[]) => ["ops", 0, ...rest];
  const onnx = (name: string, bytes: Uint8Array, message: RegExp): BadCase => ({
    name: `model.onnx ${name}`,
    edits: [{ file: "model.onnx", content: bytes }],
    file: "model.onnx",
    field: undefined,
    message,
  });
  return [
    valueCase(M, op("kind"), "conv3d", /unknown op kind/),
    valueCase(M, op("kernel"), 0),
    valueCase(M, op("kernel"), -3),
    valueCase(M, op("kernel"), 1.5),
    valueCase(M, op("out_channels"), 0),
    valueCase(M, op("out_channels"), -8),
    valueCase(M, op("out_channels"), 2 ** 63),
    valueCase(M, op("inputs"), ["nothing"], ANY),
    valueCase(M, ["inputs", "image"], [1, -8, 16, 16], ANY, { field: "inputs.image[1]" }),
    valueCase(M, ["inputs", "image"], [1, 8, 2 ** 40, 2 ** 40], /does not fit in memory/, {
      field: "ops[0]",
    }),
    valueCase(M, ["inputs", "image"], [1, 8, 2 ** 63, 16], ANY),
    valueCase(M, ["inputs", "image"], [1, 8, 0.5, 16], ANY),
    valueCase(M, ["outputs"], ["nothing"], ANY),
    valueCase(M, ["inputs", "image"], [2, 8, 16, 16], /batch 2 \(axis 0\)/, {
      field: "inputs.image[0]",
    }),
    valueCase(M, ["kind"], "soc", ANY, { needsScenario: true }),
    onnx("dimension of 2^63", goodOnnx([1, 3, 2 ** 63, 16]), /dimension/),
    onnx("dimension of 2^62", goodOnnx([1, 3, 2 ** 62, 16]), /does not fit in memory/),
    onnx("dimension of 2^40", goodOnnx([1, 3, 2 ** 40, 2 ** 20]), /does not fit in memory/),
    onnx("batch 2", goodOnnx([2, 3, 16, 16]), /input "image": batch 2 \(axis 0\)/),
    onnx("truncated", goodOnnx().slice(0, 40), ANY),
    onnx("plain text", new TextEncoder().encode("not a model"), ANY),
    onnx("empty", new Uint8Array(), /is empty/),
    ...specialCases("model.onnx"),
    {
      name: "model.yaml larger than the YAML cap",
      edits: [{ file: M, content: `${MODEL_COMMENT_LINE.repeat(9 * 2 ** 14)}` }],
      file: M,
      field: undefined,
      message: /is too large/,
    },
    ...specialCases("model.yaml"),
  ];
}

/** Every quantity and number of the SoC file, given a value of the wrong kind; a few physical impossibilities. */
function socCases(): BadCase[] {
  const C = "soc.yaml";
  const document = parseDocument(readFileSync(socFile("snapdragon-855"), "utf8"));
  const leaves: { path: PathSegment[]; value: unknown }[] = [];
  const visit = (node: unknown, path: PathSegment[]) => {
    if (isScalar(node)) leaves.push({ path, value: node.value });
    else if (isMap(node))
      for (const pair of node.items)
        visit(pair.value, [...path, String((pair.key as { value: unknown }).value)]);
    else if (isSeq(node))
      node.items.forEach((item, index) => {
        visit(item, [...path, index]);
      });
  };
  visit(document.contents, []);
  const quantities = leaves.filter(
    (leaf) => typeof leaf.value === "string" && /^-?[\d.]+(e-?\d+)? [A-Za-z/]+$/.test(leaf.value),
  );
  const numbers = leaves.filter(
    (leaf) => typeof leaf.value === "number" && leaf.path[0] !== "sources",
  );
  // Every third leaf keeps the corpus quick while still reaching every section of the file.
  const sample = <T>(items: T[]) => items.filter((_, index) => index % 3 === 0);
  return [
    ...sample(quantities).map((leaf) => valueCase(C, leaf.path, `${leaf.value} furlongs`)),
    ...sample(numbers).map((leaf) => valueCase(C, leaf.path, "lots")),
    ...temperatureCases(C, ["thermal", "ambient"]),
    valueCase(C, ["thermal", "nodes", "gpu", "heat_capacity"], "-0.1 J/K", /positive/),
    // Values far past any phone's, which once overflowed or stalled a run after validation passed.
    valueCase(C, ["thermal", "nodes", "gpu", "heat_capacity"], "1e-12 J/K", /at least 1 mJ\/K/),
    valueCase(C, ["processors", "cpu-prime", "cores"], 1e9, /<=64/),
    valueCase(
      C,
      ["processors", "cpu-prime", "power", "dynamic_capacitance"],
      "1e300 nF",
      /out of range: at most 1 mF/,
    ),
    valueCase(C, ["processors", "gpu", "governor", "polling_interval"], "1e-12 s", /at least 1 ms/),
    valueCase(C, ["memory", "peak_bandwidth"], "-34 GB/s", /positive/),
    valueCase(C, ["processors", "gpu", "operating_points", 0, "freq"], "-257 MHz", /positive/),
    valueCase(C, ["processors", "gpu", "power", "leakage"], "-1 W", /negative/),
    valueCase(C, ["processors", "gpu", "kind"], "tpu", ANY),
    valueCase(C, ["default_framework"], "tensorflow", /unknown framework/),
    valueCase(C, ["processors", "cpu-prime", "governor", "kind"], "ondemand", /unknown governor/),
    valueCase(
      C,
      ["processors", "cpu-prime", "governor", "kind"],
      "interactive",
      /unknown governor/,
    ),
    valueCase(C, ["thermal", "trips", 0, "above"], "200 degC", /at most 150 °C/),
    valueCase(C, ["thermal", "trips", 0, "clear"], "-300 degC", /above -273\.15 °C/),
    valueCase(C, ["thermal", "trips", 0, "node"], "skn", /did you mean "skin"/),
    valueCase(C, ["thermal", "trips", 0, "processor"], "npu", /unknown processor/),
    valueCase(C, ["kind"], "workload", /expected a SoC file/, { needsScenario: true }),
  ];
}

export const BAD_CASES: readonly BadCase[] = [
  ...scenarioCases(),
  ...workloadCases(),
  ...traceCases(),
  ...modelCases(),
  ...socCases(),
];
