import { deepFreeze } from "../core/deep-freeze.ts";
import { objectList, removeAt, truncateList } from "../core/object-list.ts";
import type { Simulator } from "../core/simulator.ts";
import type { DType, Graph } from "../graph/index.ts";
import type { RequestRecorder } from "../metrics/request-recorder.ts";
import type { ReuseResult } from "../metrics/results.ts";
import { ReuseTally } from "../metrics/reuse-tally.ts";
import type { PlanUnit, UnitSlice } from "../sched/plan.ts";
import type { Decision } from "../sched/scheduler.ts";
import type { ReadyUnit } from "../sched/view.ts";
import type { PlannedApp } from "./app-plan.ts";
import type { AppReuse, ReuseOutcome } from "./app-reuse.ts";
import { CallView } from "./call-view.ts";
import { checkDecision, type DecisionChecks } from "./decision-checks.ts";
import { type DevicePort, type JobTag, type OpRunner, SCHEDULER_WORK } from "./device-port.ts";
import { PolicyError, type RunningPolicy } from "./policy-error.ts";
import type { ProcessorViews } from "./processor-view.ts";
import type { RuntimeProfiler } from "./profiler.ts";
import type { Unavailability } from "./unavailability.ts";

/**
 * The request lifecycle: arrival → plan instance → ready units → the
 * policy's decisions → device jobs → joins of split units → completion.
 * A request the policy drops, or that finds its app's queue full, is dropped
 * and counted; none is lost.
 */
export interface RuntimeApp {
  readonly name: string;
  readonly graph: Graph;
  readonly planned: PlannedApp;
  readonly sloNs: number;
  readonly priority: number;
  readonly maxQueue: number;
  /** Kernels the app keeps in an accelerator's queue at once (Infinity: a slice's all). */
  readonly queueWindow: number;
  /** Result reuse on the app's video stream; undefined when off. */
  readonly reuse?: AppReuse;
}

/**
 * A request in flight. Classes, not object literals, for the records that
 * live while requests queue: V8 may move a literal's allocations to the
 * old generation once many survive, where they pile up until a full GC.
 */
class Request {
  /** Unit inputs still missing, per unit. */
  readonly waiting: Int32Array;
  /** Target holding each finished unit's output. */
  readonly home: string[];
  unitsLeft: number;
  started = false;
  finished = false;
  /** This request's entries in the ready list: a decision finds its unit here, not by scanning the list. */
  readonly readyUnits: ReadyEntry[] = [];
  /** Units a `merged` decision placed ahead of time, by unit id: each starts when its inputs are in. */
  merged: Map<number, string> | undefined;
  /** What its reuse check decided (an app without reuse computes every frame). */
  reuse: ReuseOutcome = "compute";
  /** Per op, 1 when the request skips it (layer-level reuse); undefined when it runs every op. */
  skips: Uint8Array | undefined;
  /** The target and time of this request's last failed delegate invocation (what_if.unavailable). */
  lastFailure:
    | { readonly unitId: number; readonly target: string; readonly ns: number }
    | undefined;

  constructor(
    readonly id: number,
    readonly appIndex: number,
    readonly arrivalNs: number,
    fresh: FreshRequest,
  ) {
    this.waiting = fresh.waiting.slice();
    this.home = fresh.home.slice();
    this.unitsLeft = fresh.home.length;
  }
}

/** An app's request as it starts, copied per arrival: no mapping over the plan per request. */
class FreshRequest {
  readonly waiting: Int32Array;
  readonly home: string[];

  constructor(planned: PlannedApp) {
    this.waiting = Int32Array.from(planned.inputs, (edges) => edges.length);
    this.home = planned.plan.units.map(() => "");
  }
}

/**
 * A unit as it runs on one target, worked out once per (app, unit, target):
 * which of its ops launch a kernel of their own, and the ops' names for tags.
 */
interface UnitOnTarget {
  readonly ops: readonly number[];
  /** Per op of the unit: 0 when it fuses into a producer earlier in the unit. */
  readonly launches: Uint8Array;
  readonly names: readonly string[];
  /** An accelerator's: the slice's kernels are enqueued together (see SliceRun). */
  readonly enqueuedTogether: boolean;
}

/** Whether a placement target is a CPU one (the framework's `cpu` or a cluster, `cpu-…`), not an accelerator. */
function onCpu(target: string): boolean {
  return target === "cpu" || target.startsWith("cpu-");
}

class ReadyEntry implements ReadyUnit {
  /** Decided in the current pass; private, so a policy holding the entry can neither see nor set it. */
  #taken = false;

  constructor(
    readonly requestId: number,
    readonly appIndex: number,
    readonly unit: PlanUnit,
    readonly arrivalNs: number,
    readonly deadlineNs: number,
    readonly priority: number,
    readonly first: boolean,
    readonly inputsAt: readonly string[],
    readonly failedOn: string | null,
  ) {
    // Handed to the policy as it is: frozen once, so a policy that writes to it throws rather than changing what runs.
    deepFreeze(this);
  }

  static take(entry: ReadyEntry): void {
    entry.#taken = true;
  }

  static isTaken(entry: ReadyEntry): boolean {
    return entry.#taken;
  }
}

const NO_INPUTS: readonly string[] = [];
/** Where a failed delegate's unit runs when the policy does not replan it: the framework's whole CPU. */
const CPU_FALLBACK: readonly UnitSlice[] = [{ target: "cpu", share: 1 }];

/** What the runtime counts for results.json's `scheduling`. */
export interface SchedulingCounts {
  decisions: number;
  decisionCpuNs: number;
}

export { PolicyError };

export class Runtime {
  private readonly requests = new Map<number, Request>();
  private readonly ready: ReadyEntry[] = objectList();
  /** Entries decided in the current pass, removed from `ready` in one sweep at its end. */
  private takenInPass = 0;
  private nextRequestId = 0;
  private passPending = false;
  /** Per app, per unit: the unit on each target it has run on. */
  private readonly unitsOnTargets: Map<string, UnitOnTarget>[][];
  private readonly freshRequests: FreshRequest[];
  private readonly idleSliceRuns: SliceRun[] = objectList();
  /** Runners of split slices, by the plan's slice object (plans live as long as the run). */
  private readonly splitRunners = new Map<UnitSlice, OpRunner>();
  private readonly waitingToStart: number[];
  private readonly running: number[];
  opExecutions = 0;
  readonly counts: SchedulingCounts = { decisions: 0, decisionCpuNs: 0 };
  /** Per app, delegate invocations that failed (what_if.unavailable). */
  readonly failedInvocations: number[];
  /** Slices started and not yet done, and a count of every start and end (stall detection). */
  private slicesInFlight = 0;
  private progress = 0;
  private decisionsPending = false;
  private stallCheckPending = false;
  private work = 0;
  private requestEnded: ((appIndex: number) => void) | undefined;
  private readonly reuseTallies: (ReuseTally | undefined)[];
  /** The tag of every decision's CPU work: tags are only read while their job runs (JobTag). */
  private readonly decisionTag: JobTag;
  private readonly countWork = (amount: number): void => {
    this.work += amount;
  };

  constructor(
    private readonly simulator: Simulator,
    readonly devicePort: DevicePort,
    private readonly apps: readonly RuntimeApp[],
    private readonly policy: RunningPolicy,
    readonly profiler: RuntimeProfiler,
    private readonly recorder: RequestRecorder,
    private readonly checks: DecisionChecks,
    /** Whether an op runs inside its producer's kernel on a target (see TargetCatalog). */
    readonly fusesIntoProducer: (appIndex: number, opId: number, target: string) => boolean,
    private readonly decisionProcessor: string,
    private readonly views: ProcessorViews,
    /** Per app, per target (the profiler's target index): the processors (view indices) its jobs occupy. */
    private readonly processorsOf: readonly (readonly (readonly number[])[])[],
    private readonly unavailability: Unavailability,
  ) {
    this.decisionTag = { app: SCHEDULER_WORK, request: -1, name: policy.id, op: -1 };
    this.failedInvocations = apps.map(() => 0);
    this.waitingToStart = apps.map(() => 0);
    this.running = apps.map(() => 0);
    this.unitsOnTargets = apps.map((app) => app.planned.plan.units.map(() => new Map()));
    this.freshRequests = apps.map((app) => new FreshRequest(app.planned));
    this.reuseTallies = apps.map((app) =>
      app.reuse === undefined ? undefined : new ReuseTally(app.reuse.level),
    );
  }

  /** An app's reuse over the reported window; undefined when it has none. */
  reuseResult(appIndex: number): ReuseResult | undefined {
    return this.reuseTallies[appIndex]?.result();
  }

  /** Calls `listener` with the app of every request that completes or is dropped (a closed loop's cue). */
  onRequestEnded(listener: (appIndex: number) => void): void {
    this.requestEnded = listener;
  }

  /** A new request of app `appIndex` arrives now. */
  arrive(appIndex: number): void {
    const app = this.apps[appIndex]!;
    const now = this.simulator.now;
    const id = this.nextRequestId++;
    this.recorder.arrived(appIndex, id, now);
    const reuse = app.reuse;
    // Drawn for every frame, dropped or not, so that the similarities stay tied to the frames.
    const similarity = reuse === undefined ? 0 : reuse.nextSimilarity();
    if (this.waitingToStart[appIndex]! >= app.maxQueue) {
      this.recorder.dropped(appIndex, id, now);
      this.requestEnded?.(appIndex);
      return;
    }
    const request = new Request(id, appIndex, now, this.freshRequests[appIndex]!);
    this.requests.set(id, request);
    this.waitingToStart[appIndex]!++;
    if (reuse === undefined) this.release(request);
    else this.checkReuse(request, reuse, similarity);
  }

  /** The request's first units become ready. */
  private release(request: Request): void {
    for (const unit of this.apps[request.appIndex]!.planned.sources) this.makeReady(request, unit);
    this.requestPass();
  }

  /**
   * The similarity check, a CPU job of the app, precedes any inference; a
   * frame that reuses the last result completes when it ends.
   */
  private checkReuse(request: Request, reuse: AppReuse, similarity: number): void {
    const appIndex = request.appIndex;
    const checkStartNs = this.simulator.now;
    const checked = (): void => {
      request.reuse = reuse.outcome(similarity);
      if (request.reuse === "frame") {
        this.recorder.started(appIndex, request.id, checkStartNs);
        this.finish(request, "completed");
        return;
      }
      if (request.reuse === "layer") request.skips = reuse.skips;
      this.release(request);
    };
    if (reuse.checkSeconds === 0) {
      checked();
      return;
    }
    if (this.recorder.reports(request.id))
      this.reuseTallies[appIndex]!.checkSeconds += reuse.checkSeconds;
    const tag = {
      app: this.apps[appIndex]!.name,
      request: request.id,
      name: "reuse check",
      op: -1,
    };
    this.devicePort.runAppWork(appIndex, "cpu", reuse.checkSeconds, tag, checked);
  }

  /** A completed request's reuse: a frame computed whole fills the cache; reported ones are counted. */
  private countReuse(request: Request, reuse: AppReuse, reported: boolean): void {
    if (request.reuse === "compute") reuse.computed();
    if (!reported) return;
    const tally = this.reuseTallies[request.appIndex]!;
    if (request.reuse === "frame") tally.reusedFrames++;
    else tally.computedFrames++;
    if (request.reuse === "layer") tally.layerReusedFrames++;
    if (request.reuse !== "compute") tally.skippedOps += reuse.skippedOps;
  }

  /** Requests not finished at the end of the run. */
  unfinished(): number[] {
    return [...this.requests.values()].filter((r) => !r.finished).map((r) => r.id);
  }

  private makeReady(request: Request, unitId: number, failedOn: string | null = null): void {
    const app = this.apps[request.appIndex]!;
    const unit = app.planned.plan.units[unitId]!;
    const mergedOn = request.merged?.get(unitId);
    if (mergedOn !== undefined) {
      // Placed by a `merged` decision: it runs on at once, with no policy call in between.
      request.merged!.delete(unitId);
      this.startUnit(request, unit, [{ target: mergedOn, share: 1 }]);
      return;
    }
    const edges = app.planned.inputs[unitId]!;
    let inputsAt = NO_INPUTS;
    if (edges.length > 0) {
      const held: string[] = [];
      for (const edge of edges) {
        const home = request.home[edge.from]!;
        if (!held.includes(home)) held.push(home);
      }
      inputsAt = held;
    }
    const entry = new ReadyEntry(
      request.id,
      request.appIndex,
      unit,
      request.arrivalNs,
      request.arrivalNs + app.sloNs,
      app.priority,
      !request.started,
      inputsAt,
      failedOn,
    );
    this.ready.push(entry);
    request.readyUnits.push(entry);
  }

  /** Coalesces every reason to schedule at one instant into one call of the policy. */
  requestPass(): void {
    if (this.passPending) return;
    this.passPending = true;
    this.simulator.after(0, this.pass);
  }

  private readonly pass = (): void => {
    this.passPending = false;
    if (this.ready.length === 0) return;
    const now = this.simulator.now;
    const view = new CallView(
      now,
      this.ready.slice(),
      this.running.slice(),
      this.profiler,
      this.countWork,
      this.snapshot,
    );
    this.work = 0;
    let decisions: readonly Decision[];
    try {
      decisions = this.policy.decide(view);
    } catch (error) {
      throw this.error(`threw: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      view.close();
    }
    if (!Array.isArray(decisions))
      throw this.error(`returned ${typeof decisions}, not a list of decisions`);
    const cost = this.policy.decisionCostNs(this.work);
    if (!(Number.isFinite(cost) && cost >= 0))
      throw this.error(`reported a decision cost of ${cost} ns (must be finite and >= 0)`);
    if (decisions.length === 0) {
      this.watchForStall();
      return;
    }
    const taken: (ReadyEntry | null)[] = [];
    for (const decision of decisions) taken.push(this.take(decision));
    this.sweepTaken();
    this.counts.decisions += decisions.length;
    if (cost > 0) {
      this.counts.decisionCpuNs += cost;
      this.decisionsPending = true;
      this.applyAfter(cost, decisions, taken);
    } else {
      // Nothing became ready and nothing freed up: the next pass waits for something that does.
      this.applyAll(decisions, taken);
    }
    this.watchForStall();
  };

  private readonly snapshot = (nowNs: number) => this.views.snapshot(nowNs);

  /**
   * Applies the decisions once the policy's CPU work for them is done. The
   * closures the event loop calls back are made in small methods of their
   * own (here, `stallCheckAfter`, `sendOutput`): a function holding a closure
   * allocates the closure's context at every call, made or not.
   */
  private applyAfter(
    costNs: number,
    decisions: readonly Decision[],
    taken: readonly (ReadyEntry | null)[],
  ): void {
    this.devicePort.runFixedWork(this.decisionProcessor, costNs / 1e9, this.decisionTag, () => {
      this.decisionsPending = false;
      this.applyAll(decisions, taken);
      // The core that ran the decision is free again.
      this.requestPass();
    });
  }

  private error(what: string, decision?: Decision): PolicyError {
    return new PolicyError(this.policy, this.simulator.now, what, decision);
  }

  /** Removes this pass's decided entries from the ready list, once per pass rather than once per decision. */
  private sweepTaken(): void {
    if (this.takenInPass === 0) return;
    this.takenInPass = 0;
    // In place: the list keeps its elements kind (see objectList).
    const ready = this.ready;
    let kept = 0;
    for (const entry of ready) if (!ReadyEntry.isTaken(entry)) ready[kept++] = entry;
    truncateList(ready, kept);
  }

  /**
   * Work is pending and none of this policy's jobs runs: unless something
   * starts within `stall_after`, the policy has stranded its requests.
   */
  private watchForStall(): void {
    if (this.stallCheckPending || this.ready.length === 0) return;
    if (this.slicesInFlight > 0 || this.decisionsPending) return;
    this.stallCheckPending = true;
    this.stallCheckAfter(this.progress);
  }

  private stallCheckAfter(progress: number): void {
    this.simulator.after(this.policy.stallAfterNs, () => {
      this.stallCheckPending = false;
      if (this.progress !== progress || this.slicesInFlight > 0 || this.decisionsPending) {
        this.watchForStall();
        return;
      }
      if (this.ready.length > 0)
        throw this.error(
          `stalled: ${this.ready.length} ready unit(s) waited ${this.policy.stallAfterNs / 1e6} ms with none of its jobs running`,
        );
    });
  }

  private applyAll(decisions: readonly Decision[], taken: readonly (ReadyEntry | null)[]): void {
    for (let index = 0; index < decisions.length; index++)
      this.apply(decisions[index]!, taken[index]!);
  }

  /** Checks a decision and takes its ready entry, so that a later pass cannot decide it twice. */
  private take(decision: Decision): ReadyEntry | null {
    const kind: unknown = decision?.kind;
    if (kind !== "run" && kind !== "merged" && kind !== "drop")
      throw this.error(`made a decision of unknown kind "${String(kind)}"`, decision);
    const request = this.requests.get(decision.requestId);
    if (decision.kind === "drop") {
      if (request === undefined) {
        if (decision.requestId < this.nextRequestId) return null;
        throw this.error(`dropped request ${decision.requestId}, which never arrived`, decision);
      }
      for (const entry of request.readyUnits) this.markTaken(entry);
      truncateList(request.readyUnits, 0);
      return null;
    }
    const unitId = decision?.kind === "merged" ? decision.unitIds?.[0] : decision?.unitId;
    const readyUnits = request?.readyUnits;
    let index = -1;
    if (readyUnits !== undefined)
      for (let at = 0; at < readyUnits.length && index < 0; at++)
        if (readyUnits[at]!.unit.id === unitId) index = at;
    if (index < 0)
      throw this.error(
        `decided on request ${decision?.requestId}, which has no ready unit ${unitId}`,
        decision,
      );
    const entry = readyUnits![index]!;
    const refusal = checkDecision(
      decision,
      entry,
      request!,
      this.apps[entry.appIndex]!,
      this.checks,
    );
    if (refusal !== undefined) throw this.error(refusal, decision);
    removeAt(readyUnits!, index);
    this.markTaken(entry);
    return entry;
  }

  private markTaken(entry: ReadyEntry): void {
    ReadyEntry.take(entry);
    this.takenInPass++;
  }

  private apply(decision: Decision, entry: ReadyEntry | null): void {
    const request = this.requests.get(decision.requestId);
    if (request === undefined || request.finished) return;
    if (decision.kind === "drop") {
      this.finish(request, "dropped");
      return;
    }
    const unit = entry!.unit;
    if (decision.kind === "merged") {
      for (let index = 1; index < decision.unitIds.length; index++) {
        request.merged ??= new Map();
        request.merged.set(decision.unitIds[index]!, decision.target);
      }
      this.startUnit(request, unit, [{ target: decision.target, share: 1 }]);
      return;
    }
    this.startUnit(request, unit, unit.options[decision.option]!.slices);
  }

  private startUnit(request: Request, unit: PlanUnit, slices: readonly UnitSlice[]): void {
    for (const slice of slices) this.unitOnTarget(request.appIndex, unit.id, slice.target);
    const now = this.simulator.now;
    for (const slice of slices)
      if (this.unavailability.fails(slice.target, now)) {
        this.delegateFailed(request, unit, slice.target);
        return;
      }
    if (!request.started) {
      request.started = true;
      this.waitingToStart[request.appIndex]!--;
      this.running[request.appIndex]!++;
      this.recorder.started(request.appIndex, request.id, this.simulator.now);
    }
    const join = new UnitJoin(this, request, unit.id, slices[0]!.target, slices.length);
    const app = this.apps[request.appIndex]!;
    let from = 0;
    for (let index = 0; index < slices.length; index++) {
      const slice = slices[index]!;
      // One slice: fetch inputs held elsewhere, run the unit's ops in order, hand the result to the home target.
      const run = this.idleSliceRuns.pop() ?? new SliceRun(this);
      const to = index === slices.length - 1 ? 1 : from + slice.share;
      const runner =
        slices.length === 1
          ? this.devicePort.opRunner(request.appIndex, slice.target)
          : this.splitRunner(request.appIndex, unit, slice, from, to);
      run.start(app, request, slice, runner, join);
      from = to;
    }
  }

  /**
   * A delegate invocation failed: the rest of a merged job is void, and the
   * unit either goes back to the policy, marked, or runs on the CPU at once.
   */
  private delegateFailed(request: Request, unit: PlanUnit, target: string): void {
    const now = this.simulator.now;
    // The unit placed back where it just failed, in the same instant: it would fail again, forever.
    // (Other units of the request may fail there in that instant too: parallel branches.)
    const last = request.lastFailure;
    if (last?.unitId === unit.id && last.target === target && last.ns === now)
      throw this.error(
        `placed unit ${unit.id} of request ${request.id} on ${target} again at the instant its delegate failed there`,
      );
    request.lastFailure = { unitId: unit.id, target, ns: now };
    this.failedInvocations[request.appIndex]!++;
    request.merged = undefined;
    if (this.policy.replansFailures) {
      this.makeReady(request, unit.id, target);
      this.requestPass();
    } else {
      this.startUnit(request, unit, CPU_FALLBACK);
    }
  }

  /** The runner of one slice of a split option: its ops priced as the slices they are, once per plan slice. */
  private splitRunner(
    appIndex: number,
    unit: PlanUnit,
    slice: UnitSlice,
    from: number,
    to: number,
  ): OpRunner {
    let runner = this.splitRunners.get(slice);
    if (runner === undefined) {
      runner = this.devicePort.sliceRunner(appIndex, {
        target: slice.target,
        ops: unit.ops,
        axis: slice.axis ?? "channels",
        shares: [from, to],
        ...(slice.dtype !== undefined && { dtype: slice.dtype }),
      });
      this.splitRunners.set(slice, runner);
    }
    return runner;
  }

  /** A slice starts: it counts toward its processors' books and as progress. */
  sliceStarted(appIndex: number, unit: PlanUnit, targetIndex: number, share: number): number {
    this.slicesInFlight++;
    this.progress++;
    const predicted = this.profiler.unitPredictedNs(appIndex, unit, targetIndex) * share;
    const now = this.simulator.now;
    const books = this.views.books;
    for (const index of this.processorsOf[appIndex]![targetIndex]!)
      books[index]!.add(predicted, now);
    return predicted;
  }

  /** A slice is done: the runtime profile learns its time. */
  sliceEnded(
    appIndex: number,
    unit: PlanUnit,
    targetIndex: number,
    share: number,
    predictedNs: number,
    /** Undefined when the slice was cut short (its request dropped): nothing to learn from it. */
    startNs: number | undefined,
  ): void {
    this.slicesInFlight--;
    this.progress++;
    const now = this.simulator.now;
    const books = this.views.books;
    for (const index of this.processorsOf[appIndex]![targetIndex]!)
      books[index]!.remove(predictedNs, now);
    if (startNs !== undefined)
      this.profiler.observe(appIndex, unit, targetIndex, share, now - startNs);
  }

  /** All slices of a unit are done: its output is at its home target. */
  unitDone(request: Request, unitId: number, home: string): void {
    request.home[unitId] = home;
    this.unitFinished(request, unitId);
  }

  /**
   * A unit on a target, worked out the first time it runs there, which is
   * also when a placement on a target that cannot run one of its ops is refused.
   */
  unitOnTarget(appIndex: number, unitId: number, target: string): UnitOnTarget {
    const known = this.unitsOnTargets[appIndex]![unitId]!;
    let unit = known.get(target);
    if (unit === undefined) {
      const app = this.apps[appIndex]!;
      const ops = app.planned.plan.units[unitId]!.ops;
      const inUnit = new Set<number>();
      const launches = Uint8Array.from(ops, (opId) => {
        const op = app.graph.ops[opId]!;
        if (!this.checks.supports(appIndex, opId, target))
          throw this.error(
            `placed op ${op.name} (${op.kind}, ${op.dtype}) of ${app.name} on ${target}, which cannot run it`,
          );
        const producerHere = op.inputs.some((tensor) =>
          inUnit.has(app.graph.tensors[tensor]!.producer),
        );
        inUnit.add(opId);
        return producerHere && this.fusesIntoProducer(appIndex, opId, target) ? 0 : 1;
      });
      const names: string[] = objectList();
      for (const opId of ops) names.push(app.graph.ops[opId]!.name);
      unit = { ops, launches, names, enqueuedTogether: !onCpu(target) };
      known.set(target, unit);
    }
    return unit;
  }

  get now(): number {
    return this.simulator.now;
  }

  /** A slice run whose last step is done: it serves the next slice. */
  sliceRunDone(run: SliceRun): void {
    this.idleSliceRuns.push(run);
  }

  /** Counts a finished op execution (bench/simulate's figure). */
  countOpExecution(): void {
    this.opExecutions++;
  }

  private unitFinished(request: Request, unitId: number): void {
    if (request.finished) return;
    const planned = this.apps[request.appIndex]!.planned;
    request.unitsLeft--;
    for (const successor of planned.successors[unitId]!) {
      if (--request.waiting[successor]! === 0) this.makeReady(request, successor);
    }
    if (request.unitsLeft === 0) {
      const home = request.home[unitId]!;
      if (!onCpu(home)) this.sendOutput(request, home);
      else this.finish(request, "completed");
    }
    this.requestPass();
  }

  /** The request's output copied to the CPU: it completes when the copy ends. */
  private sendOutput(request: Request, home: string): void {
    const app = this.apps[request.appIndex]!;
    let bytes = 0;
    for (const size of app.planned.outputBytes) bytes += size;
    const tag = { app: app.name, request: request.id, name: "output", op: -1 };
    // The output copy is this policy's work in flight too (no stall while it runs).
    this.slicesInFlight++;
    this.devicePort.transfer(home, "cpu", bytes, tag, () => {
      this.slicesInFlight--;
      this.progress++;
      this.finish(request, "completed");
    });
  }

  private finish(request: Request, how: "completed" | "dropped"): void {
    if (request.finished) return;
    request.finished = true;
    this.requests.delete(request.id);
    if (request.started) this.running[request.appIndex]!--;
    else this.waitingToStart[request.appIndex]!--;
    const now = this.simulator.now;
    if (how === "completed") {
      const reported = this.recorder.completed(request.appIndex, request.id, now);
      const reuse = this.apps[request.appIndex]!.reuse;
      if (reuse !== undefined) this.countReuse(request, reuse, reported);
    } else this.recorder.dropped(request.appIndex, request.id, now);
    this.requestEnded?.(request.appIndex);
    this.requestPass();
  }
}

/** Waits for the last slice of a unit run. */
class UnitJoin {
  constructor(
    private readonly runtime: Runtime,
    private readonly request: Request,
    readonly unitId: number,
    /** The target the unit's output is gathered on (its first slice's). */
    readonly home: string,
    private slicesLeft: number,
  ) {}

  sliceDone(): void {
    if (--this.slicesLeft === 0) this.runtime.unitDone(this.request, this.unitId, this.home);
  }
}

/**
 * The steps of one slice, run one after another: input transfers, the ops,
 * the join. An op whose producer is an earlier op of the slice and which the
 * framework fuses into that producer's kernel launches nothing of its own.
 * On an accelerator the slice's kernels are enqueued together, as every
 * framework socsim models submits a whole graph or subgraph before it waits
 * (MACE's OpenCL queue has no window unless `opencl_queue_window_size` is
 * set; TFLite's GPU delegate and ncnn's Vulkan command buffer submit an
 * inference at once): work another context queues meanwhile, a UI frame's
 * among it, waits behind the rest of the slice, not behind one kernel. An
 * app's `queue_window` keeps at most that many in the queue, the next
 * enqueued as one ends.
 * One object and one bound callback per slice keep the per-op path free of
 * closures; a finished slice run goes back to the runtime for the next one,
 * so that runs of queued requests do not pile up as garbage the GC must
 * promote (a request may wait seconds in an overloaded queue).
 */
class SliceRun {
  private readonly advanceBound: (timeNs: number) => void;
  private readonly kernelDoneBound: (timeNs: number) => void;
  private readonly current: StepTag;
  /** One tag per kernel enqueued together on an accelerator (each job keeps its own until it ends). */
  private readonly kernelTags: StepTag[] = objectList();
  /** Kernels enqueued together and not yet done. */
  private kernelsInFlight = 0;
  /** The unit's next op to enqueue on an accelerator, and the slice's kernels enqueued so far. */
  private nextKernel = 0;
  private kernelCount = 0;
  private app!: RuntimeApp;
  private request!: Request;
  private target!: string;
  private targetIndex!: number;
  private share!: number;
  private join!: UnitJoin;
  private unitId!: number;
  private home!: string;
  /** The slice's own dtype when it is not its tensors' (μLayer's quantize): its crossings convert. */
  private sliceDtype!: DType | undefined;
  /** Inputs held on other targets: the first `inputCount` (none in most units of a single-processor plan). Kept for the next slice. */
  private readonly inputs: SliceInput[] = objectList();
  private inputCount!: number;
  private unit!: UnitOnTarget;
  private runner!: OpRunner;
  private step!: number;
  /** Whether the step that just ended was an op (it is counted as an op execution). */
  private opRunning!: boolean;
  private startNs!: number;
  private predictedNs!: number;
  /** The request's skipped ops (layer-level reuse), or undefined. */
  private skips!: Uint8Array | undefined;
  /** Per the app's reuse: 0 when the slice runs every op of its unit, 1 some, 2 none (nor its transfers). */
  private unitSkip!: number;

  constructor(private readonly runtime: Runtime) {
    this.advanceBound = (timeNs) => this.advance(timeNs);
    this.kernelDoneBound = (timeNs) => this.kernelDone(timeNs);
    this.current = new StepTag();
  }

  /** Starts `slice` of `join`'s unit on its target, its ops run by `runner`. */
  start(
    app: RuntimeApp,
    request: Request,
    slice: UnitSlice,
    runner: OpRunner,
    join: UnitJoin,
  ): void {
    const runtime = this.runtime;
    const unitId = join.unitId;
    const target = slice.target;
    const share = slice.share;
    this.app = app;
    this.request = request;
    this.target = target;
    this.targetIndex = runtime.profiler.targetIndex(target);
    this.share = share;
    this.join = join;
    this.unitId = unitId;
    this.home = join.home;
    const dtype = slice.dtype;
    const graph = app.graph;
    const firstOp = graph.ops[app.planned.plan.units[unitId]!.ops[0]!]!;
    this.sliceDtype =
      dtype === undefined || dtype === graph.tensors[firstOp.outputs[0]!]!.dtype
        ? undefined
        : dtype;
    this.skips = request.skips;
    this.unitSkip = request.skips === undefined ? 0 : app.reuse!.unitSkips[unitId]!;
    const inputs = this.inputs;
    let inputCount = 0;
    // A unit whose every op is reused needs none of its inputs.
    if (this.unitSkip !== 2)
      for (const edge of app.planned.inputs[unitId]!) {
        const from = request.home[edge.from]!;
        if (from === target) continue;
        if (inputCount === inputs.length) inputs.push(new SliceInput());
        const input = inputs[inputCount++]!;
        input.from = from;
        input.bytes = edge.bytes;
      }
    // The request's input arrives on the CPU (a camera frame, a buffer the app filled).
    const graphInputBytes = app.planned.graphInputBytes[unitId]!;
    if (this.unitSkip !== 2 && graphInputBytes > 0 && !onCpu(target)) {
      if (inputCount === inputs.length) inputs.push(new SliceInput());
      const input = inputs[inputCount++]!;
      input.from = "cpu";
      input.bytes = graphInputBytes;
    }
    this.inputCount = inputCount;
    this.unit = runtime.unitOnTarget(request.appIndex, unitId, target);
    this.runner = runner;
    this.step = 0;
    this.opRunning = false;
    this.startNs = runtime.now;
    this.predictedNs = runtime.sliceStarted(
      request.appIndex,
      app.planned.plan.units[unitId]!,
      this.targetIndex,
      share,
    );
    this.current.app = app.name;
    this.current.request = request.id;
    this.current.share = share;
    this.advance(0);
  }

  advance(_timeNs: number): void {
    const request = this.request;
    if (request.finished) {
      this.ended(undefined);
      this.runtime.sliceRunDone(this);
      return;
    }
    if (this.opRunning) {
      this.opRunning = false;
      this.runtime.countOpExecution();
    }
    const device = this.runtime.devicePort;
    const inputs = this.inputCount;
    const unit = this.unit;
    const ops = unit.ops.length;
    for (;;) {
      const step = this.step++;
      if (step < inputs) {
        const input = this.inputs[step]!;
        device.transfer(
          input.from,
          this.target,
          input.bytes,
          this.tag("input", -1),
          this.advanceBound,
          this.sliceDtype,
        );
      } else if (step < inputs + ops) {
        if (unit.enqueuedTogether) {
          this.step = inputs + ops;
          this.nextKernel = step - inputs;
          this.kernelCount = 0;
          if (this.enqueueKernels() === 0) continue;
          return;
        }
        if (!this.launchesKernel(step - inputs)) continue;
        const opId = unit.ops[step - inputs]!;
        const tag = this.tag(unit.names[step - inputs]!, opId);
        this.opRunning = true;
        this.runner.run(opId, this.share, tag, this.advanceBound);
      } else if (this.target !== this.home && step === inputs + ops && this.unitSkip !== 2) {
        const bytes = sliceOutputBytes(this.app, this.unitId, this.share);
        device.transfer(
          this.target,
          this.home,
          bytes,
          this.tag("join", -1),
          this.advanceBound,
          this.sliceDtype,
        );
      } else {
        // No job of the slice is left to call back: the run can serve another slice.
        // A slice that skipped reused ops took less than its unit's time: the profile learns nothing from it.
        this.ended(this.unitSkip === 0 ? this.startNs : undefined);
        this.join.sliceDone();
        this.runtime.sliceRunDone(this);
      }
      return;
    }
  }

  /** Enqueues the slice's next kernels, up to the app's window in the queue; returns how many. */
  private enqueueKernels(): number {
    const unit = this.unit;
    const tags = this.kernelTags;
    const window = this.app.queueWindow;
    let enqueued = 0;
    while (this.nextKernel < unit.ops.length && this.kernelsInFlight < window) {
      const index = this.nextKernel++;
      if (!this.launchesKernel(index)) continue;
      const opId = unit.ops[index]!;
      // A tag per kernel of the slice: a job keeps its tag until it ends.
      if (this.kernelCount === tags.length) tags.push(new StepTag());
      const tag = tags[this.kernelCount++]!;
      tag.app = this.current.app;
      tag.request = this.current.request;
      tag.share = this.share;
      tag.name = unit.names[index]!;
      tag.op = opId;
      this.kernelsInFlight++;
      enqueued++;
      this.runner.run(opId, this.share, tag, this.kernelDoneBound);
    }
    return enqueued;
  }

  /** Whether the unit's op at `index` launches a kernel: not fused into its producer's, nor reused. */
  private launchesKernel(index: number): boolean {
    return this.unit.launches[index] === 1 && this.skips?.[this.unit.ops[index]!] !== 1;
  }

  /** A kernel enqueued with others is done: the next takes its place in the window, and the slice goes on after the last. */
  private kernelDone(timeNs: number): void {
    this.runtime.countOpExecution();
    this.kernelsInFlight--;
    this.enqueueKernels();
    if (this.kernelsInFlight === 0) this.advance(timeNs);
  }

  private ended(startNs: number | undefined): void {
    this.runtime.sliceEnded(
      this.request.appIndex,
      this.app.planned.plan.units[this.unitId]!,
      this.targetIndex,
      this.share,
      this.predictedNs,
      startNs,
    );
  }

  private tag(name: string, op: number): JobTag {
    this.current.name = name;
    this.current.op = op;
    return this.current;
  }
}

/** An input of a slice held on another target: where, and how many bytes. */
class SliceInput {
  from = "";
  bytes = 0;
}

/** The tag of a slice's running step: its steps run one at a time, so one object serves them all. */
class StepTag implements JobTag {
  app = "";
  request = -1;
  name = "";
  op = -1;
  share = 1;
}

/** Output bytes of a slice: its share of what the unit's ops write last (the tensors leaving the unit). */
function sliceOutputBytes(app: RuntimeApp, unitId: number, share: number): number {
  const ops = app.planned.plan.units[unitId]!.ops;
  const last = app.graph.ops[ops[ops.length - 1]!]!;
  return Math.ceil(last.outputBytes * share);
}
