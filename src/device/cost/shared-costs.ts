import type { Graph } from "../../graph/ir.ts";
import type { Placement } from "../execution/placement.ts";
import { isLoadedSoc, type SocSpec } from "../load-soc.ts";
import type { OpCycles } from "./op-cost.ts";
import type { Target } from "./target.ts";

/**
 * Targets and op prices computed once per process and handed to every run
 * that asks again. A sweep's worker runs hundreds of scenarios on the same
 * SoC files and models, and compiling the targets and pricing every op of
 * every graph on them (placements for the framework, the profile behind
 * each app's alone latency, the catalog and the device) was most of a short
 * run's CPU.
 *
 * A price is shared only when nothing it was computed from can change: a
 * SoC spec `loadSoc` handed out (deep-frozen, a new object when the file's
 * text changes), a target compiled from that spec here (keyed by everything
 * compiling reads besides the spec), and a graph (immutable; `buildModel`
 * already hands one graph to every run). Anything else, such as the fit's
 * editable copies of a spec or a target a caller copied and changed, is
 * priced afresh at every call, as before.
 */

let sharing = true;

/** Turns sharing off (and back on): only to show that sharing changes no result. */
export function shareCosts(on: boolean): void {
  sharing = on;
}

/** The value `map` holds for `key`, made and stored the first time. */
function entryOf<Key extends object, Value>(
  map: WeakMap<Key, Value>,
  key: Key,
  make: () => Value,
): Value {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

const targetsOfSoc = new WeakMap<SocSpec, Map<string, Target | undefined>>();
/** The spec each shared target was compiled from. */
const specOfTarget = new WeakMap<Target, SocSpec>();

/** The target `compile` makes of `soc`, compiled once per `key` (everything compiling reads besides the spec). */
export function sharedTarget(
  soc: SocSpec,
  key: string,
  compile: () => Target | undefined,
): Target | undefined {
  if (!sharing || !isLoadedSoc(soc)) return compile();
  const targets = entryOf(targetsOfSoc, soc, () => new Map<string, Target | undefined>());
  if (targets.has(key)) return targets.get(key);
  const target = compile();
  targets.set(key, target);
  if (target !== undefined) specOfTarget.set(target, soc);
  return target;
}

function isShared(soc: SocSpec, target: Target): boolean {
  return sharing && specOfTarget.get(target) === soc;
}

/** What is known about one graph on one shared target. */
interface GraphOnTarget {
  /** Per op: its counts, null when the target cannot run it, undefined until asked. */
  readonly cycles: (OpCycles | null | undefined)[];
  /** Per fallback target, the framework's placement of the graph. */
  readonly placements: WeakMap<Target, Placement>;
}

const graphsOnTarget = new WeakMap<Target, WeakMap<Graph, GraphOnTarget>>();

function graphOnTarget(target: Target, graph: Graph): GraphOnTarget {
  const graphs = entryOf(graphsOnTarget, target, () => new WeakMap<Graph, GraphOnTarget>());
  return entryOf(graphs, graph, () => ({
    cycles: new Array(graph.ops.length),
    placements: new WeakMap(),
  }));
}

/**
 * Op `opId`'s counts on the target as `price` works them out, once per
 * (target, graph, op) when shared. `price` takes the op's coordinates
 * rather than closing over them: every op of every run comes through here,
 * and a closure per call was a tenth of a short sweep run's allocation.
 */
export function sharedOpCycles(
  soc: SocSpec,
  target: Target,
  graph: Graph,
  opId: number,
  price: (soc: SocSpec, target: Target, graph: Graph, opId: number) => OpCycles | null,
): OpCycles | null {
  if (!isShared(soc, target)) return price(soc, target, graph, opId);
  const cycles = graphOnTarget(target, graph).cycles;
  let known = cycles[opId];
  if (known === undefined) {
    known = price(soc, target, graph, opId);
    cycles[opId] = known;
  }
  return known;
}

/** Placements sharedPlacement made, and the counts of each op where it runs, once asked for. */
const cyclesOfPlacement = new WeakMap<Placement, readonly OpCycles[] | undefined>();

/** The placement `place` makes of the graph on `target` with `fallback`, once per triple when shared. */
export function sharedPlacement(
  soc: SocSpec,
  graph: Graph,
  target: Target,
  fallback: Target,
  place: () => Placement,
): Placement {
  if (!isShared(soc, target) || !isShared(soc, fallback)) return place();
  const placements = graphOnTarget(target, graph).placements;
  let known = placements.get(fallback);
  if (known === undefined) {
    known = place();
    placements.set(fallback, known);
    cyclesOfPlacement.set(known, undefined);
  }
  return known;
}

/**
 * The counts of each op where a placement runs it, as `price` works them
 * out: once per placement that sharedPlacement made (the alone latency of
 * every app of every run prices the same placements).
 */
export function sharedPlacementCycles(
  placement: Placement,
  price: () => readonly OpCycles[],
): readonly OpCycles[] {
  if (!sharing || !cyclesOfPlacement.has(placement)) return price();
  let known = cyclesOfPlacement.get(placement);
  if (known === undefined) {
    known = price();
    cyclesOfPlacement.set(placement, known);
  }
  return known;
}

const derivedOfTarget = new WeakMap<Target, WeakMap<OpCycles, unknown>>();

/**
 * A process-wide table for what a caller derives from op counts on a shared
 * target and nothing else (the device's job costs, device/dynamics), or
 * undefined when the target is not shared: the caller then keeps its own.
 * A sweep's runs each built a job cost per op they ran, kept as long as the
 * run: old-generation garbage at every run.
 */
export function sharedPerCounts<Value>(
  soc: SocSpec,
  target: Target,
): WeakMap<OpCycles, Value> | undefined {
  if (!isShared(soc, target)) return undefined;
  return entryOf(derivedOfTarget, target, () => new WeakMap()) as WeakMap<OpCycles, Value>;
}

const aloneOnSoc = new WeakMap<SocSpec, WeakMap<Graph, Map<string, number>>>();

/**
 * A graph's latency alone on a loaded SoC, as `measure` finds it, once per
 * (spec, graph, `key`: everything else `measure` reads, such as the
 * framework and thread count) when shared: every run of a sweep measures
 * its apps' baselines on the same specs and graphs.
 */
export function sharedAloneLatency(
  soc: SocSpec,
  graph: Graph,
  key: string,
  measure: () => number,
): number {
  if (!sharing || !isLoadedSoc(soc)) return measure();
  const graphs = entryOf(aloneOnSoc, soc, () => new WeakMap<Graph, Map<string, number>>());
  const byKey = entryOf(graphs, graph, () => new Map<string, number>());
  let latency = byKey.get(key);
  if (latency === undefined) {
    latency = measure();
    byKey.set(key, latency);
  }
  return latency;
}
