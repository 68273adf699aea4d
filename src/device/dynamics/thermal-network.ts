import type { ThermalSpec } from "../schema/thermal-schema.ts";
import { thermalMath } from "./thermal-math.ts";

/** exp(M) of the generators already seen: every device of a run (one per scheduler) shares one. */
const exponentials = new Map<string, readonly (readonly number[])[]>();
const EXPONENTIALS_KEPT = 64;

function matrixExponential(generator: number[][]): readonly (readonly number[])[] {
  const key = generator.map((row) => row.join(",")).join(";");
  let exponential = exponentials.get(key);
  if (exponential === undefined) {
    exponential = thermalMath().expm(thermalMath().matrix(generator)).toArray() as number[][];
    if (exponentials.size >= EXPONENTIALS_KEPT) exponentials.clear();
    exponentials.set(key, exponential);
  }
  return exponential;
}

export interface ThermalConditions {
  readonly ambientC: number;
  /** Node → °C at time zero (default: ambient). */
  readonly initialC?: Readonly<Record<string, number>>;
  /** Node → °C pinned for the whole run. */
  readonly heldC?: Readonly<Record<string, number>>;
  /**
   * Node → °C at time zero, with every other free node at the steady state
   * of the sustained load that holds these nodes there (heat into these
   * nodes only): a phone that has been running that work for a while.
   */
  readonly preheatC?: Readonly<Record<string, number>>;
  readonly tickSeconds: number;
}

/**
 * The lumped RC network: C·dT/dt = P − Σ (T − T_neighbour)/R per node, with
 * ambient and held nodes as fixed-temperature boundaries. Power is constant
 * over a tick (its average), so the step is exact: with
 * M = [[A, B], [0, 0]], exp(M·Δ) = [[Φ, Γ], [0, I]] and
 * T ← Φ·T + Γ_P·P + Γ_b·T_b, computed once here with mathjs's expm. The step itself
 * is two small matrix–vector products on typed arrays.
 */
export class ThermalNetwork {
  readonly nodeIds: readonly string[];
  /** Every node's temperature (°C); held nodes never change. */
  readonly temperatures: Float64Array;
  readonly held: Uint8Array;
  readonly ambientC: number;
  private readonly free: Int32Array;
  /** Row-major [free × free]. */
  private readonly transition: Float64Array;
  /** Row-major [free × free]: response to the power of each free node. */
  private readonly powerGain: Float64Array;
  /** Per free node: the constant pull of ambient and held nodes over one tick. */
  private readonly boundaryOffset: Float64Array;
  private readonly scratch: Float64Array;
  /** Conductance Laplacian over free nodes and to the boundaries, kept for steady states. */
  private readonly laplacian: number[][];
  private readonly boundaryFlow: Float64Array;
  /** Links out of held nodes: the held end, the other end (-1: ambient), the conductance. */
  private readonly heldLinkFrom: Int32Array;
  private readonly heldLinkTo: Int32Array;
  private readonly heldLinkConductance: Float64Array;
  private readonly tickSeconds: number;
  /**
   * Heat (J) that holding nodes at their temperatures has put into the rest
   * of the network and the ambient, net of the power the held nodes' own
   * processors dissipated there: what a heater (or, below zero, a cooler)
   * supplied. It is not device energy.
   */
  externalHeatJ = 0;

  constructor(spec: ThermalSpec, conditions: ThermalConditions) {
    const ids = Object.keys(spec.nodes);
    this.nodeIds = ids;
    this.ambientC = conditions.ambientC;
    const count = ids.length;
    const index = new Map(ids.map((id, position) => [id, position]));
    this.held = new Uint8Array(count);
    this.temperatures = new Float64Array(count).fill(conditions.ambientC);
    for (const [node, celsius] of Object.entries(conditions.initialC ?? {}))
      this.temperatures[this.indexOf(node, index)] = celsius;
    for (const [node, celsius] of Object.entries(conditions.heldC ?? {})) {
      const position = this.indexOf(node, index);
      this.temperatures[position] = celsius;
      this.held[position] = 1;
    }
    const freeIds = ids.flatMap((_, position) => (this.held[position] ? [] : [position]));
    this.free = Int32Array.from(freeIds);
    const freeCount = freeIds.length;
    const freeIndex = new Map(freeIds.map((node, position) => [node, position]));

    // Conductances among free nodes, and from each free node to fixed temperatures.
    const laplacian = freeIds.map(() => new Array<number>(freeCount).fill(0));
    const boundaryFlow = new Float64Array(freeCount);
    const temperatureOf = (end: string) =>
      end === "ambient" ? conditions.ambientC : this.temperatures[index.get(end)!]!;
    const isFixed = (end: string) => end === "ambient" || this.held[index.get(end)!] === 1;
    for (const link of spec.links) {
      const conductance = 1 / link.resistance;
      const [a, b] = link.between;
      for (const [self, other] of [
        [a, b],
        [b, a],
      ] as const) {
        if (isFixed(self)) continue;
        const row = freeIndex.get(index.get(self)!)!;
        laplacian[row]![row]! += conductance;
        if (isFixed(other)) {
          boundaryFlow[row]! += conductance * temperatureOf(other);
        } else laplacian[row]![freeIndex.get(index.get(other)!)!]! -= conductance;
      }
    }
    this.laplacian = laplacian;
    this.boundaryFlow = boundaryFlow;
    this.tickSeconds = conditions.tickSeconds;
    const heldLinks = spec.links.flatMap((link) => {
      const [a, b] = link.between;
      return (
        [
          [a, b],
          [b, a],
        ] as const
      ).flatMap(([self, other]) =>
        self !== "ambient" &&
        this.held[index.get(self)!] === 1 &&
        !(other !== "ambient" && this.held[index.get(other)!] === 1)
          ? [
              [
                index.get(self)!,
                other === "ambient" ? -1 : index.get(other)!,
                1 / link.resistance,
              ] as const,
            ]
          : [],
      );
    });
    this.heldLinkFrom = Int32Array.from(heldLinks, (link) => link[0]);
    this.heldLinkTo = Int32Array.from(heldLinks, (link) => link[1]);
    this.heldLinkConductance = Float64Array.from(heldLinks, (link) => link[2]);

    // Augmented generator over [free temperatures | free powers | one unit boundary input].
    const size = 2 * freeCount + 1;
    const generator = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    freeIds.forEach((node, row) => {
      const capacity = spec.nodes[ids[node]!]!.heat_capacity;
      for (let column = 0; column < freeCount; column++)
        generator[row]![column] = (-laplacian[row]![column]! / capacity) * conditions.tickSeconds;
      generator[row]![freeCount + row] = conditions.tickSeconds / capacity;
      generator[row]![2 * freeCount] = (boundaryFlow[row]! / capacity) * conditions.tickSeconds;
    });
    const exponential = matrixExponential(generator);
    this.transition = new Float64Array(freeCount * freeCount);
    this.powerGain = new Float64Array(freeCount * freeCount);
    this.boundaryOffset = new Float64Array(freeCount);
    for (let row = 0; row < freeCount; row++) {
      const line = exponential[row]!;
      for (let column = 0; column < freeCount; column++) {
        this.transition[row * freeCount + column] = line[column]!;
        this.powerGain[row * freeCount + column] = line[freeCount + column]!;
      }
      this.boundaryOffset[row] = line[2 * freeCount]!;
    }
    this.scratch = new Float64Array(freeCount);
    if (conditions.preheatC !== undefined && Object.keys(conditions.preheatC).length > 0)
      this.temperatures.set(this.preheated(conditions.preheatC, index));
  }

  /**
   * The steady state under heat into the preheated nodes alone, with the
   * powers that put those nodes at their temperatures: steady states are
   * linear in power, so the powers solve a small system over the nodes'
   * responses to one watt each.
   */
  private preheated(
    targetsC: Readonly<Record<string, number>>,
    index: Map<string, number>,
  ): Float64Array {
    const nodes = Object.keys(targetsC).map((node) => this.indexOf(node, index));
    for (const node of nodes)
      if (this.held[node])
        throw new Error(`node "${this.nodeIds[node]}" is held: it cannot also be preheated`);
    const zero = new Float64Array(this.nodeIds.length);
    const base = this.steadyState(zero);
    const responses = nodes.map((node) => {
      const unit = new Float64Array(this.nodeIds.length);
      unit[node] = 1;
      const response = this.steadyState(unit);
      return response.map((celsius, position) => celsius - base[position]!);
    });
    const matrix = nodes.map((row) => responses.map((response) => response[row]!));
    const rhs = nodes.map((row) => [targetsC[this.nodeIds[row]!]! - base[row]!]);
    const powers = (thermalMath().lusolve(matrix, rhs) as number[][]).map((row) => row[0]!);
    return base.map((celsius, position) =>
      responses.reduce(
        (sum, response, source) => sum + powers[source]! * response[position]!,
        celsius,
      ),
    );
  }

  /** Position of a node id in `temperatures` (throws for an unknown id). */
  indexOf(
    node: string,
    index = new Map(this.nodeIds.map((id, position) => [id, position])),
  ): number {
    const position = index.get(node);
    if (position === undefined) throw new Error(`no thermal node "${node}"`);
    return position;
  }

  /** Advances one tick with `powers` (W per node, every node) held over it. */
  step(powers: Float64Array): void {
    if (this.heldLinkFrom.length > 0) this.meterHeldHeat(powers, 0.5);
    this.advance(powers);
    if (this.heldLinkFrom.length > 0) this.meterHeldHeat(powers, 0.5);
  }

  /** Books `weight` of a tick's flow out of the held nodes at the current temperatures (trapezoid rule over the tick). */
  private meterHeldHeat(powers: Float64Array, weight: number): void {
    const temperatures = this.temperatures;
    let watts = 0;
    for (let link = 0; link < this.heldLinkFrom.length; link++) {
      const to = this.heldLinkTo[link]!;
      const other = to < 0 ? this.ambientC : temperatures[to]!;
      watts += this.heldLinkConductance[link]! * (temperatures[this.heldLinkFrom[link]!]! - other);
    }
    for (let node = 0; node < this.held.length; node++) if (this.held[node]) watts -= powers[node]!;
    this.externalHeatJ += watts * weight * this.tickSeconds;
  }

  private advance(powers: Float64Array): void {
    const free = this.free;
    const count = free.length;
    const temperatures = this.temperatures;
    const next = this.scratch;
    for (let row = 0; row < count; row++) {
      let value = this.boundaryOffset[row]!;
      const base = row * count;
      for (let column = 0; column < count; column++) {
        const node = free[column]!;
        value +=
          this.transition[base + column]! * temperatures[node]! +
          this.powerGain[base + column]! * powers[node]!;
      }
      next[row] = value;
    }
    for (let row = 0; row < count; row++) temperatures[free[row]!] = next[row]!;
  }

  /** Temperatures (every node) the network settles at under constant `powers`. Set-up and tests only. */
  steadyState(powers: ArrayLike<number>): Float64Array {
    const result = Float64Array.from(this.temperatures);
    const count = this.free.length;
    if (count === 0) return result;
    const rhs = Array.from(this.free, (node, row) => [powers[node]! + this.boundaryFlow[row]!]);
    const solution = thermalMath().lusolve(this.laplacian, rhs) as number[][];
    this.free.forEach((node, row) => {
      result[node] = solution[row]![0]!;
    });
    return result;
  }
}
