import { type DeviceListener, type JobTraceEvent, TRANSFER_TRACK } from "./device-api.ts";
import type { FluidJob } from "./fluid-job.ts";
import type { Processor } from "./processor.ts";

/**
 * Job start and end events for trace listeners: one per thread lane of a
 * CPU job, one on the queue track of an accelerator kernel, one on the
 * transfer track of the accelerator end of a copy (a copy between CPU
 * targets has no such end and no event: the clusters share memory). The event object is
 * reused; with no listener nothing is done at all.
 */
export class JobTrace<Tag> {
  private readonly listeners: DeviceListener<Tag>[] = [];
  private readonly event: {
    timeNs: number;
    startNs: number;
    jobId: number;
    tag: Tag | undefined;
    competingLoad: string | undefined;
    processor: string;
    track: number;
  } = {
    timeNs: 0,
    startNs: 0,
    jobId: 0,
    tag: undefined,
    competingLoad: undefined,
    processor: "",
    track: 0,
  };

  constructor(private readonly processors: readonly Processor[]) {}

  add(listener: DeviceListener<Tag>): void {
    this.listeners.push(listener);
  }

  started(job: FluidJob<unknown>, now: number): void {
    if (this.listeners.length > 0) this.emit(job, now, true);
  }

  ended(job: FluidJob<unknown>, now: number): void {
    if (this.listeners.length > 0) this.emit(job, now, false);
  }

  private emit(job: FluidJob<unknown>, now: number, start: boolean): void {
    const event = this.event;
    event.timeNs = now;
    event.startNs = job.startNs;
    event.jobId = job.id;
    event.tag = job.tag as Tag | undefined;
    event.competingLoad = job.competingLoad;
    const cost = job.cost;
    if (cost.role === "transfer") {
      if (job.traceProcessor === undefined) return;
      event.processor = job.traceProcessor;
      event.track = TRANSFER_TRACK + job.transferLane;
      this.call(start);
      return;
    }
    let lane = 0;
    for (let domain = 0; domain < cost.domains.length; domain++) {
      event.processor = this.processors[cost.domains[domain]!]!.id;
      for (let thread = 0; thread < cost.threads[domain]!; thread++) {
        event.track = job.lanes[lane++]!;
        this.call(start);
      }
    }
  }

  private call(start: boolean): void {
    const event = this.event as JobTraceEvent<Tag>;
    for (const listener of this.listeners) {
      if (start) listener.jobStarted?.(event);
      else listener.jobEnded?.(event);
    }
  }
}
