import { type EventId, NO_EVENT } from "../../core/event-queue.ts";
import { unknownNameMessage } from "../../core/nearest.ts";
import { objectList, truncateList } from "../../core/object-list.ts";
import type { RandomStreams } from "../../core/random.ts";
import type { Simulator } from "../../core/simulator.ts";
import { NS_PER_MS, secondsToNs } from "../../core/time.ts";
import type { Graph } from "../../graph/ir.ts";
import type { DType } from "../../graph/op-kinds.ts";
import type { OpCycles } from "../cost/op-cost.ts";
import { opSeconds } from "../cost/op-cost.ts";
import { topOperatingPoints } from "../cost/power.ts";
import { sharedPerCounts } from "../cost/shared-costs.ts";
import {
  compileCpuTarget,
  compileProcessorTarget,
  cpuCores,
  cpuTargetId,
  type Target,
} from "../cost/target.ts";
import { TransferPricing } from "../cost/transfers.ts";
import type { SocSpec } from "../load-soc.ts";
import type { ProcessorKind } from "../schema/processor-schema.ts";
import { tunableScaling } from "./barrier-wait.ts";
import { NICE_0_WEIGHT, weightOfNice } from "./cfs-weights.ts";
import { CompetingLoadDriver } from "./competing-load.ts";
import { CoreBinding } from "./core-binding.ts";
import { CounterFeed } from "./counter-feed.ts";
import type {
  BusyJob,
  CompetingLoad,
  Device,
  DeviceListener,
  DeviceMonitor,
  DeviceOptions,
  DeviceStatistics,
  EnergySink,
  GovernorName,
  JobHandle,
  ModelCosts,
  OpJob,
  OpSubmitter,
  TransferJob,
} from "./device-api.ts";
import { FluidJob, type JobCost } from "./fluid-job.ts";
import { FluidJobSet } from "./fluid-jobs.ts";
import { type Governor, ProcessorDomain } from "./governors/governor.ts";
import { GOVERNORS, governorOfKind } from "./governors/registry.ts";
import { HeatSources } from "./heat-sources.ts";
import { BusyCosts, TransferCosts } from "./job-cost-reuse.ts";
import { opJobCost, spinJobCost } from "./job-costs.ts";
import { JobTrace } from "./job-trace.ts";
import { LanePool } from "./lane-pool.ts";
import { LeakageCurve } from "./leakage.ts";
import { MemoryContention } from "./memory-contention.ts";
import { modelCosts, supportedKinds } from "./model-costs.ts";
import { deviceMonitor, ProcessorView } from "./monitor.ts";
import { PowerBudgetControllers } from "./power-budget.ts";
import { Processor } from "./processor.ts";
import { SocMeter } from "./soc-meter.ts";
import { SpinningPool } from "./spinning-pool.ts";
import { StatisticsWindow } from "./statistics.ts";
import { ThermalNetwork } from "./thermal-network.ts";
import { ThermalTrips } from "./thermal-trips.ts";

const DEFAULT_THERMAL_TICK_NS = 10 * NS_PER_MS;

/** A target as the device submits to it: processor indices, and the job cost of each op's or slice's counts. */
interface CompiledTarget {
  readonly target: Target;
  readonly domains: Int32Array;
  /** The framework's CPU clusters: where an accelerator's host thread runs. */
  readonly hosts: Int32Array;
  readonly jobCosts: WeakMap<OpCycles, JobCost>;
  /** CPU targets whose back-end's pool threads spin after an op: what they spin. */
  readonly spinCost: JobCost | undefined;
  /** A framework's whole-CPU target (`cpu`, `cpu:N`): its threads go to free cores first (core-binding.ts). */
  readonly pool?: {
    readonly threads: number | undefined;
    /** Its bindings around other pools' cores, by CoreBinding's busy key. */
    readonly bound: Map<number, CompiledTarget>;
  };
}

/** Hooks for invariant checks and tests: they see the device's internals after each change. */
export interface DeviceObserver {
  /** After every state change, once rates and powers are current. */
  afterChange?(now: number): void;
  /** When a job completes, with the work it completed (1 is all of it). */
  jobCompleted?(job: FluidJob<unknown>, completedWork: number): void;
  /** After every thermal step, with the node powers (W) applied over it. */
  thermalStepped?(now: number, nodePowers: Float64Array): void;
}

/**
 * Builds the device for one run on `simulator`. The device keeps periodic
 * events (thermal tick, governor polls, competing loads), so run the
 * simulator with `until`, or call `dispose()` first.
 */
export function createDevice<Tag = unknown>(
  simulator: Simulator,
  soc: SocSpec,
  options: DeviceOptions = {},
): Device<Tag> {
  return new SimulatedDevice<Tag>(simulator, soc, options);
}

/** The device; its `internals` are for invariant checks and tests, not for the runtime. */
export class SimulatedDevice<Tag> implements Device<Tag> {
  readonly framework: string;
  readonly processorIds: readonly string[];
  readonly targetIds: readonly string[];
  readonly monitor: DeviceMonitor;
  readonly processors: readonly Processor[];
  readonly network: ThermalNetwork;
  readonly contention: MemoryContention;
  readonly jobs: FluidJobSet;
  readonly meter: SocMeter;
  private readonly processorIndex: ReadonlyMap<string, number>;
  private readonly targets = new Map<string, CompiledTarget>();
  /** Whole-CPU targets bound around other pools' cores, by id. */
  private readonly boundTargets = new Map<string, CompiledTarget>();
  private readonly binding: CoreBinding;
  /** The framework's CPU clusters: where the host thread of an accelerator kernel or a transfer runs, and a whole-CPU pool's threads go. */
  private readonly hostClusters: Int32Array;
  private readonly governors: Governor[] = [];
  private readonly trips: ThermalTrips;
  private readonly budgets: PowerBudgetControllers;
  /** Each processor's cap at the last tick, as the power-budget controllers see it. */
  private readonly heldPoints: Int32Array;
  private readonly leakage: LeakageCurve;
  private readonly transfers: TransferPricing;
  private readonly transferCosts: TransferCosts;
  private readonly busyCosts: BusyCosts;
  private readonly statisticsWindow: StatisticsWindow;
  private readonly costCache = new WeakMap<Graph, ModelCosts>();
  private readonly observers: DeviceObserver[] = [];
  private readonly trace: JobTrace<Tag>;
  private readonly counterFeeds: CounterFeed[] = [];
  private readonly competing: CompetingLoadDriver[] = [];
  /** Per processor: its pending power-collapse event, or NO_EVENT, and the event's handler. */
  private readonly collapseEvents: Float64Array;
  private readonly collapseHandlers: readonly ((timeNs: number) => void)[];
  private readonly tickNs: number;
  private readonly heat: HeatSources;
  private readonly skinNode: number;
  private tickEvent: EventId;
  private nextJobId = 0;
  /** Finished job records kept for reuse (DeviceOptions.recycleJobs), while nothing observes jobs. */
  private readonly spareJobs: FluidJob<Tag>[] = objectList();
  /** Per processor a transfer is shown on: the trace slots of the transfers in flight there. */
  private readonly transferLanes = new Map<string, LanePool>();
  private recycleJobs: boolean;
  /** Typed for any tag so that a device of one tag type is still a SimulatedDevice<unknown> to the checks. */
  private energySink: EnergySink<unknown> | undefined;
  /** Nesting depth of the state change under way: the outermost one flushes first and settles last. */
  private changeDepth = 0;
  /** Accelerators whose queue emptied during the change under way: they may power-collapse after it. */
  private readonly emptied: Processor[] = objectList();
  private readonly random: RandomStreams | undefined;
  constructor(
    private readonly simulator: Simulator,
    readonly soc: SocSpec,
    options: DeviceOptions,
  ) {
    const now = simulator.now;
    this.random = options.random;
    this.recycleJobs = options.recycleJobs ?? false;
    this.framework = options.framework ?? soc.default_framework;
    if (soc.frameworks[this.framework] === undefined)
      throw new Error(unknownNameMessage("framework", this.framework, Object.keys(soc.frameworks)));
    const ids = Object.keys(soc.processors);
    this.processorIds = ids;
    this.processorIndex = new Map(ids.map((id, index) => [id, index]));
    this.tickNs = options.thermalTickNs ?? DEFAULT_THERMAL_TICK_NS;
    if (!(this.tickNs > 0) || !Number.isSafeInteger(this.tickNs))
      throw new Error(`thermal tick must be a positive whole number of ns, not ${this.tickNs}`);
    const ambientC = options.ambientC ?? soc.thermal.ambient;
    this.network = new ThermalNetwork(soc.thermal, {
      ambientC,
      initialC: options.initialTempsC ?? {},
      heldC: options.holdTempsC ?? {},
      preheatC: options.preheatTempsC ?? {},
      tickSeconds: this.tickNs * 1e-9,
    });
    const nodeIndex = new Map(this.network.nodeIds.map((id, index) => [id, index]));
    this.processors = ids.map(
      (id, index) =>
        new Processor(
          index,
          id,
          soc.processors[id]!,
          nodeIndex.get(id)!,
          soc.power.leakage_reference_voltage,
          now,
        ),
    );
    this.leakage = new LeakageCurve(soc.power);
    for (const processor of this.processors) {
      processor.leakageFactor = this.leakage.factor(this.network.temperatures[processor.node]!);
      processor.refreshPower();
    }
    this.skinNode = nodeIndex.get("skin") ?? -1;
    this.trace = new JobTrace(this.processors);
    this.trips = new ThermalTrips(
      soc.thermal.trips,
      (node) => nodeIndex.get(node)!,
      (processor) => this.processorIndex.get(processor)!,
      ids.length,
    );
    this.budgets = new PowerBudgetControllers(
      soc.thermal.power_controllers,
      (node) => nodeIndex.get(node)!,
      this.processors,
      (processor) => this.processorIndex.get(processor)!,
      now,
    );
    this.heldPoints = new Int32Array(ids.length);

    const sustained = Math.max(...Object.values(soc.memory.sustained_fraction), 0);
    this.contention = new MemoryContention(
      soc.memory.peak_bandwidth * (sustained > 0 ? sustained : 1),
      options.cacheHitRate,
    );
    this.meter = new SocMeter(soc.power, soc.memory.energy_per_byte, now);
    const sharedNode = this.network.nodeIds.findIndex((id) => soc.processors[id] === undefined);
    this.heat = new HeatSources(
      this.processors,
      this.meter,
      this.network.nodeIds.length,
      nodeIndex.get("package") ?? sharedNode,
      nodeIndex.get("board") ?? sharedNode,
      now,
    );
    this.jobs = new FluidJobSet(
      simulator,
      this.processors,
      this.contention,
      this.meter,
      soc.memory.energy_per_byte,
      tunableScaling(cpuCores(soc)),
    );

    this.binding = new CoreBinding(this.processors);
    this.hostClusters = Int32Array.from(
      soc.frameworks[this.framework]!.cpu.clusters,
      (cluster) => this.processorIndex.get(cluster)!,
    );
    this.compileTargets(options);
    this.targetIds = [...this.targets.keys()];
    const gpuMemory =
      options.gpuMemory ?? soc.frameworks[this.framework]!.backends.gpu?.memory ?? undefined;
    this.transfers = new TransferPricing(soc, this, gpuMemory);
    this.transferCosts = new TransferCosts(this.transfers, this.hostClusters);
    this.busyCosts = new BusyCosts(ids.length);

    const views = this.processors.map(
      (processor) =>
        new ProcessorView(
          processor,
          simulator,
          this.network.temperatures,
          supportedKinds(soc, this.framework, processor.id),
        ),
    );
    this.monitor = deviceMonitor(views, this.network, this.skinNode);
    this.statisticsWindow = new StatisticsWindow(
      this.processors,
      this.meter,
      this.network,
      this.skinNode,
      ambientC,
    );
    this.statisticsWindow.reset(now);
    this.collapseEvents = new Float64Array(ids.length).fill(NO_EVENT);
    this.collapseHandlers = this.processors.map(
      (processor) => (time: number) => this.collapse(processor, time),
    );

    this.startGovernors(options);
    // Every governor hears the load once, at the first change after start.
    for (const processor of this.processors) processor.threadsNoticed = -1;
    this.tickEvent = simulator.at(now + this.tickNs, this.onThermalTick);
  }

  target(id: string): Target {
    return this.compiled(id).target;
  }

  costs(graph: Graph): ModelCosts {
    let costs = this.costCache.get(graph);
    if (costs === undefined) {
      costs = modelCosts(this.soc, (id) => this.target(id), graph);
      this.costCache.set(graph, costs);
    }
    return costs;
  }

  isolatedSeconds(targetId: string, cycles: OpCycles): number {
    const target = this.target(targetId);
    const [frequencies] = topOperatingPoints(this.soc, target);
    return opSeconds(cycles, target, frequencies, cycles.nominalHit, 1);
  }

  transferSeconds(bytes: number, from: string, to: string): number {
    return this.transfers.seconds(bytes, from, to);
  }

  submit(job: OpJob<Tag>): JobHandle<Tag> {
    const cost = this.opCost(this.compiled(job.target), job.cycles, job.workingSetBytes);
    return this.enqueue(cost, job.tag, job.onDone, undefined, undefined, job.topApp === true);
  }

  opSubmitter(graph: Graph, targetId: string, topApp = false): OpSubmitter<Tag> {
    const compiled = this.compiled(targetId);
    const costs = this.costs(graph);
    const pool =
      compiled.spinCost === undefined ? undefined : new SpinningPool(compiled.spinCost, topApp);
    const enqueueOp = (cost: JobCost, tag: Tag, onDone: (timeNs: number) => void) => {
      if (pool === undefined) return this.enqueue(cost, tag, onDone, undefined, undefined, topApp);
      this.stopSpinning(pool);
      const job = this.enqueue(cost, tag, onDone, undefined, undefined, topApp);
      job.pool = pool;
      return job;
    };
    const wholeOps: (JobCost | undefined)[] = new Array(graph.ops.length);
    const leadingSlices = new Map<string, OpCycles>();
    const leadingSlice = (op: number, share: number, targetId: string): OpCycles => {
      const key = `${targetId}:${op}:${share}`;
      let cycles = leadingSlices.get(key);
      if (cycles === undefined) {
        const shape = graph.tensors[graph.ops[op]!.outputs[0]!]!.shape;
        const channels = shape[shape.length === 4 ? 1 : shape.length - 1]!;
        const range = [0, Math.max(1, Math.round(share * channels))] as const;
        cycles = costs.sliceCycles(op, targetId, { axis: "channels", range });
        leadingSlices.set(key, cycles);
      }
      return cycles;
    };
    return {
      submit: (op, share, tag, onDone) => {
        if (share !== 1 && !(share > 0 && share < 1))
          throw new Error(`job share must be in (0, 1], not ${share}`);
        const bound = this.bound(compiled);
        if (share !== 1 || bound !== compiled) {
          const id = bound.target.id;
          const cycles = share === 1 ? costs.cycles(op, id) : leadingSlice(op, share, id);
          const cost = this.opCost(bound, cycles, undefined);
          return enqueueOp(cost, tag, onDone);
        }
        let cost = wholeOps[op];
        if (cost === undefined) {
          cost = this.opCost(compiled, costs.cycles(op, targetId), undefined);
          wholeOps[op] = cost;
        }
        return enqueueOp(cost, tag, onDone);
      },
      submitCycles: (cycles, tag, onDone) =>
        enqueueOp(this.opCost(compiled, cycles, undefined), tag, onDone),
    };
  }

  submitBusy(job: BusyJob<Tag>): JobHandle<Tag> {
    return this.enqueue(
      this.busyCost(job),
      job.tag,
      job.onDone,
      undefined,
      undefined,
      job.topApp === true,
    );
  }

  submitTransfer(job: TransferJob<Tag>): JobHandle<Tag> {
    const accelerator =
      this.kindOf(job.to) !== "cpu"
        ? job.to
        : this.kindOf(job.from) !== "cpu"
          ? job.from
          : undefined;
    const cost = this.transferCosts.cost(job.bytes, job.from, job.to, job.dtype, job.sliceDtype);
    return this.enqueue(cost, job.tag, job.onDone, undefined, accelerator, job.topApp === true);
  }

  addCompetingLoad(load: CompetingLoad): void {
    if (!(load.dutyCycle > 0 && load.dutyCycle <= 1))
      throw new Error(`competing load ${load.name}: duty cycle must be in (0, 1]`);
    if (!(load.periodSeconds > 0))
      throw new Error(`competing load ${load.name}: period must be > 0`);
    const burst: BusyJob<Tag> = {
      processor: load.processor,
      nominalSeconds: load.dutyCycle * load.periodSeconds,
      threads: load.threads ?? 1,
      dramBandwidth: load.bandwidth ?? 0,
      workingSetBytes: load.footprintBytes ?? 0,
      nice: load.nice ?? 0,
      tag: undefined as Tag,
      onDone: () => {},
    };
    const cost = this.busyCost(burst);
    const phase = this.random
      ? this.random.stream(`competing/${load.name}`).uniform(0, load.periodSeconds)
      : 0;
    this.competing.push(
      new CompetingLoadDriver(
        this.simulator,
        load,
        (onDone) => this.enqueue(cost, undefined as Tag, onDone, load.name, undefined, false),
        secondsToNs(phase),
      ),
    );
  }

  addListener(listener: DeviceListener<Tag>, options: { counterIntervalNs?: number } = {}): void {
    if (listener.jobStarted || listener.jobEnded) this.trace.add(listener);
    const counters = listener.counters;
    if (counters) {
      this.flushAll(this.simulator.now);
      this.counterFeeds.push(
        new CounterFeed(
          { counters: (sample) => counters.call(listener, sample) },
          options.counterIntervalNs ?? this.tickNs,
          this.processors,
          this.meter,
          this.network.temperatures,
          this.skinNode,
          this.simulator.now,
        ),
      );
    }
  }

  /** Attaches invariant checks or test probes. */
  observe(observer: DeviceObserver): void {
    // An observer may keep the jobs it is shown.
    this.recycleJobs = false;
    this.observers.push(observer);
  }

  chargeEnergyTo(sink: EnergySink<Tag>): void {
    this.energySink = sink as EnergySink<unknown>;
  }

  chargeRunningJobs(): void {
    this.flush(this.simulator.now);
    const running = this.jobs.running;
    const sink = this.energySink;
    for (let index = 0; index < running.length; index++) {
      const job = running[index]!;
      if (sink !== undefined && job.energyJ !== 0) sink(job.tag, job.competingLoad, job.energyJ);
      job.energyJ = 0;
    }
  }

  resetStatistics(): void {
    this.flushAll(this.simulator.now);
    this.statisticsWindow.reset(this.simulator.now);
    // What running jobs drew before the window belongs to no window.
    for (const job of this.jobs.running) job.energyJ = 0;
  }

  statistics(): DeviceStatistics {
    this.flushAll(this.simulator.now);
    return this.statisticsWindow.report(this.simulator.now);
  }

  dispose(): void {
    this.simulator.cancel(this.tickEvent);
    for (const governor of this.governors) governor.dispose();
    for (const load of this.competing) load.dispose();
    for (const event of this.collapseEvents) if (event >= 0) this.simulator.cancel(event);
  }

  /** Finish events moved so far (rate changes of running jobs). */
  get retimings(): number {
    return this.jobs.retimings;
  }

  // ── set-up ────────────────────────────────────────────────────────────

  private opCost(
    compiled: CompiledTarget,
    cycles: OpCycles,
    workingSetBytes: number | undefined,
  ): JobCost {
    // A job's cost depends on nothing but its counts and the target: build it once per counts.
    const shared = workingSetBytes === undefined;
    let cost = shared ? compiled.jobCosts.get(cycles) : undefined;
    if (cost === undefined) {
      cost = opJobCost(compiled.target, compiled.domains, compiled.hosts, cycles, workingSetBytes);
      if (shared) compiled.jobCosts.set(cycles, cost);
    }
    return cost;
  }

  private compiled(id: string): CompiledTarget {
    const compiled = this.targets.get(id) ?? this.boundTargets.get(id);
    if (compiled === undefined)
      throw new Error(unknownNameMessage("target", id, [...this.targets.keys()]));
    return compiled;
  }

  private compiledOf(target: Target, pool?: CompiledTarget["pool"]): CompiledTarget {
    const domains = Int32Array.from(target.domains, (domain) => this.processorIndex.get(domain)!);
    return {
      target,
      domains,
      hosts: this.hostClusters,
      // A shared target's processors and host clusters are the same on every device of its spec,
      // so its job costs serve every run of the process.
      jobCosts: sharedPerCounts<JobCost>(this.soc, target) ?? new WeakMap(),
      spinCost: spinJobCost(target, domains, target.backend.spin_wait),
      ...(pool !== undefined && { pool }),
    };
  }

  /**
   * The target a whole-CPU pool's op starts on: as compiled while no other
   * pool holds a core of its clusters, else bound to the free cores first.
   */
  private bound(compiled: CompiledTarget): CompiledTarget {
    if (compiled.pool === undefined) return compiled;
    const key = this.binding.busyKey(compiled.hosts);
    if (key === 0) return compiled;
    let bound = compiled.pool.bound.get(key);
    if (bound === undefined) {
      const busy = this.binding.busyCores(compiled.hosts, key);
      const target = compileCpuTarget(this.soc, this.framework, compiled.pool.threads, busy);
      bound = target.id === compiled.target.id ? compiled : this.compiledOf(target);
      compiled.pool.bound.set(key, bound);
      this.boundTargets.set(target.id, bound);
    }
    return bound;
  }

  private compileTargets(options: DeviceOptions): void {
    const add = (target: Target, pool?: CompiledTarget["pool"]) => {
      this.targets.set(target.id, this.compiledOf(target, pool));
    };
    add(compileCpuTarget(this.soc, this.framework), { threads: undefined, bound: new Map() });
    for (const threads of options.cpuThreadCounts ?? []) {
      const id = cpuTargetId(this.soc, this.framework, threads);
      if (!this.targets.has(id))
        add(compileCpuTarget(this.soc, this.framework, threads), { threads, bound: new Map() });
    }
    const overrides = options.gpuMemory === undefined ? {} : { memory: options.gpuMemory };
    for (const id of this.processorIds) {
      const target = compileProcessorTarget(this.soc, this.framework, id, overrides);
      if (target !== undefined) add(target);
    }
  }

  private startGovernors(options: DeviceOptions): void {
    for (const processor of this.processors) {
      const fixed = options.fixedFrequencyHz?.[processor.id];
      const chosen: GovernorName =
        options.governors?.[processor.id] ??
        (fixed === undefined ? governorOfKind(processor.spec.governor.kind) : "userspace");
      if (chosen === "userspace" && fixed === undefined)
        throw new Error(`the userspace governor of ${processor.id} needs a fixed frequency`);
      const factory = GOVERNORS.get(chosen);
      this.governors[processor.index] = factory({
        simulator: this.simulator,
        domain: new ProcessorDomain(processor, this),
        configured: processor.spec.governor,
        fixedPoint:
          fixed === undefined ? processor.points.top : processor.points.highestAtMost(fixed),
      });
    }
  }

  /** The dtype a target's back-end keeps a tensor of `dtype` in (the transfer pricing's TransferTargets). */
  storedDtype(target: string, dtype: DType): DType {
    return this.target(target).backend.precision[dtype] ?? dtype;
  }

  /** A target's processor kind (the transfer pricing's TransferTargets). */
  kindOf(target: string): ProcessorKind {
    if (target === "cpu") return "cpu";
    const index = this.processorIndex.get(target);
    if (index === undefined)
      throw new Error(unknownNameMessage("target", target, ["cpu", ...this.processorIds]));
    return this.processors[index]!.kind;
  }

  private busyCost(job: BusyJob<unknown>): JobCost {
    const index = this.processorIndex.get(job.processor);
    if (index === undefined)
      throw new Error(unknownNameMessage("processor", job.processor, [...this.processorIds]));
    const processor = this.processors[index]!;
    const threads = processor.kind === "cpu" ? (job.threads ?? 1) : 1;
    if (!(job.nominalSeconds >= 0)) throw new Error("busy time must not be negative");
    const sustained = this.soc.memory.sustained_fraction[processor.kind] ?? 1;
    const drawable = Math.min(
      this.soc.memory.peak_bandwidth * sustained,
      threads * processor.spec.max_bandwidth,
    );
    return this.busyCosts.cost(
      processor,
      threads,
      weightOfNice(job.nice ?? 0),
      job.nominalSeconds,
      job.dramBandwidth ?? 0,
      drawable,
      job.workingSetBytes ?? 0,
    );
  }

  // ── state changes ─────────────────────────────────────────────────────
  // Every change is bracketed: flush() books everything up to now at the
  // old state, the change is made, settle() recomputes powers and rates.
  // Changes made while another is under way at the same instant (a kernel
  // ends and its successor is submitted from the completion callback) join
  // it: no time passes between them, so one settle serves them all.

  private beginChange(now: number): void {
    if (this.changeDepth++ === 0) this.flush(now);
  }

  private endChange(now: number): void {
    if (--this.changeDepth > 0) return;
    this.settle(now);
    const emptied = this.emptied;
    if (emptied.length === 0) return;
    for (let index = 0; index < emptied.length; index++) {
      const processor = emptied[index]!;
      if (processor.queue!.running === undefined) this.scheduleCollapse(processor, now);
    }
    truncateList(emptied, 0);
  }

  /** Books the running jobs and the SoC meter up to now (processors advance when settle refreshes them). */
  private flush(now: number): void {
    this.jobs.advance(now);
    this.meter.advance(now);
  }

  /** Books everything up to now, every processor included: before anything reads the meters. */
  private flushAll(now: number): void {
    this.flush(now);
    for (const processor of this.processors) processor.advance(now);
  }

  private settle(now: number): void {
    const processors = this.processors;
    let uncore = false;
    let loadsMoved = false;
    for (let index = 0; index < processors.length; index++) {
      const processor = processors[index]!;
      if (processor.stale || (processor.loadTouched && processor.loadMoved())) {
        // Meters run at the old state up to now; then shares and power take the new one.
        processor.advance(now);
        processor.refreshLoad();
        processor.refreshes++;
        processor.refreshPower();
        processor.stale = false;
      }
      processor.loadTouched = false;
      const threads = processor.runnableThreads;
      if (threads > 0 && processor.wakesUncore) uncore = true;
      if (threads !== processor.threadsNoticed) loadsMoved = true;
    }
    this.meter.uncoreActive = uncore;
    this.jobs.retime(now);
    for (const observer of this.observers) observer.afterChange?.(now);
    if (!loadsMoved) return;
    for (let index = 0; index < processors.length; index++) {
      const processor = processors[index]!;
      if (processor.runnableThreads === processor.threadsNoticed) continue;
      processor.threadsNoticed = processor.runnableThreads;
      this.governors[processor.index]!.loadChanged(now);
    }
  }

  /** A governor's request (the governors' PointRequests): applied under the thermal cap. */
  requestPoint(processor: Processor, point: number, now: number): void {
    processor.requestedPoint = point;
    const applied = Math.min(point, processor.capPoint);
    if (applied === processor.point) return;
    this.beginChange(now);
    processor.advance(now);
    processor.applyPoint();
    this.endChange(now);
  }

  private enqueue(
    cost: JobCost,
    tag: Tag,
    onDone: (timeNs: number) => void,
    competingLoad: string | undefined,
    traceProcessor: string | undefined,
    topApp: boolean,
  ): FluidJob<Tag> {
    const now = this.simulator.now;
    const job = this.takeJob(cost, tag, onDone, now) as FluidJob<Tag>;
    job.competingLoad = competingLoad;
    job.traceProcessor = traceProcessor;
    job.topApp = topApp;
    const queue = cost.domains.length === 1 ? this.processors[cost.domains[0]!]!.queue : undefined;
    if (queue !== undefined && queue.running !== undefined) {
      queue.push(job as FluidJob<unknown>);
      return job;
    }
    this.beginChange(now);
    this.occupy(job as FluidJob<unknown>, now);
    this.trace.started(job as FluidJob<unknown>, now);
    this.endChange(now);
    return job;
  }

  /** A finished job reset for reuse, or a new one. */
  private takeJob(
    cost: JobCost,
    tag: unknown,
    onDone: (timeNs: number) => void,
    now: number,
  ): FluidJob<unknown> {
    const spare = this.spareJobs.pop() as FluidJob<unknown> | undefined;
    if (spare === undefined) return this.newJob(cost, tag, onDone, now);
    spare.reset(this.nextJobId++, cost, tag, onDone, now);
    return spare;
  }

  /**
   * A new job and its completion handler. The closure is made in a method
   * of its own: a function holding a closure over `this` allocates the
   * closure's context at every call, whether or not it makes the closure.
   */
  private newJob(
    cost: JobCost,
    tag: unknown,
    onDone: (timeNs: number) => void,
    now: number,
  ): FluidJob<unknown> {
    const job = new FluidJob<unknown>(this.nextJobId++, cost, tag, onDone, now);
    job.complete = (time) => this.complete(job, time);
    return job;
  }

  /** Puts a job on its processors (no flush or settle: the caller brackets the change). */
  private occupy(job: FluidJob<unknown>, now: number): void {
    this.jobs.add(job, now);
    const cost = job.cost;
    this.binding.hold(cost, 1);
    if (cost.role === "transfer") job.transferLane = this.transferLanesOf(job).acquire();
    if (cost.host !== "none") this.startHostThread(job, now);
    let lane = 0;
    for (let domain = 0; domain < cost.domains.length; domain++) {
      const processor = this.processors[cost.domains[domain]!]!;
      processor.runningJobs++;
      processor.addThreads(cost.threads[domain]!, cost.weight);
      if (job.topApp) processor.topAppThreads += cost.threads[domain]!;
      if (processor.lanes !== undefined) {
        for (let thread = 0; thread < cost.threads[domain]!; thread++)
          job.lanes[lane++] = processor.lanes.acquire();
      } else {
        processor.queue!.running = job;
        job.lanes[lane++] = 0;
        this.wake(processor);
      }
    }
  }

  /**
   * The job's host thread goes to the framework cluster where a new thread
   * gets the most of a core. A launch's CPU work (the fixed seconds at a
   * whole core) is booked there at once, charged to the job, and heard by
   * the cluster's governor: a thread that wakes, enqueues and sleeps is too
   * short to follow as a runnable thread. A transfer's host thread is one
   * more runnable thread for the whole transfer.
   */
  private startHostThread(job: FluidJob<unknown>, now: number): void {
    const hosts = job.cost.hostDomains;
    let best = this.processors[hosts[0]!]!;
    for (let host = 1; host < hosts.length; host++) {
      const processor = this.processors[hosts[host]!]!;
      if (processor.hostShare > best.hostShare) best = processor;
    }
    job.hostProcessor = best.index;
    if (job.cost.host === "all") {
      best.addThreads(1, NICE_0_WEIGHT);
      if (job.topApp) best.topAppThreads++;
      return;
    }
    best.advance(now);
    const joules = best.hostWorked(job.cost.fixedSeconds);
    if (joules === 0) return;
    job.energyJ += joules;
    this.governors[best.index]!.hostWorked?.(now, job.cost.fixedSeconds * 1e9);
  }

  private stopHostThread(job: FluidJob<unknown>): void {
    const host = this.processors[job.hostProcessor]!;
    job.hostProcessor = -1;
    if (job.cost.host !== "all") return;
    host.addThreads(-1, NICE_0_WEIGHT);
    if (job.topApp) host.topAppThreads--;
  }

  private complete(job: FluidJob<unknown>, now: number): void {
    this.beginChange(now);
    job.endNs = now;
    for (const observer of this.observers) observer.jobCompleted?.(job, 1 - job.remaining);
    job.remaining = 0;
    job.state = "done";
    job.eventId = NO_EVENT;
    if (job.spinOf === undefined) this.trace.ended(job, now);
    this.jobs.remove(job);
    if (job.cost.role === "transfer") this.transferLanesOf(job).release(job.transferLane);
    if (job.hostProcessor >= 0) this.stopHostThread(job);
    const next = this.release(job);
    if (next !== undefined) {
      this.occupy(next, now);
      this.trace.started(next, now);
    }
    // Charged before the callback, which may finish the request the job belongs to.
    if (this.energySink !== undefined && job.energyJ !== 0)
      this.energySink(job.tag, job.competingLoad, job.energyJ);
    if (job.pool !== undefined) this.startSpinning(job.pool, job.tag, now);
    job.onDone(now);
    this.endChange(now);
    // A competing load's driver keeps its burst's handle to see when it is done.
    if (this.recycleJobs && job.competingLoad === undefined)
      this.spareJobs.push(job as FluidJob<Tag>);
  }

  /** Takes a finished job off its processors; an accelerator's next queued job, if any, is returned to be started. */
  private release(job: FluidJob<unknown>): FluidJob<unknown> | undefined {
    const cost = job.cost;
    let next: FluidJob<unknown> | undefined;
    this.binding.hold(cost, -1);
    let lane = 0;
    for (let domain = 0; domain < cost.domains.length; domain++) {
      const processor = this.processors[cost.domains[domain]!]!;
      processor.runningJobs--;
      processor.addThreads(-cost.threads[domain]!, cost.weight);
      if (job.topApp) processor.topAppThreads -= cost.threads[domain]!;
      if (processor.lanes !== undefined) {
        for (let thread = 0; thread < cost.threads[domain]!; thread++)
          processor.lanes.release(job.lanes[lane++]!);
      } else {
        processor.queue!.running = undefined;
        next = processor.queue!.shift();
        if (next === undefined) this.emptied.push(processor);
      }
    }
    return next;
  }

  /** A pool op ended: its workers spin for their next op (on a pool op still running, the later spin replaces the earlier). */
  private startSpinning(pool: SpinningPool, tag: unknown, now: number): void {
    this.stopSpinning(pool);
    const job = this.takeJob(pool.spinCost, tag, pool.ended, now);
    job.spinOf = pool;
    job.topApp = pool.topApp;
    pool.spinning = job;
    this.beginChange(now);
    this.occupy(job, now);
    this.endChange(now);
  }

  /** The pool's next op starts: its spinning workers take it (their spin ends now, charged to whom it was). */
  private stopSpinning(pool: SpinningPool): void {
    const job = pool.spinning;
    if (job === undefined) return;
    pool.spinning = undefined;
    const now = this.simulator.now;
    this.beginChange(now);
    this.simulator.cancel(job.eventId);
    job.eventId = NO_EVENT;
    job.endNs = now;
    job.remaining = 0;
    job.state = "done";
    this.jobs.remove(job);
    this.release(job);
    if (this.energySink !== undefined && job.energyJ !== 0)
      this.energySink(job.tag, undefined, job.energyJ);
    this.endChange(now);
    if (this.recycleJobs) this.spareJobs.push(job as FluidJob<Tag>);
  }

  private transferLanesOf(job: FluidJob<unknown>): LanePool {
    const processor = job.traceProcessor ?? "cpu";
    let lanes = this.transferLanes.get(processor);
    if (lanes === undefined) {
      lanes = new LanePool();
      this.transferLanes.set(processor, lanes);
    }
    return lanes;
  }

  /** An accelerator with an idle timeout power-collapses when it stays idle that long. */
  private scheduleCollapse(processor: Processor, now: number): void {
    const timeout = processor.spec.power.idle_timeout;
    if (timeout === undefined) return;
    this.collapseEvents[processor.index] = this.simulator.at(
      now + secondsToNs(timeout),
      this.collapseHandlers[processor.index]!,
    );
  }

  private collapse(processor: Processor, now: number): void {
    this.collapseEvents[processor.index] = NO_EVENT;
    this.beginChange(now);
    processor.collapsed = true;
    processor.stale = true;
    this.endChange(now);
  }

  /** A job starts on the processor: a pending collapse is off, and a collapsed one powers up. */
  private wake(processor: Processor): void {
    // Cancelling NO_EVENT does nothing: one path whether or not a collapse is pending.
    this.simulator.cancel(this.collapseEvents[processor.index]!);
    this.collapseEvents[processor.index] = NO_EVENT;
    if (processor.collapsed) {
      processor.collapsed = false;
      processor.stale = true;
    }
  }

  // ── thermal tick ──────────────────────────────────────────────────────

  private readonly onThermalTick = (now: number): void => {
    this.beginChange(now);
    this.flushAll(now);
    const powers = this.heat.powersSince(now);

    this.network.step(powers);
    const temperatures = this.network.temperatures;
    this.trips.update(temperatures);
    if (!this.budgets.empty) {
      for (const processor of this.processors)
        this.heldPoints[processor.index] = processor.capPoint;
      this.budgets.update(now, temperatures, this.heldPoints);
    }
    for (const processor of this.processors) {
      processor.leakageFactor = this.leakage.factor(temperatures[processor.node]!);
      processor.stale = true;
      const cap = this.trips.caps[processor.index]!;
      const tripPoint =
        cap === Number.POSITIVE_INFINITY
          ? processor.points.top
          : processor.points.highestAtMost(cap);
      processor.capPoint = Math.min(tripPoint, this.budgets.capPoints[processor.index]!);
      processor.applyPoint();
    }
    this.endChange(now);
    this.statisticsWindow.observeTemperatures();
    for (const observer of this.observers) observer.thermalStepped?.(now, powers);
    for (const feed of this.counterFeeds) feed.feed(now);
    this.tickEvent = this.simulator.at(now + this.tickNs, this.onThermalTick);
  };
}
