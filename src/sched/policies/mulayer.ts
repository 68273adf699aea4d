import { z } from "zod";
import {
  type DType,
  type Graph,
  isSplittable,
  type Op,
  type OpKind,
  parallelBranches,
  predecessorsOf,
  successorsOf,
} from "../../graph/index.ts";
import { OneInferencePerApp } from "../interpreter-order.ts";
import type { PlanUnit, UnitSlice } from "../plan.ts";
import { definePolicy, type Policy, type PolicyDefinition } from "../policy.ts";
import type { PlanningContext } from "../scheduler.ts";
import type { SchedulerView } from "../view.ts";

/**
 * μLayer (Kim et al., EuroSys 2019; docs/policies/mulayer.md): every layer
 * is split by output channels between the CPU and the GPU, both slices
 * start once the layer's input is ready and the next layer waits for both
 * (one unit per layer, so the runtime's join is the barrier). The split
 * ratio balances the two sides' predicted times, from μLayer's own latency
 * model: time linear in FLOPs, one model per (op kind, processor), fitted
 * to the profiling set. Each processor computes in its friendliest dtype
 * (CPU int8, GPU fp16); parallel branches go whole to one processor each
 * when that is predicted faster than splitting their layers. Nothing is
 * decided per request beyond starting an app's next request when its last
 * one is done.
 */
const params = z
  .object({
    /** Slices in each processor's friendly dtype (CPU int8, GPU fp16); assumed on, the paper's headline. */
    quantize: z.boolean().default(true),
    /** Step of the CPU share searched per layer (CoDL's ratio grid, conv_2d_part_predict.cc). */
    // At least 0.01: a grid of at most 100 ratios per layer.
    ratio_step: z.number().min(0.01).lte(0.5).default(0.1),
    /** Whole parallel branches on one processor each, where predicted faster than per-layer splits. */
    branch_distribution: z.boolean().default(true),
  })
  .strict();

type Params = z.output<typeof params>;

/** Predicted time (ns) of a channel slice of `share` of an op on a target. */
export interface LayerPredictor {
  sliceNs(op: Op, target: string, share: number): number;
}

/** Builds a predictor for one app when it is planned. */
export type TrainPredictor = (app: PlanningContext, targets: readonly string[]) => LayerPredictor;

/** Shares of an op profiled to train the model: a spread of FLOPs per op. */
const TRAINING_SHARES = [0.25, 0.5, 0.75, 1];

/** A line through (FLOPs, ns) fitted by least squares. */
interface LinearModel {
  readonly interceptNs: number;
  readonly nsPerFlop: number;
}

/**
 * μLayer's predictor: per (op kind, target), time = a + b·FLOPs, fitted to
 * channel slices of the app's ops from the profiling set. A channel slice
 * of k of C output channels does k/C of the op's FLOPs.
 */
export const trainFlopsPredictor: TrainPredictor = (app, targets) => {
  const samples = new Map<string, { flops: number[]; ns: number[] }>();
  for (const op of app.graph.ops) {
    const channels = outputChannels(app.graph, op);
    const shares = channels === undefined ? [1] : TRAINING_SHARES;
    for (const target of targets) {
      if (!app.supports(op.id, target)) continue;
      const key = modelKey(op.kind, target);
      let set = samples.get(key);
      if (set === undefined) {
        set = { flops: [], ns: [] };
        samples.set(key, set);
      }
      for (const wanted of shares) {
        const share =
          channels === undefined ? 1 : channelShare(wanted, channels, groupWidth(op, channels));
        set.flops.push(op.flops * share);
        set.ns.push(app.profileSliceNs(op.id, target, { axis: "channels", share }));
      }
    }
  }
  const models = new Map<string, LinearModel>();
  for (const [key, set] of samples) models.set(key, leastSquares(set.flops, set.ns));
  return {
    sliceNs(op, target, share) {
      const model = models.get(modelKey(op.kind, target));
      if (model === undefined) return Number.POSITIVE_INFINITY;
      // A fitted line can cross zero below the smallest profiled slice; no slice takes negative time.
      return Math.max(0, model.interceptNs + model.nsPerFlop * op.flops * share);
    },
  };
};

function modelKey(kind: OpKind, target: string): string {
  return `${kind}@${target}`;
}

/** Ordinary least squares; a flat line through the mean when every sample has the same FLOPs. */
function leastSquares(xs: readonly number[], ys: readonly number[]): LinearModel {
  const count = xs.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / count;
  const meanY = ys.reduce((a, b) => a + b, 0) / count;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < count; i++) {
    covariance += (xs[i]! - meanX) * (ys[i]! - meanY);
    variance += (xs[i]! - meanX) ** 2;
  }
  if (variance === 0) return { interceptNs: meanY, nsPerFlop: 0 };
  const nsPerFlop = covariance / variance;
  return { interceptNs: meanY - nsPerFlop * meanX, nsPerFlop };
}

/** Output channels a channel split cuts ([1, C, H, W], or a fully connected op's features); undefined when it cannot. */
function outputChannels(graph: Graph, op: Op): number | undefined {
  if (!isSplittable(op.kind, "channels") || op.outputs.length !== 1) return undefined;
  const shape = graph.tensors[op.outputs[0]!]!.shape;
  if (shape.length === 4) return shape[1]! > 1 ? shape[1] : undefined;
  if (op.kind === "fully_connected" && shape[shape.length - 1]! > 1) return shape[shape.length - 1];
  return undefined;
}

/** Channels a slice must keep together: a grouped convolution's group (a depthwise one's is 1). */
function groupWidth(op: Op, channels: number): number {
  const groups = op.attrs.groups ?? 1;
  return (op.kind === "conv2d" || op.kind === "transposed_conv2d") && groups > 1
    ? channels / groups
    : 1;
}

/** The share of whole groups of `width` channels nearest to `wanted`, at least one group. */
function channelShare(wanted: number, channels: number, width: number): number {
  return (Math.max(1, Math.round((wanted * channels) / width)) * width) / channels;
}

/** Kinds that begin a layer; the single-input element-wise ops after one belong to it. */
const LAYER_HEADS = new Set<OpKind>([
  "conv2d",
  "depthwise_conv2d",
  "transposed_conv2d",
  "fully_connected",
  "max_pool",
  "avg_pool",
  "global_avg_pool",
]);

/** How one layer runs: on one target, or split with the CPU taking `cpuShare` of its channels. */
type LayerRun =
  | { readonly whole: string; readonly predictedNs: number }
  | { readonly cpuShare: number; readonly predictedNs: number };

export function mulayerPolicy(train: TrainPredictor = trainFlopsPredictor): PolicyDefinition {
  return definePolicy({
    id: "mulayer",
    params,
    // CoDL's μLayer-like baseline runs on MACE with OpenCL buffers on both sides (CoDL §1, §7.1).
    framework: "mace",
    gpuMemory: () => "buffer",
    // One evaluation of a linear latency model on the phone: CoDL's 0.2 ms per query (§7.5), its low end.
    planningCostNs: (queries) => queries * 200_000,
    // The plan is static: a decision only starts ready units.
    decisionCostNs: () => 0,
    create: (options: Params) => createMulayer(options, train),
  });
}

function createMulayer(options: Params, train: TrainPredictor): Policy {
  const order = new OneInferencePerApp();
  return {
    plan(app: PlanningContext) {
      order.addApp(app.appIndex);
      const cpu = app.targets.find((target) => target.id === "cpu")?.id;
      const gpu = app.targets.find((target) => target.kind === "gpu")?.id;
      if (cpu === undefined || gpu === undefined)
        throw new Error(`mulayer: ${app.appName} needs a CPU and a GPU target`);
      const planner = new LayerPlanner(app, options, train(app, [cpu, gpu]), cpu, gpu);
      return planner.plan();
    },
    decide: (view: SchedulerView) => order.decide(view),
  };
}

/** Cuts one app into layers and branches and chooses where and how each runs. */
class LayerPlanner {
  private readonly graph: Graph;
  private readonly predecessors: number[][];
  private readonly successors: number[][];
  /** Ops already in a unit (or claimed by a branch unit). */
  private readonly claimed: boolean[];
  private readonly units: PlanUnit[] = [];
  private fallbackOps = 0;

  constructor(
    private readonly app: PlanningContext,
    private readonly options: Params,
    private readonly predictor: LayerPredictor,
    private readonly cpu: string,
    private readonly gpu: string,
  ) {
    this.graph = app.graph;
    this.predecessors = predecessorsOf(this.graph);
    this.successors = successorsOf(this.graph);
    this.claimed = this.graph.ops.map(() => false);
  }

  plan() {
    const branchOf = this.options.branch_distribution ? this.distributeBranches() : new Map();
    for (const id of branchOf.keys()) this.claimed[id] = true;
    for (const op of this.graph.ops) {
      const branch = branchOf.get(op.id);
      if (branch !== undefined) {
        if (branch.ops[0] === op.id) this.addUnit(branch.ops, [this.slice(branch.target, 1)]);
        continue;
      }
      if (this.claimed[op.id]) continue;
      this.claimed[op.id] = true;
      const layer = this.layerFrom(op.id);
      for (const id of layer) this.claimed[id] = true;
      this.addLayer(layer);
    }
    return { units: this.units, fallbackOps: this.fallbackOps };
  }

  private addUnit(ops: readonly number[], slices: readonly UnitSlice[]): void {
    this.units.push({ id: this.units.length, ops, options: [{ slices }] });
  }

  private addLayer(layer: readonly number[]): void {
    const run = this.bestRun(layer);
    if ("whole" in run) {
      if (run.whole === this.cpu && !layer.every((id) => this.app.supports(id, this.gpu)))
        this.fallbackOps += layer.length;
      this.addUnit(layer, [this.slice(run.whole, 1)]);
      return;
    }
    // The GPU slice first: the layer's output is gathered there (the HOPE re-implementation concatenates on the GPU).
    this.addUnit(layer, [
      this.slice(this.gpu, 1 - run.cpuShare),
      this.slice(this.cpu, run.cpuShare),
    ]);
  }

  private slice(target: string, share: number): UnitSlice {
    const dtype = this.options.quantize ? this.friendlyDtype(target) : undefined;
    return dtype === undefined
      ? { target, share, axis: "channels" }
      : { target, share, axis: "channels", dtype };
  }

  /** The paper's processor-friendly types: integer arithmetic on the CPU, half floats on the GPU. */
  private friendlyDtype(target: string): DType {
    return target === this.cpu ? "int8" : "fp16";
  }

  /** An op and the single-input element-wise ops that follow it alone (activation, normalisation). */
  private layerFrom(first: number): number[] {
    const layer = [first];
    if (!LAYER_HEADS.has(this.graph.ops[first]!.kind)) return layer;
    let last = first;
    for (;;) {
      const next = this.successors[last]!;
      if (next.length !== 1) return layer;
      const candidate = next[0]!;
      const op = this.graph.ops[candidate]!;
      const followsAlone =
        !this.claimed[candidate] &&
        !LAYER_HEADS.has(op.kind) &&
        isSplittable(op.kind, "channels") &&
        this.predecessors[candidate]!.length === 1 &&
        op.inputs.length === 1;
      if (!followsAlone) return layer;
      layer.push(candidate);
      last = candidate;
    }
  }

  /** Predicted time of a layer's ops on a target at a channel share. */
  private predictNs(layer: readonly number[], target: string, share: number): number {
    let total = 0;
    for (const id of layer) {
      if (!this.app.supports(id, target)) return Number.POSITIVE_INFINITY;
      total += this.predictor.sliceNs(this.graph.ops[id]!, target, share);
    }
    this.app.countWork(layer.length);
    return total;
  }

  /** The split (or whole placement) with the least predicted time, CPU share on the ratio grid. */
  private bestRun(layer: readonly number[]): LayerRun {
    const onCpu = this.predictNs(layer, this.cpu, 1);
    const onGpu = this.predictNs(layer, this.gpu, 1);
    if (!Number.isFinite(onCpu) && !Number.isFinite(onGpu))
      throw new Error(
        `mulayer: neither ${this.cpu} nor ${this.gpu} runs layer ${this.graph.ops[layer[0]!]!.name} of ${this.app.appName}`,
      );
    let best: LayerRun =
      onCpu < onGpu
        ? { whole: this.cpu, predictedNs: onCpu }
        : { whole: this.gpu, predictedNs: onGpu };
    const channels = this.splitChannels(layer);
    if (channels === undefined || !Number.isFinite(onCpu) || !Number.isFinite(onGpu)) return best;
    const width = groupWidth(this.graph.ops[layer[0]!]!, channels);
    const steps = Math.round(1 / this.options.ratio_step);
    for (let step = 1; step < steps; step++) {
      const cpuShare = channelShare(step / steps, channels, width);
      if (cpuShare >= 1) continue;
      const predictedNs = Math.max(
        this.predictNs(layer, this.cpu, cpuShare),
        this.predictNs(layer, this.gpu, 1 - cpuShare),
      );
      if (predictedNs < best.predictedNs) best = { cpuShare, predictedNs };
    }
    return best;
  }

  /** The channel count every op of the layer shares, or undefined when the layer cannot be split by channels. */
  private splitChannels(layer: readonly number[]): number | undefined {
    const channels = outputChannels(this.graph, this.graph.ops[layer[0]!]!);
    if (channels === undefined) return undefined;
    const same = layer.every((id) => outputChannels(this.graph, this.graph.ops[id]!) === channels);
    return same ? channels : undefined;
  }

  /**
   * Divergent paths: for every fork whose paths are all real (not a
   * residual shortcut), the assignment of whole branches to the CPU and
   * GPU with the least predicted makespan, kept where it beats splitting
   * each of the branches' layers. Outer regions are tried before the ones
   * nested in them.
   */
  private distributeBranches(): Map<number, { ops: readonly number[]; target: string }> {
    const branchOf = new Map<number, { ops: readonly number[]; target: string }>();
    for (const region of parallelBranches(this.graph)) {
      const branches = region.branches;
      if (branches.some((ops) => ops.length === 0) || branches.length > MAX_BRANCHES) continue;
      if (branches.some((ops) => ops.some((id) => branchOf.has(id)))) continue;
      const cpuNs = branches.map((ops) => this.predictNs(ops, this.cpu, 1));
      const gpuNs = branches.map((ops) => this.predictNs(ops, this.gpu, 1));
      const assignment = bestAssignment(cpuNs, gpuNs);
      if (assignment === undefined) continue;
      const splitNs = branches.reduce((sum, ops) => sum + this.splitLayersNs(ops), 0);
      if (assignment.makespanNs >= splitNs) continue;
      branches.forEach((ops, index) => {
        const entry = { ops, target: assignment.onCpu[index] ? this.cpu : this.gpu };
        for (const id of ops) branchOf.set(id, entry);
      });
    }
    return branchOf;
  }

  /** Predicted time of a branch run layer by layer, each layer at its best split. */
  private splitLayersNs(ops: readonly number[]): number {
    let total = 0;
    const inBranch = new Set(ops);
    const seen = new Set<number>();
    for (const id of ops) {
      if (seen.has(id)) continue;
      const layer = this.layerFrom(id).filter((member) => inBranch.has(member));
      for (const member of layer) seen.add(member);
      total += this.bestRun(layer).predictedNs;
    }
    return total;
  }
}

/** Regions with more branches than this are split layer by layer (2^n assignments are tried). */
const MAX_BRANCHES = 10;

/** Branches to the CPU (true) or GPU with the least predicted makespan; undefined when none is feasible. */
function bestAssignment(
  cpuNs: readonly number[],
  gpuNs: readonly number[],
): { onCpu: boolean[]; makespanNs: number } | undefined {
  let best: { onCpu: boolean[]; makespanNs: number } | undefined;
  for (let mask = 0; mask < 1 << cpuNs.length; mask++) {
    let cpuTotal = 0;
    let gpuTotal = 0;
    const onCpu = cpuNs.map((_, index) => (mask & (1 << index)) !== 0);
    onCpu.forEach((cpu, index) => {
      if (cpu) cpuTotal += cpuNs[index]!;
      else gpuTotal += gpuNs[index]!;
    });
    const makespanNs = Math.max(cpuTotal, gpuTotal);
    if (Number.isFinite(makespanNs) && (best === undefined || makespanNs < best.makespanNs))
      best = { onCpu, makespanNs };
  }
  return best;
}

export const mulayer = mulayerPolicy();
