import type { Simulator } from "../../../core/simulator.ts";
import type { GovernorSpec } from "../../schema/governor-schema.ts";
import type { OperatingPoints } from "../operating-points.ts";
import type { Processor } from "../processor.ts";

/** A frequency domain as its governor sees it. */
export interface GovernedDomain {
  readonly id: string;
  readonly points: OperatingPoints;
  /** The point the governor last asked for (the thermal cap may hold the domain lower). */
  readonly requestedPoint: number;
  /** Frequency in use now (Hz). */
  readonly frequency: number;
  readonly busy: boolean;
  /** Average of (busy ? f / f_max : 0), PELT-like, decayed to `now`. */
  invariantUtilizationAt(now: number): number;
  /** Cumulative busy time (busy core-ns ÷ cores) up to `now`. */
  busyNsAt(now: number): number;
  /** Asks for an operating point; the device applies it under the thermal cap. */
  request(now: number, point: number): void;
}

export interface GovernorContext {
  readonly simulator: Simulator;
  readonly domain: GovernedDomain;
  /** The SoC file's governor for this domain: a governor of the same kind takes its settings from it. */
  readonly configured: GovernorSpec;
  /** `userspace`: the point to hold. */
  readonly fixedPoint: number;
}

/** A DVFS policy: asks for operating points, on its own timers or when the domain's load changes. */
export interface Governor {
  /** The domain's runnable threads changed (jobs started or ended, and did not replace each other at once). */
  loadChanged(now: number): void;
  /** Stops the governor's timers. */
  dispose(): void;
}

export type GovernorFactory = (context: GovernorContext) => Governor;

/** A processor as its governor sees it; `request` goes through the device, which applies the cap. */
export function governedDomain(
  processor: Processor,
  request: (point: number, now: number) => void,
): GovernedDomain {
  return {
    id: processor.id,
    points: processor.points,
    get requestedPoint() {
      return processor.requestedPoint;
    },
    get frequency() {
      return processor.frequency;
    },
    get busy() {
      return processor.busy;
    },
    invariantUtilizationAt: (now) => processor.invariantUtilizationAt(now),
    busyNsAt: (now) => processor.busyNsAt(now),
    request: (now, point) => request(point, now),
  };
}
