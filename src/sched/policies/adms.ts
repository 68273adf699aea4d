import { z } from "zod";
import { DTYPE_BYTES, elementCount, type Graph } from "../../graph/index.ts";
import { OneInferencePerApp } from "../interpreter-order.ts";
import type { PlanUnit } from "../plan.ts";
import { definePolicy } from "../policy.ts";
import type { Decision, PlanningContext, TargetInfo } from "../scheduler.ts";
import type { ProcessorState, ReadyUnit, SchedulerView } from "../view.ts";

/**
 * ADMS (Gao et al., arXiv 2503.21109, 2025; docs/policies/adms.md). Only
 * the paper's abstract is public, so everything below past "window-based
 * partitioning, a hardware monitor (load, temperature, frequency) and a
 * multi-factor scheduler" is a socsim reconstruction, and every weight,
 * threshold and period is an assumed parameter.
 *
 * Offline (Model Analyzer): each model is cut into support units (runs of
 * ops, in topological order, that the same targets can run: Band's unit
 * subgraphs), then coarsened with a window of W ops: a unit shorter than W,
 * or following a subgraph shorter than W, joins that subgraph when the
 * joined subgraph's best offline time is no worse than the two apart plus
 * the transfer between them. A joined subgraph runs only where all its ops
 * can, so coarsening trades accelerator placement for fewer boundaries. W is
 * chosen once for the whole scenario: the candidate with the lowest
 * predicted makespan of one inference of every app at once (ties: the
 * larger W, fewer subgraphs). Each subgraph is one unit with one option per
 * target that can run all of it.
 *
 * Run time (Hardware Monitor + Scheduler): each model runs one inference at
 * a time (the TFLite interpreter); ready subgraphs of all apps are taken by
 * earliest request arrival, then by more work left, and each goes to the
 * target with the lowest score
 *   w_time·(max(queue wait, transfer) + exec)/t_ref + w_util·utilisation + w_thermal·heat
 * where exec is the offline profile scaled by maximum over available
 * frequency, heat is how far the temperature is into the margin below the
 * next trip, and t_ref the subgraph's best offline time; a throttled target
 * is skipped while an unthrottled one can run the subgraph. Frequency,
 * temperature and utilisation are sampled once per monitor period; queue
 * waits come from the runtime's books at every call. With the state terms
 * off this is earliest-finish-time list scheduling on the subgraphs.
 */
const params = z
  .object({
    /** Fixed window (ops); absent: chosen offline from `window_candidates` (assumed set). */
    window: z.number().int().positive().optional(),
    window_candidates: z
      .array(z.number().int().positive())
      .nonempty()
      .default([1, 2, 4, 8, 16, 32]),
    /** Weight of the finish-time term, in units of the subgraph's best offline time (assumed). */
    time_weight: z.number().min(0).default(1),
    /** Weight of the busy fraction over the utilisation window (assumed). */
    utilisation_weight: z.number().min(0).default(0.2),
    /** Weight of the thermal term (assumed). */
    thermal_weight: z.number().min(0).default(0.5),
    /** Degrees below the next trip where the thermal term starts (assumed). */
    thermal_margin_c: z.number().gt(0).default(5),
    /** Scale offline times by maximum over available frequency (assumed on). */
    frequency_scaling: z.boolean().default(true),
    /**
     * The clock an idle processor is priced at: `thermal_cap` (assumed: its
     * governor raises it as work arrives) or `current` (what the monitor
     * reads). Under schedutil a CPU cluster idle at low clock runs a short
     * subgraph well below its cap (docs/policies/adms.md, "CPU spreading").
     */
    idle_frequency: z.enum(["thermal_cap", "current"]).default("thermal_cap"),
    /** Skip a throttled target while an unthrottled one can run the subgraph (assumed on). */
    avoid_throttled: z.boolean().default(true),
    /** How often the monitor samples frequency, temperature and utilisation (assumed). */
    monitor_period_ms: z.number().min(0).default(100),
  })
  .strict();
type AdmsParams = z.output<typeof params>;

/** Simulated CPU time of one counted profiler query: a (subgraph, target) pair's offline time, monitor reading included, or one input's transfer (assumed: a few hundred instructions). */
const SCORE_NS = 1_000;
/** Fixed simulated cost of one scheduling pass (assumed: reading the task queue). */
const PASS_NS = 10_000;

/** One app's offline facts, gathered once when the policy first sees the app. */
interface AppProfile {
  readonly graph: Graph;
  readonly targets: readonly TargetInfo[];
  /** Per target, prefix sums of offline op time (ns) in op order. */
  readonly nsPrefix: readonly Float64Array[];
  /** Per target, prefix counts of ops it cannot run. */
  readonly unsupportedPrefix: readonly Int32Array[];
  /** Per op, which targets can run it (a bit per target). */
  readonly supportMask: readonly number[];
  /** Per op, its input tensors produced by other ops: producer op and bytes. */
  readonly producedInputs: readonly (readonly { producer: number; bytes: number }[])[];
  /** Bytes of the graph's inputs read by each op. */
  readonly graphInputBytes: readonly number[];
  readonly transferNs: (from: string, to: string, bytes: number) => number;
}

/** A subgraph: ops [start, end) in op order. */
interface Range {
  readonly start: number;
  readonly end: number;
}

function tensorBytes(graph: Graph, tensorId: number): number {
  const tensor = graph.tensors[tensorId]!;
  return elementCount(tensor.shape) * DTYPE_BYTES[tensor.dtype];
}

function profileOf(app: PlanningContext): AppProfile {
  const { graph, targets } = app;
  const count = graph.ops.length;
  const nsPrefix = targets.map(() => new Float64Array(count + 1));
  const unsupportedPrefix = targets.map(() => new Int32Array(count + 1));
  const supportMask: number[] = [];
  const producedInputs = graph.ops.map(() => [] as { producer: number; bytes: number }[]);
  const graphInputBytes = graph.ops.map(() => 0);
  const graphInputs = new Set(graph.inputs);
  graph.ops.forEach((op, index) => {
    if (op.id !== index) throw new Error(`adms: op ids of ${graph.name} are not 0..n-1`);
    let mask = 0;
    targets.forEach((target, t) => {
      const runs = app.supports(op.id, target.id);
      if (runs) mask |= 1 << t;
      nsPrefix[t]![index + 1] =
        nsPrefix[t]![index]! + (runs ? app.offlineOpNs(op.id, target.id) : 0);
      unsupportedPrefix[t]![index + 1] = unsupportedPrefix[t]![index]! + (runs ? 0 : 1);
    });
    app.countWork(targets.length);
    supportMask.push(mask);
    for (const tensorId of new Set(op.inputs)) {
      const producer = graph.tensors[tensorId]!.producer;
      if (producer >= 0)
        producedInputs[index]!.push({ producer, bytes: tensorBytes(graph, tensorId) });
      else if (graphInputs.has(tensorId)) graphInputBytes[index]! += tensorBytes(graph, tensorId);
    }
  });
  return {
    graph,
    targets,
    nsPrefix,
    unsupportedPrefix,
    supportMask,
    producedInputs,
    graphInputBytes,
    transferNs: memoisedTransfers(app),
  };
}

/** The context's transfer pricing, remembered: the window search asks for the same cuts many times. */
function memoisedTransfers(app: PlanningContext): AppProfile["transferNs"] {
  const known = new Map<string, number>();
  return (from, to, bytes) => {
    const key = `${from} ${to} ${bytes}`;
    let ns = known.get(key);
    if (ns === undefined) {
      ns = app.transferNs(from, to, bytes);
      app.countWork(1);
      known.set(key, ns);
    }
    return ns;
  };
}

/** Offline time of a range on target t; Infinity when t cannot run all of it. */
function rangeNs(profile: AppProfile, range: Range, t: number): number {
  const unsupported = profile.unsupportedPrefix[t]!;
  if (unsupported[range.end]! - unsupported[range.start]! > 0) return Number.POSITIVE_INFINITY;
  return profile.nsPrefix[t]![range.end]! - profile.nsPrefix[t]![range.start]!;
}

/** The target index with the lowest offline time of a range (every range runs on some CPU target). */
function bestTarget(profile: AppProfile, range: Range): number {
  let best = 0;
  for (let t = 1; t < profile.targets.length; t++)
    if (rangeNs(profile, range, t) < rangeNs(profile, range, best)) best = t;
  return best;
}

/** Bytes the ops of `to` read from ops of `from`. */
function bytesBetween(profile: AppProfile, from: Range, to: Range): number {
  let bytes = 0;
  for (let op = to.start; op < to.end; op++)
    for (const input of profile.producedInputs[op]!)
      if (input.producer >= from.start && input.producer < from.end) bytes += input.bytes;
  return bytes;
}

/** Band's unit subgraphs, as runs in op order: consecutive ops the same targets can run. */
function supportUnits(profile: AppProfile): Range[] {
  const units: Range[] = [];
  let start = 0;
  const count = profile.supportMask.length;
  for (let op = 1; op <= count; op++) {
    if (op === count || profile.supportMask[op] !== profile.supportMask[start]) {
      units.push({ start, end: op });
      start = op;
    }
  }
  return units;
}

/** The Model Analyzer's coarsening of the support units with a window of W ops. */
function windowPartition(profile: AppProfile, window: number): Range[] {
  const merged: Range[] = [];
  for (const unit of supportUnits(profile)) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (unit.end - unit.start < window || last.end - last.start < window)) {
      const joined = { start: last.start, end: unit.end };
      const lastTarget = bestTarget(profile, last);
      const unitTarget = bestTarget(profile, unit);
      const apartNs =
        rangeNs(profile, last, lastTarget) +
        rangeNs(profile, unit, unitTarget) +
        (lastTarget === unitTarget
          ? 0
          : profile.transferNs(
              profile.targets[lastTarget]!.id,
              profile.targets[unitTarget]!.id,
              bytesBetween(profile, last, unit),
            ));
      if (rangeNs(profile, joined, bestTarget(profile, joined)) <= apartNs) {
        merged[merged.length - 1] = joined;
        continue;
      }
    }
    merged.push(unit);
  }
  return merged;
}

/** Per subgraph, the earlier subgraphs it reads from and the bytes (graph inputs as producer -1). */
function subgraphInputs(
  profile: AppProfile,
  ranges: readonly Range[],
): { producer: number; bytes: number }[][] {
  const subgraphOfOp = new Int32Array(profile.supportMask.length);
  for (const [index, range] of ranges.entries()) subgraphOfOp.fill(index, range.start, range.end);
  return ranges.map((range, index) => {
    const bytesFrom = new Map<number, number>();
    for (let op = range.start; op < range.end; op++) {
      if (profile.graphInputBytes[op]! > 0)
        bytesFrom.set(-1, (bytesFrom.get(-1) ?? 0) + profile.graphInputBytes[op]!);
      for (const input of profile.producedInputs[op]!) {
        const producer = subgraphOfOp[input.producer]!;
        if (producer !== index)
          bytesFrom.set(producer, (bytesFrom.get(producer) ?? 0) + input.bytes);
      }
    }
    return [...bytesFrom].map(([producer, bytes]) => ({ producer, bytes }));
  });
}

/** Targets that share hardware with `target`: the whole-CPU target overlaps every CPU cluster. */
function overlapping(targets: readonly TargetInfo[], target: TargetInfo): string[] {
  if (target.kind !== "cpu") return [target.id];
  if (target.id === "cpu") return targets.filter((other) => other.kind === "cpu").map((o) => o.id);
  return [target.id, "cpu"];
}

/**
 * Predicted makespan of one inference of every app started together, each
 * subgraph placed where it finishes first (offline times, transfers, one job
 * per target at a time): how the window is judged offline.
 */
function predictedMakespanNs(
  profiles: readonly AppProfile[],
  partitions: readonly (readonly Range[])[],
): number {
  const targets = profiles[0]!.targets;
  const freeAt = new Map(targets.map((target) => [target.id, 0]));
  const next = profiles.map(() => 0);
  const finished = profiles.map((_, app) => partitions[app]!.map(() => 0));
  const placed = profiles.map((_, app) => partitions[app]!.map(() => 0));
  const inputsOf = profiles.map((profile, app) => subgraphInputs(profile, partitions[app]!));
  let makespan = 0;
  for (;;) {
    // The app whose next subgraph has its data first goes next (units in order are a topological order).
    let chosenApp = -1;
    let chosenReady = Number.POSITIVE_INFINITY;
    profiles.forEach((_, app) => {
      const index = next[app]!;
      if (index >= partitions[app]!.length) return;
      const readyAt = index === 0 ? 0 : finished[app]![index - 1]!;
      if (readyAt < chosenReady) {
        chosenReady = readyAt;
        chosenApp = app;
      }
    });
    if (chosenApp < 0) return makespan;
    const profile = profiles[chosenApp]!;
    const ranges = partitions[chosenApp]!;
    const index = next[chosenApp]!++;
    const range = ranges[index]!;
    const inputs = inputsOf[chosenApp]![index]!;
    let bestFinish = Number.POSITIVE_INFINITY;
    let bestTargetIndex = 0;
    for (let t = 0; t < targets.length; t++) {
      const exec = rangeNs(profile, range, t);
      if (exec === Number.POSITIVE_INFINITY) continue;
      let dataAt = 0;
      for (const { producer, bytes } of inputs) {
        if (producer < 0) continue;
        const from = targets[placed[chosenApp]![producer]!]!.id;
        const move = from === targets[t]!.id ? 0 : profile.transferNs(from, targets[t]!.id, bytes);
        dataAt = Math.max(dataAt, finished[chosenApp]![producer]! + move);
      }
      const busyUntil = Math.max(
        ...overlapping(targets, targets[t]!).map((id) => freeAt.get(id) ?? 0),
      );
      const finish = Math.max(dataAt, busyUntil) + exec;
      if (finish < bestFinish) {
        bestFinish = finish;
        bestTargetIndex = t;
      }
    }
    placed[chosenApp]![index] = bestTargetIndex;
    finished[chosenApp]![index] = bestFinish;
    for (const id of overlapping(targets, targets[bestTargetIndex]!)) freeAt.set(id, bestFinish);
    makespan = Math.max(makespan, bestFinish);
  }
}

/** The window with the lowest predicted makespan over every app (ties: the larger window). */
function chooseWindow(profiles: readonly AppProfile[], candidates: readonly number[]): number {
  let best = candidates[0]!;
  let bestNs = Number.POSITIVE_INFINITY;
  for (const window of [...candidates].sort((a, b) => b - a)) {
    const makespan = predictedMakespanNs(
      profiles,
      profiles.map((profile) => windowPartition(profile, window)),
    );
    if (makespan < bestNs) {
      bestNs = makespan;
      best = window;
    }
  }
  return best;
}

/** What the monitor read at its last sample, per target. */
interface TargetState {
  /** Maximum over available frequency (≥ 1). */
  readonly slowdown: number;
  readonly utilisation: number;
  /** 0 below the margin, 1 at the trip. */
  readonly heat: number;
  readonly throttled: boolean;
}

/** The frequency a processor will run new work at: what the governor holds while busy; when idle, its thermal cap (the governor raises it as work arrives) or, with `idle_frequency: current`, what it holds now. */
function availableHz(processor: ProcessorState, idle: AdmsParams["idle_frequency"]): number {
  return processor.busy || idle === "current"
    ? Math.min(processor.frequencyHz, processor.thermalCapHz)
    : processor.thermalCapHz;
}

/** Per app, per unit: the plan facts decisions need. */
interface PlannedSubgraphs {
  readonly units: readonly PlanUnit[];
  /** Per unit, the targets of its options. */
  readonly optionTargets: readonly (readonly string[])[];
  /** Per unit, producer units and the bytes they hand over; graph inputs as producer -1. */
  readonly inputs: readonly (readonly { producer: number; bytes: number }[])[];
  /** Per unit, its best offline time plus the longest chain of best times after it. */
  readonly workLeftNs: readonly number[];
}

function plannedSubgraphs(profile: AppProfile, ranges: readonly Range[]): PlannedSubgraphs {
  const targets = profile.targets;
  const units = ranges.map((range, id) => ({
    id,
    ops: Array.from({ length: range.end - range.start }, (_, i) => range.start + i),
    options: targets
      .filter((_, t) => rangeNs(profile, range, t) !== Number.POSITIVE_INFINITY)
      .map((target) => ({ slices: [{ target: target.id, share: 1 }] })),
  }));
  const inputs = subgraphInputs(profile, ranges);
  const bestNs = ranges.map((range) => rangeNs(profile, range, bestTarget(profile, range)));
  const workLeftNs = new Array<number>(ranges.length).fill(0);
  const longestAfter = new Array<number>(ranges.length).fill(0);
  for (let index = ranges.length - 1; index >= 0; index--) {
    workLeftNs[index] = bestNs[index]! + longestAfter[index]!;
    for (const { producer } of inputs[index]!)
      if (producer >= 0)
        longestAfter[producer] = Math.max(longestAfter[producer]!, workLeftNs[index]!);
  }
  return {
    units,
    optionTargets: units.map((unit) => unit.options.map((option) => option.slices[0]!.target)),
    inputs,
    workLeftNs,
  };
}

class Adms {
  private readonly profiles: AppProfile[] = [];
  private window: number | undefined;
  private readonly planned: PlannedSubgraphs[] = [];
  private readonly order = new OneInferencePerApp();
  /** Per request, the target each decided unit of it went to. */
  private readonly placements = new Map<number, string[]>();
  private readonly decidedUnits = new Map<number, number>();
  private sampledAtNs = Number.NEGATIVE_INFINITY;
  private sampled = new Map<string, TargetState>();

  constructor(private readonly settings: AdmsParams) {}

  /** Gathers every app's offline facts before any is planned (plan-run rewrites all apps first). */
  analyse(app: PlanningContext): undefined {
    this.profiles[app.appIndex] = profileOf(app);
    return undefined;
  }

  plan(app: PlanningContext) {
    this.order.addApp(app.appIndex);
    const profile = this.profiles[app.appIndex] ?? profileOf(app);
    this.profiles[app.appIndex] = profile;
    if (this.window === undefined) {
      const known = app.apps.map((_, index) => this.profiles[index]);
      const all = known.every((entry) => entry !== undefined) ? known : [profile];
      this.window =
        this.settings.window ?? chooseWindow(all as AppProfile[], this.settings.window_candidates);
    }
    const ranges = windowPartition(profile, this.window);
    app.countWork(ranges.length * profile.targets.length);
    const planned = plannedSubgraphs(profile, ranges);
    this.planned[app.appIndex] = planned;
    const accelerators = new Set(
      profile.targets.filter((target) => target.kind !== "cpu").map((target) => target.id),
    );
    const fallbackOps = planned.units.reduce(
      (sum, unit, index) =>
        planned.optionTargets[index]!.some((target) => accelerators.has(target))
          ? sum
          : sum + unit.ops.length,
      0,
    );
    return { units: planned.units, fallbackOps: accelerators.size === 0 ? 0 : fallbackOps };
  }

  decide(view: SchedulerView): Decision[] {
    const admitted = this.order.decide(view);
    if (admitted.length === 0) return admitted;
    const readyById = new Map<string, ReadyUnit>();
    for (const ready of view.ready) readyById.set(`${ready.requestId}:${ready.unit.id}`, ready);
    const tasks = admitted.map((decision) => {
      const { requestId, unitId } = decision as { requestId: number; unitId: number };
      return readyById.get(`${requestId}:${unitId}`)!;
    });
    const workLeft = (task: ReadyUnit) => this.planned[task.appIndex]!.workLeftNs[task.unit.id]!;
    tasks.sort((a, b) => a.arrivalNs - b.arrivalNs || workLeft(b) - workLeft(a));
    const processors = view.processors;
    this.sample(view.nowNs, processors);
    // Queue waits from the runtime's books, then what this pass adds.
    const busyUntil = new Map<string, number>();
    for (const processor of processors) busyUntil.set(processor.id, processor.predictedDrainNs);
    return tasks.map((task) => this.place(view, task, processors, busyUntil));
  }

  private sample(nowNs: number, processors: readonly ProcessorState[]): void {
    if (nowNs - this.sampledAtNs < this.settings.monitor_period_ms * 1e6) return;
    this.sampledAtNs = nowNs;
    const margin = this.settings.thermal_margin_c;
    const targets = this.profiles[0]!.targets;
    this.sampled = new Map(
      targets.map((target) => {
        const mine = this.processorsOf(target, processors);
        const state: TargetState = {
          slowdown: Math.max(
            1,
            ...mine.map((p) => p.maxFrequencyHz / availableHz(p, this.settings.idle_frequency)),
          ),
          utilisation: Math.max(0, ...mine.map((p) => p.busyFraction)),
          heat: Math.max(
            0,
            ...mine.map((p) =>
              p.nextTripC === null
                ? 0
                : Math.min(1, Math.max(0, p.temperatureC - (p.nextTripC - margin)) / margin),
            ),
          ),
          throttled: mine.some((p) => p.thermalCapHz < p.maxFrequencyHz),
        };
        return [target.id, state];
      }),
    );
  }

  /** The processors a target runs on: its own, or every CPU cluster for the whole-CPU target. */
  private processorsOf(
    target: TargetInfo,
    processors: readonly ProcessorState[],
  ): ProcessorState[] {
    const own = processors.filter((p) => p.id === target.id);
    return own.length > 0 ? own : processors.filter((p) => p.kind === target.kind);
  }

  private place(
    view: SchedulerView,
    task: ReadyUnit,
    processors: readonly ProcessorState[],
    busyUntil: Map<string, number>,
  ): Decision {
    const s = this.settings;
    const planned = this.planned[task.appIndex]!;
    const targets = this.profiles[task.appIndex]!.targets;
    const optionTargets = planned.optionTargets[task.unit.id]!;
    const placements = this.placements.get(task.requestId) ?? [];
    const offline = optionTargets.map((_, option) =>
      view.profiler.offlineNs(task.appIndex, task.unit, option),
    );
    const referenceNs = Math.max(1, Math.min(...offline));
    const anyCool = optionTargets.some((target) => !this.sampled.get(target)?.throttled);
    let bestOption = 0;
    let bestScore = Number.POSITIVE_INFINITY;
    let bestFinish = 0;
    let bestIds: string[] = [];
    view.countWork(optionTargets.length);
    optionTargets.forEach((targetId, option) => {
      const state = this.sampled.get(targetId)!;
      if (s.avoid_throttled && state.throttled && anyCool) return;
      const target = targets.find((candidate) => candidate.id === targetId)!;
      const ids = this.processorsOf(target, processors).map((p) => p.id);
      const waitNs = Math.max(0, ...ids.map((id) => busyUntil.get(id) ?? 0));
      let transferNs = 0;
      for (const input of planned.inputs[task.unit.id]!) {
        const from = input.producer < 0 ? "cpu" : (placements[input.producer] ?? "cpu");
        if (from !== targetId) {
          // Each transfer priced is a profiler query, work the contract says to count.
          view.countWork(1);
          transferNs = Math.max(transferNs, view.profiler.transferNs(from, targetId, input.bytes));
        }
      }
      const execNs = offline[option]! * (s.frequency_scaling ? state.slowdown : 1);
      const finishNs = Math.max(waitNs, transferNs) + execNs;
      const score =
        (s.time_weight * finishNs) / referenceNs +
        s.utilisation_weight * state.utilisation +
        s.thermal_weight * state.heat;
      if (score < bestScore) {
        bestScore = score;
        bestOption = option;
        bestFinish = finishNs;
        bestIds = ids;
      }
    });
    for (const id of bestIds) busyUntil.set(id, bestFinish);
    placements[task.unit.id] = optionTargets[bestOption]!;
    const decided = (this.decidedUnits.get(task.requestId) ?? 0) + 1;
    if (decided === planned.units.length) {
      this.placements.delete(task.requestId);
      this.decidedUnits.delete(task.requestId);
    } else {
      this.placements.set(task.requestId, placements);
      this.decidedUnits.set(task.requestId, decided);
    }
    return { kind: "run", requestId: task.requestId, unitId: task.unit.id, option: bestOption };
  }
}

export const adms = definePolicy({
  id: "adms",
  params,
  framework: "tflite",
  // A pass that placed nothing scored nothing and costs nothing.
  decisionCostNs: (queries) => (queries === 0 ? 0 : PASS_NS + queries * SCORE_NS),
  create(settings: AdmsParams) {
    const policy = new Adms(settings);
    return {
      rewrite: (app) => policy.analyse(app),
      plan: (app) => policy.plan(app),
      decide: (view) => policy.decide(view),
    };
  },
});
