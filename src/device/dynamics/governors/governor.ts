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
  /** Whether a thread of Android's top-app group (the foreground app, the UI) is runnable here. */
  readonly topAppRunnable: boolean;
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
  /**
   * A host thread woke on the otherwise idle domain, ran `busyNs` of CPU work
   * (an accelerator kernel's enqueue and launch) and slept again, too short
   * to be followed as a runnable thread: the governor books it and
   * re-evaluates, as a wake-up's cpufreq update does. Absent: the governor
   * reads the work from the domain's busy meter when it polls.
   */
  hostWorked?(now: number, busyNs: number): void;
  /** Stops the governor's timers. */
  dispose(): void;
}

export type GovernorFactory = (context: GovernorContext) => Governor;

/** Where a domain's requests go: the device, which applies the thermal cap. */
export interface PointRequests {
  requestPoint(processor: Processor, point: number, now: number): void;
}

/**
 * A processor as its governor sees it. A class rather than a literal of
 * closures: every domain then shares one set of methods, which keeps the
 * JIT's code for the governors valid from one domain (and one run) to the next.
 */
export class ProcessorDomain implements GovernedDomain {
  readonly id: string;
  readonly points: OperatingPoints;

  constructor(
    private readonly processor: Processor,
    private readonly requests: PointRequests,
  ) {
    this.id = processor.id;
    this.points = processor.points;
  }

  get requestedPoint(): number {
    return this.processor.requestedPoint;
  }

  get frequency(): number {
    return this.processor.frequency;
  }

  get busy(): boolean {
    return this.processor.busy;
  }

  get topAppRunnable(): boolean {
    return this.processor.topAppThreads > 0;
  }

  invariantUtilizationAt(now: number): number {
    return this.processor.invariantUtilizationAt(now);
  }

  busyNsAt(now: number): number {
    return this.processor.busyNsAt(now);
  }

  request(now: number, point: number): void {
    this.requests.requestPoint(this.processor, point, now);
  }
}
