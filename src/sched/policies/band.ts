import { z } from "zod";
import { type Graph, predecessorsOf } from "../../graph/index.ts";
import type { ModelPlan, PlanUnit, PreparedSubgraph } from "../plan.ts";
import { definePolicy } from "../policy.ts";
import type { Decision, PlanningContext } from "../scheduler.ts";
import type { ProcessorState, ReadyUnit, SchedulerView } from "../view.ts";

/**
 * Band (MobiSys 2022; docs/policies/band.md): each model is cut into unit
 * subgraphs, maximal groups of ops with the same set of processors able to
 * run them (accelerator islands under `minimum_subgraph_size` ops are left
 * to the other processors); every run of consecutive units one processor
 * supports is a merged subgraph there. At run time a planner picks, for each
 * ready job (a request's next unit), a subgraph and a worker (one per
 * processor) from an expected-latency search over the units, using the
 * runtime profile (an EMA of observed completions with Band's smoothing
 * factor) and each worker's waiting time. Each worker has Band's own queue
 * and runs one job at a time from it. Requests that cannot meet their SLO
 * are dropped before they are handed to a worker. A worker whose delegate
 * fails throttles for the availability check interval, then is retried.
 */
const PLANNERS = [
  "fixed_device",
  "round_robin",
  "shortest_expected_latency",
  "heft",
  "least_slack_first",
] as const;

const params = z
  .object({
    /** Band's `schedulers` (its ids 0, 1, 2, 4, 5); the config requires one, HEFT is assumed here. */
    planner: z.enum(PLANNERS).default("heft"),
    /** Fixed device: the worker each app is pinned to, by app name; apps not listed use `fixed_device`. */
    fixed_devices: z.record(z.string(), z.string()).default({}),
    /** Fixed device: the worker of apps not listed in `fixed_devices` (assumed: the GPU, TFLite's delegate). */
    fixed_device: z.string().default("gpu"),
    /** Accelerator islands with fewer ops are not offered to that accelerator (config.h: 7). */
    minimum_subgraph_size: z.number().int().positive().default(7),
    /** `merge_unit_subgraph` (Band's default) also offers every run of consecutive units one worker supports. */
    subgraph_preparation: z
      .enum(["merge_unit_subgraph", "unit_subgraph"])
      .default("merge_unit_subgraph"),
    /** Jobs the planner looks at per round, in arrival order (config.h: unbounded when absent). */
    schedule_window_size: z.number().int().positive().optional(),
    /** A worker whose delegate failed is offered again after this long (config.h: 30 000 ms). */
    availability_check_interval_ms: z.number().positive().default(30_000),
  })
  .strict();
type BandParams = z.infer<typeof params>;

/** Band's `profile_smoothing_factor`: new = 0.1·observed + 0.9·old. */
const PROFILE_SMOOTHING_FACTOR = 0.1;
/**
 * One planning round of Band's planner thread: a condition-variable wake-up
 * and a pass over its queue on a big core (assumed: 10 µs, the order of a
 * thread wake-up on Android; the paper gives no figure).
 */
const PLANNING_ROUND_NS = 10_000;
/**
 * Host time of one subgraph candidate in the latency search: a table
 * lookup, an add and a compare in Band's C++ planner (assumed; the paper
 * gives no per-candidate figure).
 */
const SEARCH_CANDIDATE_NS = 100;
/** The waiting time a throttling worker reports (Band: INT_MAX / 2 µs), so that no plan uses it. */
const THROTTLING_WAIT_NS = (2 ** 31 / 2) * 1000;

/** What Band prepared for one app at model load. */
interface PreparedModel {
  readonly units: readonly PlanUnit[];
  /** Per unit, per worker index: the unit's option on that worker, or -1 when the worker cannot run it. */
  readonly optionOn: readonly (readonly number[])[];
  /**
   * Per unit i, per worker index: the last unit j such that units i..j are
   * one subgraph on that worker (-1 when it cannot run unit i). Beyond
   * support, every unit after i must be fed only by units of the range, so
   * the runtime can run the range as one merged job from unit i on.
   */
  readonly lastUnitOn: readonly (readonly number[])[];
  /** The worker index this app is pinned to in fixed-device mode, or -1. */
  readonly fixedWorker: number;
}

/** A subgraph: units `first..last` on one worker. */
interface Subgraph {
  readonly first: number;
  readonly last: number;
  readonly worker: number;
}

/** The search's answer for one job: the estimated finish (from now) of the whole remainder, and its first subgraph. */
interface BestPlan {
  readonly finishNs: number;
  readonly first: Subgraph;
  readonly firstNs: number;
}

/** A job the planner handed to a worker, waiting in that worker's queue for the worker to finish its current one. */
interface QueuedJob {
  readonly requestId: number;
  readonly appIndex: number;
  readonly subgraph: Subgraph;
}

/** Tail units of a merged job the view's books do not count yet: each is counted from when Band expects it to start. */
interface MergedTail {
  readonly worker: number;
  readonly startsNs: number[];
  readonly durationsNs: number[];
}

/**
 * HEFT lets a job wait for its earliest-finishing worker while a later
 * request of its app takes an idle one: the wait is that worker's drain (a
 * whole-model merged job on a slow accelerator under a stale estimate), not a
 * constant. The kit's 100 ms is exceeded by design (docs/policies/band.md);
 * 1 s, the stall bound, still catches a job Band has lost.
 */
const STARVATION_BOUND_NS = 1_000_000_000;

export const band = definePolicy({
  id: "band",
  params,
  framework: "tflite",
  emaFactor: PROFILE_SMOOTHING_FACTOR,
  starvationBoundNs: STARVATION_BOUND_NS,
  onDelegateFailure: "replan",
  decisionCostNs: (work) => PLANNING_ROUND_NS + work * SEARCH_CANDIDATE_NS,
  create: (settings: BandParams) => new Band(settings),
});

class Band {
  /** Worker target ids: the framework's whole CPU, then each accelerator it drives. */
  private workers: readonly string[] = [];
  private readonly models: PreparedModel[] = [];
  /** Round robin: the worker each started request runs on, so a model is never split. */
  private readonly roundRobinWorker = new Map<number, number>();
  private mergedTails: MergedTail[] = [];
  /** Per worker, Band's own queue: jobs the planner handed it, run one at a time in order. */
  private queues: QueuedJob[][] = [];
  /** Per worker, until when it is throttling after a delegate failure (0: available). */
  private throttlingUntilNs: number[] = [];

  constructor(private readonly settings: BandParams) {}

  plan(app: PlanningContext): ModelPlan {
    this.workers = workersOf(app);
    const fixedTarget = this.settings.fixed_devices[app.appName] ?? this.settings.fixed_device;
    const fixedWorker = this.workers.indexOf(fixedTarget);
    if (this.settings.planner === "fixed_device" && fixedWorker < 0)
      throw new Error(
        `band: fixed device ${fixedTarget} for ${app.appName} is not a worker of ${app.framework} here (${this.workers.join(", ")})`,
      );
    const masks = supportMasks(app, this.workers, this.settings.minimum_subgraph_size);
    const groups = unitGroups(app.graph, (opId) => masks[opId]!);
    const units = groups.map((ops, id) => ({
      id,
      ops,
      options: this.workers
        .filter((_, worker) => (masks[ops[0]!]! & (1 << worker)) !== 0)
        .map((target) => ({ slices: [{ target, share: 1 }] })),
    }));
    const optionOn = units.map((unit) =>
      this.workers.map((target) =>
        unit.options.findIndex((option) => option.slices[0]!.target === target),
      ),
    );
    const merge = this.settings.subgraph_preparation === "merge_unit_subgraph";
    const lastUnitOn = mergeableRanges(app.graph, groups, optionOn, this.workers.length, merge);
    this.models[app.appIndex] = { units, optionOn, lastUnitOn, fixedWorker };
    // Ops that do not run where the policy means them to: off the pinned device in fixed-device mode, else on no accelerator.
    const fellBack = (opId: number) =>
      this.settings.planner === "fixed_device"
        ? (masks[opId]! & (1 << fixedWorker)) === 0
        : masks[opId] === 1;
    return {
      units,
      fallbackOps: app.graph.ops.filter((op) => fellBack(op.id)).length,
      preparedSubgraphs: mergedRanges(units, lastUnitOn, this.workers),
    };
  }

  /**
   * One planner round over the jobs no worker queue holds, then each worker
   * with none of Band's jobs running starts the head of its queue.
   */
  decide(view: SchedulerView): Decision[] {
    this.forgetGoneJobs(view.ready);
    this.noteFailures(view);
    const queued = new Set(
      this.queues.flatMap((queue) => queue.map((job) => jobKey(job.requestId, job.subgraph.first))),
    );
    const unplanned = view.ready.filter((job) => !queued.has(jobKey(job.requestId, job.unit.id)));
    const round = new Round(view, this);
    const window = unplanned.slice(0, this.settings.schedule_window_size ?? unplanned.length);
    const drops = this.planRound(round, window);
    return [...drops, ...round.startQueueHeads()];
  }

  private planRound(round: Round, window: readonly ReadyUnit[]): Decision[] {
    switch (this.settings.planner) {
      case "fixed_device":
        return round.fixedDevice(window);
      case "round_robin":
        return round.roundRobin(window);
      case "shortest_expected_latency":
        return round.shortestExpectedLatency(window);
      case "heft":
        return round.heft(window);
      case "least_slack_first":
        return round.leastSlackFirst(window);
    }
  }

  /** Queued jobs whose request is gone (dropped, or its unit no longer ready) leave their queues. */
  private forgetGoneJobs(ready: readonly ReadyUnit[]): void {
    const present = new Set(ready.map((job) => jobKey(job.requestId, job.unit.id)));
    this.queues = this.workers.map((_, worker) =>
      (this.queues[worker] ?? []).filter((job) =>
        present.has(jobKey(job.requestId, job.subgraph.first)),
      ),
    );
  }

  /**
   * A job whose delegate failed marks its worker as throttling for the
   * availability check interval; the worker's queued jobs go back to the
   * planner with it. After the interval the worker is offered again, and
   * the next job there is the retry.
   */
  private noteFailures(view: SchedulerView): void {
    for (const job of view.ready) {
      const worker = job.failedOn === null ? -1 : this.workers.indexOf(job.failedOn);
      if (worker < 0 || this.throttling(worker, view.nowNs)) continue;
      this.throttlingUntilNs[worker] =
        view.nowNs + this.settings.availability_check_interval_ms * 1e6;
      this.queues[worker] = [];
    }
  }

  throttling(worker: number, nowNs: number): boolean {
    return (this.throttlingUntilNs[worker] ?? 0) > nowNs;
  }

  queueOf(worker: number): QueuedJob[] {
    return this.queues[worker]!;
  }

  workerIds(): readonly string[] {
    return this.workers;
  }

  model(appIndex: number): PreparedModel {
    return this.models[appIndex]!;
  }

  roundRobinWorkerOf(requestId: number): number | undefined {
    return this.roundRobinWorker.get(requestId);
  }

  pinRoundRobin(requestId: number, worker: number): void {
    this.roundRobinWorker.set(requestId, worker);
  }

  /**
   * The time of merged tails on each worker not yet started by Band's
   * expectation. A worker with none of Band's jobs has finished its merged
   * jobs (their units start one after another), so its tails are forgotten.
   */
  unstartedTailNs(nowNs: number, hasJobs: readonly boolean[]): number[] {
    const perWorker = this.workers.map(() => 0);
    this.mergedTails = this.mergedTails.filter((tail) => {
      if (!hasJobs[tail.worker]) return false;
      let pending = false;
      tail.startsNs.forEach((startNs, index) => {
        if (startNs > nowNs) {
          perWorker[tail.worker]! += tail.durationsNs[index]!;
          pending = true;
        }
      });
      return pending;
    });
    return perWorker;
  }

  addMergedTail(tail: MergedTail): void {
    this.mergedTails.push(tail);
  }
}

/** A job's identity across calls: its request and its first unit. */
function jobKey(requestId: number, unitId: number): string {
  return `${requestId}/${unitId}`;
}

/** Band's workers: one per processor the framework drives; the CPU is the framework's whole-CPU target. */
function workersOf(app: PlanningContext): string[] {
  const accelerators = app.targets.filter((target) => target.kind !== "cpu");
  return ["cpu", ...accelerators.map((target) => target.id)];
}

/**
 * Per op, the bitmask of workers that run it (bit i for worker i). An
 * accelerator's supported regions, cut as the unit grouping cuts them, that
 * have fewer than `minimumSize` ops are cleared: Band does not offer tiny
 * islands to a delegate.
 */
function supportMasks(
  app: PlanningContext,
  workers: readonly string[],
  minimumSize: number,
): number[] {
  const masks = app.graph.ops.map((op) => (app.supports(op.id, "cpu") ? 1 : 0));
  workers.forEach((target, worker) => {
    if (worker === 0) return;
    const supported = app.graph.ops.map((op) => app.supports(op.id, target));
    for (const region of unitGroups(app.graph, (opId) => (supported[opId] ? 1 : 0))) {
      if (!supported[region[0]!] || region.length < minimumSize) continue;
      for (const opId of region) masks[opId]! |= 1 << worker;
    }
  });
  const nowhere = masks.indexOf(0);
  if (nowhere >= 0)
    throw new Error(`band: no worker of ${app.framework} runs op ${nowhere} of ${app.appName}`);
  return masks;
}

/**
 * Band's unit grouping: repeatedly take the first op whose inputs are all
 * produced, then every op that becomes ready with the same key, until none
 * is left; each group is a unit. Groups come out in a topological order.
 */
function unitGroups(graph: Graph, keyOf: (opId: number) => number): number[][] {
  const predecessors = predecessorsOf(graph);
  const successors: number[][] = graph.ops.map(() => []);
  const waiting = predecessors.map((producers) => producers.length);
  predecessors.forEach((producers, consumer) => {
    for (const producer of producers) successors[producer]!.push(consumer);
  });
  const ready = graph.ops.filter((op) => waiting[op.id] === 0).map((op) => op.id);
  const groups: number[][] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const key = keyOf(ready[0]!);
    const group: number[] = [];
    const frontier = ready.filter((opId) => keyOf(opId) === key);
    const others = ready.filter((opId) => keyOf(opId) !== key);
    while (frontier.length > 0) {
      const opId = frontier.pop()!;
      group.push(opId);
      for (const next of successors[opId]!) {
        if (--waiting[next]! > 0) continue;
        (keyOf(next) === key ? frontier : others).push(next);
      }
    }
    ready.length = 0;
    ready.push(...others);
    groups.push(group.sort((a, b) => a - b));
  }
  return groups;
}

/** Per unit and worker, the last unit of the longest subgraph starting there (see PreparedModel.lastUnitOn). */
function mergeableRanges(
  graph: Graph,
  groups: readonly (readonly number[])[],
  optionOn: readonly (readonly number[])[],
  workerCount: number,
  merge: boolean,
): number[][] {
  const unitOfOp: number[] = [];
  groups.forEach((ops, unit) => {
    for (const opId of ops) unitOfOp[opId] = unit;
  });
  const predecessors = predecessorsOf(graph);
  const feeders = groups.map((ops, unit) => {
    const from = new Set<number>();
    for (const opId of ops)
      for (const producer of predecessors[opId]!)
        if (unitOfOp[producer] !== unit) from.add(unitOfOp[producer]!);
    return [...from];
  });
  return groups.map((_, first) =>
    Array.from({ length: workerCount }, (_, worker) => {
      if (optionOn[first]![worker]! < 0) return -1;
      let last = first;
      while (
        merge &&
        last + 1 < groups.length &&
        optionOn[last + 1]![worker]! >= 0 &&
        feeders[last + 1]!.length > 0 &&
        feeders[last + 1]!.every((unit) => unit >= first && unit <= last)
      )
        last++;
      return last;
    }),
  );
}

/** Every merged range of two units or more, one compiled subgraph per worker that runs it whole (Band's `merge_unit_subgraph`). */
function mergedRanges(
  units: readonly PlanUnit[],
  lastUnitOn: readonly (readonly number[])[],
  workers: readonly string[],
): PreparedSubgraph[] {
  const ranges: PreparedSubgraph[] = [];
  lastUnitOn.forEach((lastOn, first) => {
    lastOn.forEach((last, worker) => {
      const ops = [...units[first]!.ops];
      for (let unit = first + 1; unit <= last; unit++) {
        ops.push(...units[unit]!.ops);
        ranges.push({ ops: [...ops], target: workers[worker]! });
      }
    });
  });
  return ranges;
}

/** One planning round: the view, the workers' waiting times Band reserves on, and the decisions made. */
class Round {
  /** This round's drops (hand-overs come from the worker queues). */
  private readonly drops: Decision[] = [];
  /** Requests dropped this round: their other ready units are gone with them. */
  private readonly dropped = new Set<number>();
  /** Per worker: expected time (ns) until it is free, raised as this round hands it work. */
  private readonly waitNs: number[];
  /** Per worker: no job of Band's running or queued there, and none handed to it this round. */
  private readonly idle: boolean[];
  /** Per worker: none of Band's jobs runs there, so the head of its queue may start. */
  private readonly free: boolean[];
  /** Per app and unit, per worker: the unit's expected latency, read once per round. */
  private readonly latency = new Map<number, number[][]>();

  constructor(
    private readonly view: SchedulerView,
    private readonly band: Band,
  ) {
    const workers = band.workerIds();
    const states = workers.map((target, worker) =>
      view.processors.filter((processor) => runsWorker(processor, target, worker)),
    );
    const hasJobs = states.map((processors) =>
      processors.some((processor) => processor.policyJobs > 0),
    );
    const tails = band.unstartedTailNs(view.nowNs, hasJobs);
    // Band's waiting time: what is left of the running job (the view's books and merged tails) plus every queued job.
    this.waitNs = states.map((processors, worker) => {
      let queuedNs = 0;
      for (const queued of band.queueOf(worker))
        queuedNs += this.expectedNs(queued.appIndex, queued.subgraph);
      const runningNs = Math.max(0, ...processors.map((processor) => processor.predictedDrainNs));
      return runningNs + tails[worker]! + queuedNs;
    });
    this.free = hasJobs.map((busy) => !busy);
    this.idle = this.free.map((free, worker) => free && band.queueOf(worker).length === 0);
    workers.forEach((_, worker) => {
      if (!band.throttling(worker, view.nowNs)) return;
      this.waitNs[worker] = THROTTLING_WAIT_NS;
      this.idle[worker] = false;
    });
  }

  /** Each worker with none of Band's jobs running starts the head of its queue. */
  startQueueHeads(): Decision[] {
    const started: Decision[] = [];
    this.band.workerIds().forEach((target, worker) => {
      const queue = this.band.queueOf(worker);
      // A request dropped this round takes its queued jobs with it.
      while (queue.length > 0 && this.dropped.has(queue[0]!.requestId)) queue.shift();
      const job = this.free[worker] ? queue.shift() : undefined;
      if (job === undefined) return;
      const { first, last } = job.subgraph;
      const model = this.band.model(job.appIndex);
      if (first === last) {
        const option = model.optionOn[first]![worker]!;
        started.push({ kind: "run", requestId: job.requestId, unitId: first, option });
        return;
      }
      const unitIds: number[] = [];
      for (let unit = first; unit <= last; unit++) unitIds.push(unit);
      started.push({ kind: "merged", requestId: job.requestId, unitIds, target });
      this.rememberTail(job.appIndex, job.subgraph);
    });
    return started;
  }

  /** Each app's jobs on its pinned worker, the CPU for units it cannot run; longest subgraph there. */
  fixedDevice(window: readonly ReadyUnit[]): Decision[] {
    for (const job of window) {
      const model = this.band.model(job.appIndex);
      const pinned = model.fixedWorker;
      const usable =
        model.optionOn[job.unit.id]![pinned]! >= 0 &&
        !this.band.throttling(pinned, this.view.nowNs);
      this.dispatch(job, this.longestOn(job, usable ? pinned : 0));
    }
    return this.drops;
  }

  /** Each idle worker takes the first job whose whole model it runs; a started request stays on its worker. */
  roundRobin(window: readonly ReadyUnit[]): Decision[] {
    const waiting: ReadyUnit[] = [];
    for (const job of window) {
      const pinned = this.band.roundRobinWorkerOf(job.requestId);
      if (pinned === undefined) waiting.push(job);
      // A request whose worker is throttling finishes on the CPU.
      else if (this.band.throttling(pinned, this.view.nowNs))
        this.dispatch(job, this.longestOn(job, 0));
      else this.dispatch(job, this.longestOn(job, pinned));
    }
    this.band.workerIds().forEach((_, worker) => {
      if (!this.idle[worker]) return;
      const index = waiting.findIndex((job) => this.runsWholeModel(job.appIndex, worker));
      if (index < 0) return;
      const [job] = waiting.splice(index, 1);
      this.band.pinRoundRobin(job!.requestId, worker);
      this.dispatch(job!, this.longestOn(job!, worker));
    });
    return this.drops;
  }

  /** Most urgent job first (largest expected finish), to its best worker, queueing allowed. */
  shortestExpectedLatency(window: readonly ReadyUnit[]): Decision[] {
    const jobs = [...window];
    while (jobs.length > 0) {
      const [index, plan] = this.mostUrgent(jobs);
      this.dispatch(jobs[index]!, plan.first, plan.firstNs);
      jobs.splice(index, 1);
    }
    return this.drops;
  }

  /**
   * As SEL, but only to idle workers: when the most urgent job's best worker
   * is busy, its subgraph's time is reserved there and the job waits for a
   * later round.
   */
  heft(window: readonly ReadyUnit[]): Decision[] {
    const jobs = [...window];
    while (jobs.length > 0 && this.idle.some(Boolean)) {
      const [index, plan] = this.mostUrgent(jobs);
      const [job] = jobs.splice(index, 1);
      if (this.idle[plan.first.worker]) this.dispatch(job!, plan.first, plan.firstNs);
      else this.waitNs[plan.first.worker]! += plan.firstNs;
    }
    return this.drops;
  }

  /** Least slack first; a job that cannot finish by its deadline is dropped, one whose best worker is busy waits. */
  leastSlackFirst(window: readonly ReadyUnit[]): Decision[] {
    const planned = window.map((job) => ({ job, plan: this.bestPlan(job) }));
    const slack = ({ job, plan }: (typeof planned)[number]) =>
      job.deadlineNs - this.view.nowNs - plan.finishNs;
    planned.sort((a, b) => slack(a) - slack(b));
    for (const { job, plan } of planned) {
      if (this.view.nowNs + plan.finishNs > job.deadlineNs) this.drop(job);
      else if (this.idle[plan.first.worker]) this.dispatch(job, plan.first, plan.firstNs);
    }
    return this.drops;
  }

  private mostUrgent(jobs: readonly ReadyUnit[]): [number, BestPlan] {
    let urgent = 0;
    let urgentPlan = this.bestPlan(jobs[0]!);
    for (let index = 1; index < jobs.length; index++) {
      const plan = this.bestPlan(jobs[index]!);
      if (plan.finishNs > urgentPlan.finishNs) [urgent, urgentPlan] = [index, plan];
    }
    return [urgent, urgentPlan];
  }

  /**
   * The expected-latency search: over the units from the job's on, the
   * cheapest chain of subgraphs, each starting when its worker is free and
   * the previous one has finished.
   */
  private bestPlan(job: ReadyUnit): BestPlan {
    const model = this.band.model(job.appIndex);
    const first = job.unit.id;
    const unitCount = model.units.length;
    const bestNs = new Array<number>(unitCount).fill(Number.POSITIVE_INFINITY);
    const choice: Subgraph[] = [];
    const choiceNs: number[] = [];
    let candidates = 0;
    for (let start = first; start < unitCount; start++) {
      const ready = start === first ? 0 : bestNs[start - 1]!;
      if (ready === Number.POSITIVE_INFINITY) continue;
      model.lastUnitOn[start]!.forEach((last, worker) => {
        let runNs = 0;
        for (let unit = start; unit <= last; unit++) {
          runNs += this.latencyOf(job.appIndex, unit, worker);
          candidates++;
          const finishNs = runNs + Math.max(this.waitNs[worker]!, ready);
          if (finishNs < bestNs[unit]!) {
            bestNs[unit] = finishNs;
            choice[unit] = { first: start, last: unit, worker };
            choiceNs[unit] = runNs;
          }
        }
      });
    }
    this.view.countWork(candidates);
    let end = unitCount - 1;
    while (choice[end]!.first !== first) end = choice[end]!.first - 1;
    return { finishNs: bestNs[unitCount - 1]!, first: choice[end]!, firstNs: choiceNs[end]! };
  }

  private latencyOf(appIndex: number, unit: number, worker: number): number {
    let rows = this.latency.get(appIndex);
    if (rows === undefined) {
      rows = [];
      this.latency.set(appIndex, rows);
    }
    let row = rows[unit];
    if (row === undefined) {
      const model = this.band.model(appIndex);
      row = model.optionOn[unit]!.map((option) =>
        option < 0
          ? Number.POSITIVE_INFINITY
          : this.view.profiler.predictNs(appIndex, model.units[unit]!, option),
      );
      rows[unit] = row;
    }
    return row[worker]!;
  }

  /** The longest subgraph from the job's unit on one worker, and its expected time. */
  private longestOn(job: ReadyUnit, worker: number): Subgraph {
    const last = this.band.model(job.appIndex).lastUnitOn[job.unit.id]![worker]!;
    return { first: job.unit.id, last, worker };
  }

  private runsWholeModel(appIndex: number, worker: number): boolean {
    const model = this.band.model(appIndex);
    return model.optionOn.every((options) => options[worker]! >= 0);
  }

  /**
   * Hands a subgraph to its worker's queue, unless the job would then miss
   * its deadline (Band's check before every hand-over): then the request is
   * dropped.
   */
  private dispatch(
    job: ReadyUnit,
    subgraph: Subgraph,
    expectedNs = this.expectedNs(job.appIndex, subgraph),
  ) {
    if (this.dropped.has(job.requestId)) return;
    const worker = subgraph.worker;
    if (this.view.nowNs + this.waitNs[worker]! + expectedNs > job.deadlineNs) {
      this.drop(job);
      return;
    }
    this.band.queueOf(worker).push({ requestId: job.requestId, appIndex: job.appIndex, subgraph });
    this.waitNs[worker]! += expectedNs;
    this.idle[worker] = false;
  }

  /** The view counts a merged job's units only as each starts: Band counts the whole job from its start. */
  private rememberTail(appIndex: number, subgraph: Subgraph): void {
    const startsNs: number[] = [];
    const durationsNs: number[] = [];
    let startNs = this.view.nowNs;
    for (let unit = subgraph.first; unit <= subgraph.last; unit++) {
      const ns = this.latencyOf(appIndex, unit, subgraph.worker);
      if (unit > subgraph.first) {
        startsNs.push(startNs);
        durationsNs.push(ns);
      }
      startNs += ns;
    }
    this.band.addMergedTail({ worker: subgraph.worker, startsNs, durationsNs });
  }

  private expectedNs(appIndex: number, subgraph: Subgraph): number {
    let ns = 0;
    for (let unit = subgraph.first; unit <= subgraph.last; unit++)
      ns += this.latencyOf(appIndex, unit, subgraph.worker);
    return ns;
  }

  private drop(job: ReadyUnit): void {
    if (this.dropped.has(job.requestId)) return;
    this.dropped.add(job.requestId);
    this.drops.push({ kind: "drop", requestId: job.requestId });
  }
}

/** Whether a processor belongs to a worker: the CPU worker spans every CPU cluster; an accelerator is its own. */
function runsWorker(processor: ProcessorState, target: string, worker: number): boolean {
  return worker === 0 ? processor.kind === "cpu" : processor.id === target;
}
