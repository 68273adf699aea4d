import { FUSED_OP, type OpCycles, opCycles, opSeconds } from "../cost/op-cost.ts";
import { busyPower, topOperatingPoints } from "../cost/power.ts";
import { sharedPlacementCycles } from "../cost/shared-costs.ts";
import type { Target } from "../cost/target.ts";
import { TransferPricing } from "../cost/transfers.ts";
import type { SocSpec } from "../load-soc.ts";
import type { Placement } from "./placement.ts";

/**
 * One inference alone on the device, as `socsim profile` and the fit see it:
 * ops run one after another on the processor they were placed on, each
 * boundary pays its transfer, nothing else competes for the memory bus.
 */
export interface RunConditions {
  /** Frequency (Hz) per processor id; unlisted domains run at their highest operating point. */
  readonly frequencies?: Readonly<Record<string, number>>;
  /** Pins the cache hit rate of every op (default: each op's nominal rate). */
  readonly hitRate?: number;
  readonly celsius?: number;
}

export interface IsolatedRun {
  readonly latencySeconds: number;
  readonly energyJoules: number;
  readonly transferSeconds: number;
  /** Seconds of each op on the processor it ran on (0 when fused). */
  readonly opSeconds: Float64Array;
}

interface OperatingState {
  readonly frequencies: Float64Array;
  readonly power: number;
}

function operatingState(soc: SocSpec, target: Target, conditions: RunConditions): OperatingState {
  const [frequencies, voltages] = topOperatingPoints(soc, target);
  target.domains.forEach((domain, index) => {
    const pinned = conditions.frequencies?.[domain];
    if (pinned !== undefined) frequencies[index] = pinned;
  });
  return {
    frequencies,
    power: busyPower(soc, target, frequencies, voltages, conditions.celsius ?? 25),
  };
}

/** Cycle counts of every op where it runs, with the SoC's current coefficients. */
export function placementCycles(placement: Placement): readonly OpCycles[] {
  return sharedPlacementCycles(placement, () => priceEachOp(placement));
}

function priceEachOp(placement: Placement): OpCycles[] {
  return placement.graph.ops.map((op) => {
    if (placement.fused[op.id]) return FUSED_OP;
    const target = placement.onTarget[op.id] ? placement.target : placement.fallback;
    return opCycles(
      target,
      placement.features[op.id]!,
      placement.kindIndex[op.id]!,
      placement.dtypeIndex[op.id]!,
    );
  });
}

/** Every crossing of the placement priced by the device's one transfer model. */
export function transferSeconds(soc: SocSpec, placement: Placement): number {
  const { target, fallback } = placement;
  if (target.kind === "cpu") return 0;
  const pricing = new TransferPricing(
    soc,
    {
      kindOf: (id) => (id === target.id ? target.kind : fallback.kind),
      storedDtype: (id, dtype) =>
        (id === target.id ? target : fallback).backend.precision[dtype] ?? dtype,
    },
    target.backend.memory ?? undefined,
  );
  let seconds = 0;
  for (const crossing of placement.crossings) {
    const [from, to] = crossing.toAccelerator ? [fallback.id, target.id] : [target.id, fallback.id];
    seconds += pricing.seconds(crossing.bytes, from, to, crossing.dtype);
  }
  return seconds;
}

export function runIsolated(
  soc: SocSpec,
  placement: Placement,
  conditions: RunConditions = {},
  cycles: readonly OpCycles[] = placementCycles(placement),
): IsolatedRun {
  const onTarget = operatingState(soc, placement.target, conditions);
  const onFallback = operatingState(soc, placement.fallback, conditions);
  const seconds = new Float64Array(placement.graph.ops.length);
  let busy = 0;
  let energy = 0;
  let dramBytes = 0;
  for (const op of placement.graph.ops) {
    const where = placement.onTarget[op.id] ? placement.target : placement.fallback;
    const state = placement.onTarget[op.id] ? onTarget : onFallback;
    const opCost = cycles[op.id]!;
    const hit = conditions.hitRate ?? opCost.nominalHit;
    const time = opSeconds(opCost, where, state.frequencies, hit, 1);
    seconds[op.id] = time;
    busy += time;
    energy += time * state.power;
    dramBytes += opCost.bytes * (1 - hit);
  }
  const transfers = transferSeconds(soc, placement);
  const latency = busy + transfers;
  energy +=
    (transfers * onFallback.power) / placement.fallback.threads +
    dramBytes * soc.memory.energy_per_byte +
    latency * soc.power.uncore_active;
  return {
    latencySeconds: latency,
    energyJoules: energy,
    transferSeconds: transfers,
    opSeconds: seconds,
  };
}
