import {
  compileCpuTarget,
  compileProcessorTarget,
  cpuTargetId,
  FUSED_OP,
  type OpCycles,
  opCyclesOn,
  opSeconds,
  type Placement,
  placeGraph,
  type SliceRequest,
  type SocSpec,
  sliceCyclesOn,
  type Target,
  topOperatingPoints,
} from "../device/index.ts";
import type { DType, Graph, SplitAxis } from "../graph/index.ts";
import { unitSliceRanges } from "../graph/index.ts";
import type { TargetInfo } from "../sched/scheduler.ts";

interface TargetWork {
  readonly placement: Placement;
  readonly cycles: readonly (OpCycles | undefined)[];
}

/** One app as the catalog prices it. */
export interface CatalogApp {
  readonly graph: Graph;
  /** Ops forced to the CPU (true = may not run on an accelerator; the σ4 what-if). */
  readonly forcedToCpu: readonly boolean[];
  /** Threads of its `cpu` target (the workload's `threads:`); default: the framework's. */
  readonly cpuThreads?: number | undefined;
}

/**
 * The targets of one run (the framework's whole-CPU `cpu`, each CPU cluster,
 * each accelerator the framework drives) and, per app, the cycle counts of
 * every op on every target that can run it. `cpu` is each app's own: the
 * framework's whole-CPU target with the app's thread count, compiled once
 * per thread count the apps use; it is also where the app's fallbacks run.
 * Each (app, target) pair is worked out the first time something asks about
 * it: a policy bound to one processor never pays for the others. Ops a
 * target cannot run (kind, dtype, or forced off it by the σ4 what-if) have
 * no cycles there.
 */
export class TargetCatalog {
  readonly targets: readonly Target[];
  private readonly byId: ReadonlyMap<string, Target>;
  /** Per app, its `cpu` target. */
  private readonly cpuOf: readonly Target[];
  /** Per app, per target index: the framework's placement and the cycles per op, once asked for. */
  private readonly worked: (TargetWork | undefined)[][];
  /** Per target work runs on, its domains' top frequencies: the offline profile prices every op there. */
  private readonly topFrequencies = new Map<Target, Float64Array>();

  constructor(
    private readonly soc: SocSpec,
    framework: string,
    private readonly apps: readonly CatalogApp[],
  ) {
    const cpu = compileCpuTarget(soc, framework);
    const targets: Target[] = [cpu];
    for (const id of Object.keys(soc.processors)) {
      const target = compileProcessorTarget(soc, framework, id);
      if (target !== undefined) targets.push(target);
    }
    const cpuById = new Map([[cpu.id, cpu]]);
    this.cpuOf = apps.map(({ cpuThreads }) => {
      const id = cpuTargetId(soc, framework, cpuThreads);
      let own = cpuById.get(id);
      if (own === undefined) {
        own = compileCpuTarget(soc, framework, cpuThreads);
        cpuById.set(id, own);
      }
      return own;
    });
    this.targets = targets;
    this.byId = new Map(targets.map((target) => [target.id, target]));
    this.worked = apps.map(() => targets.map(() => undefined));
  }

  /** The target an app's work on target `targetIndex` runs on: its own `cpu` (index 0), or the shared one. */
  private resolve(appIndex: number, targetIndex: number): Target {
    return targetIndex === 0 ? this.cpuOf[appIndex]! : this.targets[targetIndex]!;
  }

  /** Where the framework puts each op of the app when bound to the target, and every op's cycles there. */
  private work(appIndex: number, targetIndex: number): TargetWork {
    const known = this.worked[appIndex]![targetIndex];
    if (known !== undefined) return known;
    const { soc } = this;
    const { graph, forcedToCpu } = this.apps[appIndex]!;
    const cpu = this.cpuOf[appIndex]!;
    const target = this.resolve(appIndex, targetIndex);
    const placement = placeGraph(soc, graph, target, cpu);
    // Cycles of every op the target runs, as if it ran there (a policy may put it there alone),
    // priced by the device's one path; an op forced to the CPU (σ4) runs on no accelerator.
    const everywhere = target.kind === "cpu" ? placement : placeGraph(soc, graph, target, target);
    const cycles = graph.ops.map((op) => {
      if (target.kind !== "cpu" && forcedToCpu[op.id]) return undefined;
      const own = opCyclesOn(soc, target, graph, op.id);
      if (own === null) return undefined;
      return everywhere.fused[op.id] ? FUSED_OP : own;
    });
    const onTarget = placement.onTarget.map((on, op) => on && cycles[op] !== undefined);
    const work = { placement: { ...placement, onTarget }, cycles };
    this.worked[appIndex]![targetIndex] = work;
    return work;
  }

  /** Threads of the app's `cpu` target: its `threads:`, else the framework's own count. */
  cpuThreads(appIndex: number): number {
    return this.cpuOf[appIndex]!.parallelUnits;
  }

  /** Processor ids whose cores the app's work on a target occupies (its own `cpu` may span fewer clusters). */
  domainsOf(appIndex: number, targetIndex: number): readonly string[] {
    return this.resolve(appIndex, targetIndex).domains;
  }

  info(): TargetInfo[] {
    return this.targets.map((target) => ({
      id: target.id,
      kind: target.kind,
      family: this.soc.processors[target.domains[0]!]!.microarchitecture,
    }));
  }

  target(id: string): Target {
    const target = this.byId.get(id);
    if (target === undefined)
      throw new Error(`no target "${id}" (known: ${[...this.byId.keys()].join(", ")})`);
    return target;
  }

  indexOf(id: string): number {
    return this.targets.indexOf(this.target(id));
  }

  opCycles(appIndex: number, opId: number, targetIndex: number): OpCycles | undefined {
    return this.work(appIndex, targetIndex).cycles[opId];
  }

  supports(appIndex: number, opId: number, target: string): boolean {
    const index = this.targets.findIndex((candidate) => candidate.id === target);
    return index >= 0 && this.work(appIndex, index).cycles[opId] !== undefined;
  }

  /**
   * Whether the op launches no kernel of its own on the target when its
   * producer runs there too: the framework fuses it into the producer's
   * kernel (an activation or batch norm after a conv), or it is a view.
   */
  fusesIntoProducer(appIndex: number, opId: number, target: string): boolean {
    return this.work(appIndex, this.indexOf(target)).cycles[opId] === FUSED_OP;
  }

  /** Where the framework runs each op of app `appIndex` when the model is bound to `target`. */
  frameworkPlacement(appIndex: number, target: string): string[] {
    const placement = this.work(appIndex, this.indexOf(target)).placement;
    return placement.onTarget.map((on) => (on ? target : "cpu"));
  }

  /** Offline profile: seconds of one op alone on a target at its highest operating point and nominal hit rate. */
  isolatedOpSeconds(appIndex: number, opId: number, target: string): number {
    const index = this.indexOf(target);
    const cycles = this.work(appIndex, index).cycles[opId];
    if (cycles === undefined) return Number.POSITIVE_INFINITY;
    const where = this.resolve(appIndex, index);
    return opSeconds(cycles, where, this.topFrequenciesOf(where), cycles.nominalHit, 1);
  }

  private topFrequenciesOf(where: Target): Float64Array {
    let frequencies = this.topFrequencies.get(where);
    if (frequencies === undefined) {
      [frequencies] = topOperatingPoints(this.soc, where);
      this.topFrequencies.set(where, frequencies);
    }
    return frequencies;
  }

  /**
   * The profiling set: seconds of one slice of an op alone on a target at
   * its highest operating point, priced by the slice's own shape (work-group
   * and tile quantisation, halo rows); `shares` is the slice's [from, to)
   * share of the op's output along `axis`. An op fused into its producer on
   * the target costs nothing; a target that cannot run it, Infinity.
   */
  isolatedSliceSeconds(
    appIndex: number,
    opId: number,
    target: string,
    axis: SplitAxis,
    shares: readonly [number, number],
    dtype?: DType,
  ): number {
    const index = this.indexOf(target);
    const whole = this.work(appIndex, index).cycles[opId];
    if (whole === undefined) return Number.POSITIVE_INFINITY;
    if (whole === FUSED_OP) return 0;
    if (shares[0] <= 0 && shares[1] >= 1 && dtype === undefined)
      return this.isolatedOpSeconds(appIndex, opId, target);
    const graph = this.apps[appIndex]!.graph;
    const [range] = unitSliceRanges(graph, [opId], axis, shares);
    const slice: SliceRequest =
      dtype === undefined ? { axis, range: range! } : { axis, range: range!, dtype };
    const where = this.resolve(appIndex, index);
    const cycles = sliceCyclesOn(this.soc, where, graph, opId, slice);
    if (cycles === null) return Number.POSITIVE_INFINITY;
    return opSeconds(cycles, where, this.topFrequenciesOf(where), cycles.nominalHit, 1);
  }

  graph(appIndex: number): Graph {
    return this.apps[appIndex]!.graph;
  }
}
