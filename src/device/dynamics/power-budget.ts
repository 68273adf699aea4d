import type { PowerControllerSpec } from "../schema/thermal-schema.ts";
import type { Processor } from "./processor.ts";

/** One controller's state between its periods. */
interface ControllerState {
  readonly spec: PowerControllerSpec;
  readonly node: number;
  readonly periodNs: number;
  /** Its processors (device indices) and their weights. */
  readonly processors: Int32Array;
  readonly weights: Float64Array;
  /** Per processor: the lowest point the controller may cap it at. */
  readonly minPoints: Int32Array;
  /** Per processor: the point it caps at now (the top while it does not throttle). */
  readonly points: Int32Array;
  /** Per processor: the power budget granted at the last period (W; Infinity before the first). */
  readonly budgets: Float64Array;
  /** Per processor: its energy meter at the last period, for the period's average power. */
  readonly energyAtLastJ: Float64Array;
  lastNs: number;
  engaged: boolean;
  integralW: number;
}

/**
 * PID power-budget controllers as the Pixel thermal HAL runs them
 * (hardware/google/pixel thermal_throttling.cpp, allocatePowerToCdev):
 * each period, budget = sustainable power + K_P·error + the integral
 * (grown by K_I·error while the node is above its cut-off, bounded by
 * I_Max), clamped to its range. Processors drawing less than their
 * weighted share while unthrottled keep what they draw and leave the rest
 * to the others; each other processor's budget moves by its share minus
 * the power it drew over the period (its rail's reading), by at most one
 * operating point a period, and caps it at the fastest point whose busy
 * power fits. The derivative term is left out: every controller the SoC
 * files cite sets K_D to 0.
 */
export class PowerBudgetControllers {
  private readonly controllers: ControllerState[];
  /** Per processor: the lowest cap any controller holds (the top point when none throttles). */
  readonly capPoints: Int32Array;
  /** Per processor and point: all cores busy at reference leakage (W), the HAL's State2Power. */
  private readonly statePowers: readonly Float64Array[];

  constructor(
    specs: readonly PowerControllerSpec[],
    nodeIndex: (node: string) => number,
    private readonly processors: readonly Processor[],
    processorIndex: (processor: string) => number,
    startNs: number,
  ) {
    this.statePowers = processors.map((processor) =>
      Float64Array.from(
        processor.points.frequencies,
        (_, point) => processor.cores * processor.busyCorePowerAt(point, 1),
      ),
    );
    this.controllers = specs.map((spec) => {
      const indices = Int32Array.from(spec.processors, (row) => processorIndex(row.processor));
      return {
        spec,
        node: nodeIndex(spec.node),
        periodNs: Math.round(spec.period * 1e9),
        processors: indices,
        weights: Float64Array.from(spec.processors, (row) => row.weight),
        minPoints: Int32Array.from(spec.processors, (row, k) =>
          processors[indices[k]!]!.points.lowestAtLeast(row.min_freq),
        ),
        points: Int32Array.from(indices, (index) => processors[index]!.points.top),
        budgets: new Float64Array(indices.length).fill(Number.POSITIVE_INFINITY),
        energyAtLastJ: Float64Array.from(indices, (index) => processors[index]!.energyJ),
        lastNs: startNs,
        engaged: false,
        integralW: 0,
      };
    });
    this.capPoints = Int32Array.from(processors, (processor) => processor.points.top);
  }

  get empty(): boolean {
    return this.controllers.length === 0;
  }

  /**
   * Runs every controller whose period has passed, on temperatures and
   * energy meters brought up to `nowNs`; `heldPoints` are the caps in force
   * (a controller releases a processor only when it is the one holding it).
   */
  update(nowNs: number, temperatures: Float64Array, heldPoints: ArrayLike<number>): void {
    let ran = false;
    for (const controller of this.controllers) {
      const elapsedNs = nowNs - controller.lastNs;
      if (elapsedNs < controller.periodNs) continue;
      controller.lastNs = nowNs;
      this.control(controller, temperatures[controller.node]!, elapsedNs * 1e-9, heldPoints);
      ran = true;
    }
    if (!ran) return;
    this.processors.forEach((processor, index) => {
      this.capPoints[index] = processor.points.top;
    });
    for (const controller of this.controllers)
      controller.processors.forEach((index, k) => {
        this.capPoints[index] = Math.min(this.capPoints[index]!, controller.points[k]!);
      });
  }

  private control(
    controller: ControllerState,
    celsius: number,
    elapsedS: number,
    heldPoints: ArrayLike<number>,
  ): void {
    const { spec, processors, weights, points, budgets } = controller;
    const drawnW = Float64Array.from(processors, (index, k) => {
      const energy = this.processors[index]!.energyJ;
      const average = (energy - controller.energyAtLastJ[k]!) / elapsedS;
      controller.energyAtLastJ[k] = energy;
      return average;
    });
    if (celsius > spec.engage.above) controller.engaged = true;
    else if (celsius < spec.engage.clear) controller.engaged = false;
    if (!controller.engaged) {
      controller.integralW = 0;
      budgets.fill(Number.POSITIVE_INFINITY);
      processors.forEach((index, k) => {
        points[k] = this.processors[index]!.points.top;
      });
      return;
    }
    const error = spec.target - celsius;
    const proportional = error * (error < 0 ? spec.gain_over : spec.gain_under);
    if (celsius > spec.integral_above) {
      const integral = controller.integralW + error * spec.gain_integral;
      controller.integralW = Math.max(-spec.integral_max, Math.min(spec.integral_max, integral));
    }
    const total = Math.min(
      spec.budget_max,
      Math.max(spec.budget_min, spec.sustainable_power + proportional + controller.integralW),
    );

    // First pass: an unthrottled processor under its share keeps what it draws.
    let budget = total;
    let weight = weights.reduce((sum, value) => sum + value, 0);
    const fullWeight = weight;
    const sharing = processors.map((index, k) => {
      const underShare =
        total * (weights[k]! / fullWeight) > drawnW[k]! &&
        points[k] === this.processors[index]!.points.top;
      if (underShare) {
        budget -= drawnW[k]!;
        weight -= weights[k]!;
      }
      return underShare ? 0 : 1;
    });
    processors.forEach((index, k) => {
      if (sharing[k] === 0) return;
      const powers = this.statePowers[index]!;
      const top = this.processors[index]!.points.top;
      const adjustment = (budget * weights[k]!) / weight - drawnW[k]!;
      // No lower point to go to: the HAL leaves such a processor's budget as it is.
      if (adjustment < 0 && points[k] === 0) return;
      const before = budgets[k]!;
      let granted =
        drawnW[k]! > before ? before + (adjustment * before) / drawnW[k]! : before + adjustment;
      granted = Math.max(0, Math.min(granted, powers[top]!));
      if (adjustment > 0) {
        // Held lower by another limit: keep the budget of the point this controller asks.
        if (heldPoints[index]! < points[k]!) granted = powers[points[k]!]!;
        else granted = Math.min(granted, powers[Math.min(points[k]! + 1, top)]!);
      } else if (adjustment < 0)
        granted = Math.max(granted, powers[Math.max(points[k]! - 1, controller.minPoints[k]!)]!);
      budgets[k] = granted;
      let point = top;
      while (point > 0 && powers[point]! > granted) point--;
      points[k] = point;
    });
  }
}
