import type { ProcessorMonitor } from "../device/index.ts";
import type { DType } from "../graph/index.ts";
import type { UnitSliceSpec } from "./slice-runner.ts";

/** The `app` of the tags of work no request owns (their `request` is −1): UI frames and scheduler decisions. */
export const UI_WORK = "ui";
export const SCHEDULER_WORK = "scheduler";

/** A job's tag is read while the job runs; the runtime may reuse it once the job's callback has run. */
export interface JobTag {
  /** The app whose request the job serves, or UI_WORK or SCHEDULER_WORK. */
  readonly app: string;
  /** −1 for work of no request. */
  readonly request: number;
  readonly name: string;
  /** Op id for op jobs; -1 for transfers and plain busy work. */
  readonly op: number;
  /** The share of the op's work this job does (a slice of a split unit); absent for plain busy work. */
  readonly share?: number;
}

export type Done = (timeNs: number) => void;

export interface OpRunner {
  run(opId: number, share: number, tag: JobTag, done: Done): void;
}

/**
 * What the runtime asks of the device: run an op (or a share of one) on a
 * target, move bytes between targets, spend plain CPU or GPU time (scheduler
 * decisions, UI frames), and report the monitor's processor states. Every
 * duration is the device's business: the runtime never prices anything.
 */
export interface DevicePort {
  /** Runs ops (or shares of ops) of one app on one target; get it once, run many ops through it. */
  opRunner(appIndex: number, target: string): OpRunner;
  /**
   * Runs the ops of one slice of a split unit, each priced as the slice it
   * is (its channel or row range, halo rows and work-group quantisation
   * included); the `share` passed to its `run` is ignored.
   */
  sliceRunner(appIndex: number, slice: UnitSliceSpec): OpRunner;
  /** `sliceDtype`: the dtype a split slice at either end computes in, when not its tensors' (priced as a conversion). */
  transfer(
    from: string,
    to: string,
    bytes: number,
    tag: JobTag,
    done: Done,
    sliceDtype?: DType,
  ): void;
  /**
   * Busy time on a CPU cluster (nominal seconds at its highest sustained
   * point, on one thread of the given nice level, default 0, in Android's
   * top-app group if `topApp`) or on the GPU.
   */
  runFixedWork(
    processor: string,
    nominalSeconds: number,
    tag: JobTag,
    done: Done,
    nice?: number,
    topApp?: boolean,
  ): void;
  /** `runFixedWork` on a thread of an app (its reuse check), top-app when the app is foreground; the time counts toward the app's energy share. */
  runAppWork(
    appIndex: number,
    processor: string,
    nominalSeconds: number,
    tag: JobTag,
    done: Done,
  ): void;
  /** The device monitor's live readings: the runtime copies them into each policy view. */
  processorStates(): readonly ProcessorMonitor[];
  /** The device's price of a transfer (seconds), the same the simulation charges at nominal conditions. */
  transferSeconds(bytes: number, from: string, to: string): number;
}
