import { z } from "zod";
import {
  consumersOf,
  DTYPE_BYTES,
  elementCount,
  type Graph,
  inputRows,
  isSplittable,
  type Op,
  type OpKind,
  type SplitAxis,
  unitSliceRanges,
} from "../../graph/index.ts";
import { OneInferencePerApp } from "../interpreter-order.ts";
import type { PlanUnit, UnitSlice } from "../plan.ts";
import { wholeUnit } from "../plan.ts";
import { definePolicy } from "../policy.ts";
import type { PlanningContext, TargetInfo } from "../scheduler.ts";

/**
 * CoDL (MobiSys 2022; docs/policies/codl.md): CPU–GPU co-execution of each
 * op, split by output rows ("H") or output channels ("OC") at a GPU ratio
 * on a 0.1 grid, consecutive ops grouped into operator chains that share
 * data only at their ends. Plans come from CoDL's own latency predictor
 * (its Eq. 2 and 3), trained on the profiling set; nothing is re-decided
 * per inference. Each app runs one request at a time, apps independently.
 */
const params = z
  .object({
    /** Step of the GPU ratio grid (§3; the code's {0, 0.1, …, 1}). */
    // At least 0.01: a grid of at most 100 ratios (the paper's is 0.1; finer grids only cost planning).
    ratio_step: z.number().min(0.01).max(0.5).default(0.1),
    /** Half-width δ of the ratios a chain head tries around its own (§4.2). */
    chain_window: z.number().min(0).max(1).default(0.3),
    /** Pre-synchronisation the predictor charges per shared chain: the measured upper bound (§5.1). */
    pre_sync_ms: z.number().min(0).default(1),
    /**
     * Eq. 3's constants: threads (default: the app's CPU threads, the thread
     * pool CoDL's CPU side runs), output elements a core takes per step, and
     * a SIMD tile (CPU); work-groups and warps (GPU).
     */
    cpu_cores: z.number().int().positive().optional(),
    cpu_block: z.number().int().positive().default(64),
    cpu_unit: z.number().int().positive().default(64),
    gpu_cores: z.number().int().positive().default(2),
    gpu_block: z.number().int().positive().default(1024),
    gpu_unit: z.number().int().positive().default(64),
  })
  .strict();
type CodlParams = z.infer<typeof params>;

/** Host cost of one predictor query: the middle of the 0.2–0.5 ms the paper measured (§7.5). */
const PREDICTOR_QUERY_NS = 350_000;
/** Kinds whose every output channel reads every input channel: an OC chain cannot pass through them. */
const CHANNEL_MIXING = new Set<OpKind>(["conv2d", "fully_connected", "transposed_conv2d"]);
/** The two sides of a co-executed op; the GPU is the home its output is merged on. */
const SIDES = ["gpu", "cpu"] as const;
type Side = (typeof SIDES)[number];

/** One op's or one chain's plan: the split axis and the GPU's share. */
interface Split {
  readonly axis: SplitAxis;
  readonly ratio: number;
}

/** Least squares with a tiny ridge (features scaled to 1), so an op kind seen at one shape still fits. */
function fitLinear(rows: readonly (readonly number[])[], targets: readonly number[]): number[] {
  const width = rows[0]!.length;
  const scale = Array.from({ length: width }, (_, j) =>
    Math.max(1e-12, ...rows.map((row) => Math.abs(row[j]!))),
  );
  const normal = Array.from({ length: width }, () => new Array<number>(width + 1).fill(0));
  rows.forEach((row, index) => {
    for (let i = 0; i < width; i++) {
      for (let j = 0; j < width; j++)
        normal[i]![j]! += (row[i]! / scale[i]!) * (row[j]! / scale[j]!);
      normal[i]![width]! += (row[i]! / scale[i]!) * targets[index]!;
    }
  });
  for (let i = 0; i < width; i++) normal[i]![i]! += 1e-9 * rows.length;
  for (let col = 0; col < width; col++) {
    let pivot = col;
    for (let row = col + 1; row < width; row++)
      if (Math.abs(normal[row]![col]!) > Math.abs(normal[pivot]![col]!)) pivot = row;
    [normal[col], normal[pivot]] = [normal[pivot]!, normal[col]!];
    for (let row = 0; row < width; row++) {
      if (row === col) continue;
      const factor = normal[row]![col]! / normal[col]![col]!;
      for (let k = col; k <= width; k++) normal[row]![k]! -= factor * normal[col]![k]!;
    }
  }
  return normal.map((row, i) => row[width]! / row[i]! / scale[i]!);
}

function dot(weights: readonly number[], features: readonly number[]): number {
  return weights.reduce((sum, weight, i) => sum + weight * features[i]!, 0);
}

/** Output shape as [channels, rows, columns] ([features, 1, 1] for vectors). */
function outputDims(graph: Graph, op: Op): [number, number, number] {
  const shape = graph.tensors[op.outputs[0]!]!.shape;
  if (shape.length === 4) return [shape[1]!, shape[2]!, shape[3]!];
  return [shape[shape.length - 1]!, 1, 1];
}

function tensorBytes(graph: Graph, tensorId: number): number {
  const tensor = graph.tensors[tensorId]!;
  return elementCount(tensor.shape) * DTYPE_BYTES[tensor.dtype];
}

/** The kernel implementation a t_unit model stands for (Table 1): the kind, and a convolution's window and stride. */
function implementationOf(op: Op): string {
  const kernel = op.attrs.kernel;
  const stride = op.attrs.stride;
  return kernel === undefined
    ? op.kind
    : `${op.kind} ${kernel.join("x")}/${stride?.join("x") ?? "1x1"}`;
}

/**
 * CoDL's latency predictor (§5): per op and side, Eq. 3's stepped kernel
 * time with a t_unit linear in (H, W, IC, OC) per kernel implementation,
 * plus, once per chain, sharing linear in the bytes shared (transform and
 * map) and the constant pre-sync (Eq. 2). Trained on the profiling set and
 * the context's transfer pricing; every prediction is a counted query.
 */
class CodlPredictor {
  private readonly unitModels = new Map<string, number[]>();
  private readonly tUnit = new Map<string, number>();
  private readonly sharing: Record<"toCpu" | "toGpu", number[]>;
  private readonly chainMemo = new Map<string, number>();
  /** Per tensor, the ops reading it. */
  private readonly readers: readonly (readonly number[])[];

  constructor(
    private readonly app: PlanningContext,
    private readonly gpu: string,
    private readonly settings: CodlParams,
    private readonly ratios: readonly number[],
  ) {
    this.readers = consumersOf(app.graph);
    this.trainKernels();
    const sizes = [1, 4, 16, 64, 256].map((kib) => kib * 65_536);
    const line = (from: string, to: string) =>
      fitLinear(
        sizes.map((bytes) => [1, bytes]),
        sizes.map((bytes) => app.transferNs(from, to, bytes)),
      );
    this.sharing = { toCpu: line(gpu, "cpu"), toGpu: line("cpu", gpu) };
  }

  /** Eq. 3 without t_unit: sequential steps of blocks over the cores, times units per block. */
  private steps(side: Side, outputElements: number): number {
    if (outputElements <= 0) return 0;
    const s = this.settings;
    const [cores, block, unit] =
      side === "cpu"
        ? [s.cpu_cores ?? this.app.cpuThreads, s.cpu_block, s.cpu_unit]
        : [s.gpu_cores, s.gpu_block, s.gpu_unit];
    return Math.ceil(outputElements / (block * cores)) * Math.ceil(block / unit);
  }

  private features(op: Op): number[] {
    const [channels, rows, columns] = outputDims(this.app.graph, op);
    const input = this.app.graph.tensors[op.inputs[0]!]!.shape;
    const inChannels = input.length === 4 ? input[1]! : input[input.length - 1]!;
    return [1, rows, columns, inChannels, channels];
  }

  private sliceElements(op: Op, axis: SplitAxis, share: number): number {
    const [channels, rows, columns] = outputDims(this.app.graph, op);
    return axis === "rows"
      ? Math.round(rows * share) * channels * columns
      : Math.round(channels * share) * rows * columns;
  }

  /** One model per side and implementation, and per side and kind for implementations seen too rarely to fit alone. */
  private trainKernels(): void {
    const samples = new Map<string, { rows: number[][]; targets: number[] }>();
    const add = (key: string, features: number[], tUnit: number) => {
      let set = samples.get(key);
      if (set === undefined) {
        set = { rows: [], targets: [] };
        samples.set(key, set);
      }
      set.rows.push(features);
      set.targets.push(tUnit);
    };
    for (const op of this.app.graph.ops) {
      if (!isSplittable(op.kind)) continue;
      for (const side of SIDES) {
        const target = side === "gpu" ? this.gpu : "cpu";
        if (!this.app.supports(op.id, target)) continue;
        for (const axis of ["rows", "channels"] as const) {
          if (
            !isSplittable(op.kind, axis) ||
            (axis === "rows" && outputDims(this.app.graph, op)[1] === 1)
          )
            continue;
          for (const share of this.ratios) {
            if (share === 0) continue;
            const steps = this.steps(side, this.sliceElements(op, axis, share));
            if (steps === 0) continue;
            const measured = this.app.profileSliceNs(op.id, target, { axis, share });
            const features = this.features(op);
            add(`${side} ${implementationOf(op)}`, features, measured / steps);
            add(`${side} ${op.kind}`, features, measured / steps);
          }
        }
      }
    }
    for (const [key, set] of samples) this.unitModels.set(key, fitLinear(set.rows, set.targets));
  }

  private unitTime(op: Op, side: Side): number {
    const key = `${side} ${op.id}`;
    let time = this.tUnit.get(key);
    if (time === undefined) {
      const weights =
        this.unitModels.get(`${side} ${implementationOf(op)}`) ??
        this.unitModels.get(`${side} ${op.kind}`);
      // A kind the set never profiled on this side has no model: that side cannot take it.
      time =
        weights === undefined
          ? Number.POSITIVE_INFINITY
          : Math.max(0, dot(weights, this.features(op)));
      this.tUnit.set(key, time);
    }
    return time;
  }

  /**
   * Predicted time of `ops` run as one chain at `split`: sharing once at its
   * ends when the CPU takes part, then per op the slower side (Eq. 2), with
   * the halo rows a rows chain accumulates backwards (Eq. 1).
   */
  chainNs(ops: readonly number[], split: Split): number {
    this.app.countWork(ops.length);
    const key = `${ops.join(",")} ${split.axis} ${split.ratio}`;
    let time = this.chainMemo.get(key);
    if (time === undefined) {
      time = this.computeChain(ops, split);
      this.chainMemo.set(key, time);
    }
    return time;
  }

  /** Each op's output range [from, to) on the GPU's slice and on the CPU's. */
  private sliceRanges(
    ops: readonly number[],
    split: Split,
  ): Record<Side, readonly (readonly [number, number])[]> {
    const graph = this.app.graph;
    return {
      gpu: unitSliceRanges(graph, ops, split.axis, [0, split.ratio]),
      cpu: unitSliceRanges(graph, ops, split.axis, [split.ratio, 1]),
    };
  }

  private computeChain(ops: readonly number[], split: Split): number {
    const graph = this.app.graph;
    const ranges = this.sliceRanges(ops, split);
    let compute = 0;
    for (let index = 0; index < ops.length; index++) {
      const op = graph.ops[ops[index]!]!;
      const [channels, rows, columns] = outputDims(graph, op);
      let slowest = 0;
      for (const side of SIDES) {
        const [from, to] = ranges[side][index]!;
        const elements =
          (to - from) * (split.axis === "rows" ? channels * columns : rows * columns);
        if (elements > 0)
          slowest = Math.max(slowest, this.steps(side, elements) * this.unitTime(op, side));
      }
      compute += slowest;
    }
    return compute + (split.ratio < 1 ? this.sharingNs(ops, split, ranges.cpu) : 0);
  }

  /** T_trans + T_map of the CPU's input slices and its output slices, and the pre-sync. */
  private sharingNs(
    ops: readonly number[],
    split: Split,
    cpuRanges: readonly (readonly [number, number])[],
  ): number {
    const graph = this.app.graph;
    const inChain = new Set(ops);
    const graphInputs = new Set(graph.inputs);
    let bytesIn = 0;
    let bytesOut = 0;
    ops.forEach((opId, index) => {
      const op = graph.ops[opId]!;
      for (const tensorId of op.inputs) {
        const producer = graph.tensors[tensorId]!.producer;
        if (inChain.has(producer) || (producer < 0 && !graphInputs.has(tensorId))) continue;
        const shape = graph.tensors[tensorId]!.shape;
        // An H split shares the rows the CPU's slice reads, halo included; an OC split the whole input.
        let fraction = 1;
        if (split.axis === "rows" && shape.length === 4) {
          const [first, last] = inputRows(op, shape[2]!, cpuRanges[index]!);
          fraction = Math.max(0, last - first) / shape[2]!;
        }
        bytesIn += tensorBytes(graph, tensorId) * fraction;
      }
      const output = op.outputs[0]!;
      const leaves =
        graph.outputs.includes(output) ||
        this.readers[output]!.some((reader) => !inChain.has(reader));
      if (leaves) bytesOut += tensorBytes(graph, output) * (1 - split.ratio);
    });
    const line = (weights: readonly number[], bytes: number) =>
      bytes > 0 ? Math.max(0, weights[0]! + weights[1]! * bytes) : 0;
    return (
      line(this.sharing.toCpu, bytesIn) +
      line(this.sharing.toGpu, bytesOut) +
      this.settings.pre_sync_ms * 1e6
    );
  }
}

/** The GPU's share grid {0, step, …, 1}, exact at its ends. */
function ratioGrid(step: number): number[] {
  const count = Math.round(1 / step);
  return Array.from({ length: count + 1 }, (_, i) => Math.min(1, i / count));
}

/** Plans one app: Step 1 (each op's own split), then Step 2 (chains, Algorithm 1). */
class CodlPlanner {
  private readonly graph: Graph;
  private readonly predictor: CodlPredictor;
  private readonly ratios: readonly number[];

  constructor(
    private readonly app: PlanningContext,
    private readonly gpu: string,
    private readonly settings: CodlParams,
  ) {
    this.graph = app.graph;
    this.ratios = ratioGrid(settings.ratio_step);
    this.predictor = new CodlPredictor(app, gpu, settings, this.ratios);
  }

  /** GPU ratios an op may take: co-execution needs both sides to run it. */
  private allowedRatios(opId: number): number[] {
    const onGpu = this.app.supports(opId, this.gpu);
    const onCpu = this.app.supports(opId, "cpu");
    return this.ratios.filter((ratio) => (ratio === 0 || onGpu) && (ratio === 1 || onCpu));
  }

  private axesOf(op: Op): SplitAxis[] {
    const rows = outputDims(this.graph, op)[1];
    return (["rows", "channels"] as const).filter(
      (axis) => isSplittable(op.kind, axis) && (axis === "channels" || rows > 1),
    );
  }

  /** Step 1: the split with the lowest predicted time of the op alone (ties keep the GPU, the data's home). */
  ownSplit(opId: number): Split {
    const op = this.graph.ops[opId]!;
    const axes = this.axesOf(op);
    const ratios = this.allowedRatios(opId).sort((a, b) => b - a);
    let best: Split = { axis: axes[0]!, ratio: ratios[0]! };
    let bestNs = Number.POSITIVE_INFINITY;
    for (const ratio of ratios) {
      for (const axis of ratio === 0 || ratio === 1 ? axes.slice(0, 1) : axes) {
        const time = this.predictor.chainNs([opId], { axis, ratio });
        if (time < bestNs) {
          bestNs = time;
          best = { axis, ratio };
        }
      }
    }
    return best;
  }

  /** Whether `opId` can extend `chain` at `split`: it reads the chain's last output, along an axis that stays local. */
  private extends(chain: readonly number[], opId: number, split: Split): boolean {
    const op = this.graph.ops[opId]!;
    const last = this.graph.ops[chain[chain.length - 1]!]!;
    if (!op.inputs.includes(last.outputs[0]!)) return false;
    if (!this.axesOf(op).includes(split.axis)) return false;
    if (split.axis === "channels" && CHANNEL_MIXING.has(op.kind)) return false;
    return this.allowedRatios(opId).includes(split.ratio);
  }

  plan(): { units: PlanUnit[]; fallbackOps: number } {
    const ops = this.graph.ops;
    const own = ops.map((op) =>
      isSplittable(op.kind) && op.outputs.length === 1 ? this.ownSplit(op.id) : undefined,
    );
    const units: PlanUnit[] = [];
    const window = this.settings.chain_window;
    const step = this.settings.ratio_step;
    let next = 0;
    while (next < ops.length) {
      const head = next;
      const headSplit = own[head];
      if (headSplit === undefined) {
        // Not co-executable: the whole op on the GPU, where shared data lives, unless it cannot run there.
        units.push(
          wholeUnit(units.length, [head], this.app.supports(head, this.gpu) ? this.gpu : "cpu"),
        );
        next++;
        continue;
      }
      let best = { ops: [head], split: headSplit };
      let bestGain = 0;
      let bestNext = head + 1;
      const ownAloneNs = this.predictor.chainNs([head], headSplit);
      for (const ratio of this.ratios) {
        // A GPU-only run shares nothing, so chaining it cannot gain (and a zero gain would grow it forever).
        if (ratio === 1 || Math.abs(ratio - headSplit.ratio) > window + step / 2) continue;
        const split = { axis: headSplit.axis, ratio };
        if (!this.allowedRatios(head).includes(ratio)) continue;
        const chain = [head];
        let chainNs = this.predictor.chainNs(chain, split);
        let unchainedNs = ownAloneNs;
        let marginalGain = 0;
        let i = head + 1;
        while (
          marginalGain >= 0 &&
          i < ops.length &&
          own[i] !== undefined &&
          this.extends(chain, i, split)
        ) {
          const opId = i++;
          const aloneNs = this.predictor.chainNs([opId], own[opId]!);
          const before = chainNs;
          chain.push(opId);
          chainNs = this.predictor.chainNs(chain, split);
          unchainedNs += aloneNs;
          marginalGain = before + aloneNs - chainNs;
          // The chain is kept only if it beats running its ops unchained, each on its own plan.
          const gain = unchainedNs - chainNs;
          if (gain > bestGain) {
            best = { ops: [...chain], split };
            bestGain = gain;
            bestNext = i;
          }
        }
      }
      units.push(this.unitOf(units.length, best.ops, best.split));
      next = bestNext;
    }
    const fallbackOps = ops.filter((op) => !this.app.supports(op.id, this.gpu)).length;
    return { units: joinSingleTargetRuns(units), fallbackOps };
  }

  /** The GPU's slice first: the unit's output is merged where the GPU-friendly type lives. */
  private unitOf(id: number, ops: readonly number[], split: Split): PlanUnit {
    if (split.ratio === 1) return wholeUnit(id, ops, this.gpu);
    if (split.ratio === 0) return wholeUnit(id, ops, "cpu");
    const slices: UnitSlice[] = [
      { target: this.gpu, share: split.ratio, axis: split.axis },
      { target: "cpu", share: 1 - split.ratio, axis: split.axis },
    ];
    return { id, ops, options: [{ slices }] };
  }
}

/**
 * Consecutive units that each run whole on the same target become one, as
 * MACE runs a model's unsplit ops back to back (and fuses activations into
 * their producers there); a split unit stays a chain of its own.
 */
function joinSingleTargetRuns(units: readonly PlanUnit[]): PlanUnit[] {
  const joined: PlanUnit[] = [];
  const wholeTarget = (unit: PlanUnit) => {
    const slices = unit.options[0]!.slices;
    return slices.length === 1 ? slices[0]!.target : undefined;
  };
  for (const unit of units) {
    const previous = joined[joined.length - 1];
    const target = wholeTarget(unit);
    if (previous !== undefined && target !== undefined && wholeTarget(previous) === target) {
      joined[joined.length - 1] = wholeUnit(previous.id, [...previous.ops, ...unit.ops], target);
    } else {
      joined.push({ ...unit, id: joined.length });
    }
  }
  return joined;
}

function gpuOf(targets: readonly TargetInfo[]): TargetInfo | undefined {
  return targets.find((target) => target.kind === "gpu");
}

export const codl = definePolicy({
  id: "codl",
  params,
  framework: "mace",
  // §7.2: image on Adreno (texture cache), buffer on Mali (its L1 serves buffers well).
  gpuMemory: (targets) => {
    const family = gpuOf(targets)?.family ?? "";
    if (family.startsWith("adreno")) return "image";
    if (family.startsWith("mali")) return "buffer";
    return undefined;
  },
  planningCostNs: (queries) => queries * PREDICTOR_QUERY_NS,
  create(settings: CodlParams) {
    // MACE's interpreter runs one inference of a model at a time.
    const order = new OneInferencePerApp();
    return {
      plan(app) {
        order.addApp(app.appIndex);
        const gpu = gpuOf(app.targets);
        if (gpu === undefined) throw new Error(`codl: no GPU to co-execute ${app.appName} with`);
        return new CodlPlanner(app, gpu.id, settings).plan();
      },
      decide: (view) => order.decide(view),
    };
  },
});
