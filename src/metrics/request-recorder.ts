import { LatencyHistogram } from "./latency-histogram.ts";
import type { LineWriter } from "./line-writer.ts";

/**
 * Per-app request accounting, streaming: counts and a latency histogram per
 * app, the live requests' times only while they are live, and one
 * `requests.jsonl` line per reported request. Requests arriving before the
 * warm-up ends are simulated but not reported.
 */
export interface AppTally {
  readonly app: string;
  readonly model: string;
  requests: number;
  completed: number;
  dropped: number;
  /** Completions that took longer than the app's SLO. */
  lateCompletions: number;
  /** Energy (J) charged to the work of the completed requests. */
  energyJ: number;
  readonly latency: LatencyHistogram;
}

/** A request's times while it is live (a class: see the runtime's Request). */
class Live {
  startNs = -1;
  /** Energy (J) charged to the request's jobs so far. */
  energyJ = 0;

  constructor(
    readonly appIndex: number,
    readonly arrivalNs: number,
  ) {}
}

export class RequestRecorder {
  readonly tallies: AppTally[];
  private readonly live = new Map<number, Live>();
  /** Energy (J) charged to reported requests that were dropped. */
  private droppedEnergyJ = 0;

  constructor(
    apps: readonly { name: string; model: string }[],
    private readonly sloNs: readonly number[],
    private readonly warmupNs: number,
    private readonly scheduler: string,
    private readonly log: LineWriter | undefined,
  ) {
    this.tallies = apps.map((app) => ({
      app: app.name,
      model: app.model,
      requests: 0,
      completed: 0,
      dropped: 0,
      lateCompletions: 0,
      energyJ: 0,
      latency: new LatencyHistogram(),
    }));
  }

  arrived(appIndex: number, id: number, nowNs: number): void {
    if (nowNs < this.warmupNs) return;
    this.tallies[appIndex]!.requests++;
    this.live.set(id, new Live(appIndex, nowNs));
  }

  started(_appIndex: number, id: number, nowNs: number): void {
    const live = this.live.get(id);
    if (live) live.startNs = nowNs;
  }

  /** Whether the request is reported (it arrived after the warm-up) and still live. */
  reports(id: number): boolean {
    return this.live.has(id);
  }

  /** Returns whether the completion is reported. */
  completed(appIndex: number, id: number, nowNs: number): boolean {
    const live = this.live.get(id);
    if (live === undefined) return false;
    this.live.delete(id);
    const tally = this.tallies[appIndex]!;
    const latencyNs = nowNs - live.arrivalNs;
    tally.completed++;
    tally.energyJ += live.energyJ;
    tally.latency.add(latencyNs);
    if (latencyNs > this.sloNs[appIndex]!) tally.lateCompletions++;
    this.writeLine(appIndex, live, nowNs, false);
    return true;
  }

  dropped(appIndex: number, id: number, nowNs: number): void {
    const live = this.live.get(id);
    if (live === undefined) return;
    this.live.delete(id);
    this.droppedEnergyJ += live.energyJ;
    this.tallies[appIndex]!.dropped++;
    this.writeLine(appIndex, live, nowNs, true);
  }

  /** Charges energy (J) to a live reported request; false when the request is not one (it arrived during warm-up, or is over). */
  charge(id: number, joules: number): boolean {
    const live = this.live.get(id);
    if (live === undefined) return false;
    live.energyJ += joules;
    return true;
  }

  /** Energy (J) charged to reported requests that did not complete: dropped, or still in flight. */
  incompleteEnergyJ(): number {
    let joules = this.droppedEnergyJ;
    for (const live of this.live.values()) joules += live.energyJ;
    return joules;
  }

  /** Requests still live at the end, per app. */
  inFlight(): number[] {
    return this.tallies.map((tally) => tally.requests - tally.completed - tally.dropped);
  }

  /** Per app, the requests still live at `endNs` that are already past their deadline: misses whatever happens next. */
  lateInFlight(endNs: number): number[] {
    const late = this.tallies.map(() => 0);
    for (const live of this.live.values()) {
      if (endNs - live.arrivalNs > this.sloNs[live.appIndex]!) late[live.appIndex]!++;
    }
    return late;
  }

  /** At the end of a run: one log line for each reported request still in flight (no finish, not dropped). */
  logInFlight(): void {
    for (const live of this.live.values()) this.writeLine(live.appIndex, live, Number.NaN, false);
  }

  private writeLine(appIndex: number, live: Live, endNs: number, dropped: boolean): void {
    if (this.log === undefined) return;
    const tally = this.tallies[appIndex]!;
    const ms = (ns: number) => Math.round(ns) / 1e6;
    this.log.write(
      `${JSON.stringify({
        app: tally.app,
        model: tally.model,
        scheduler: this.scheduler,
        arrival_ms: ms(live.arrivalNs),
        start_ms: live.startNs < 0 ? null : ms(live.startNs),
        finish_ms: dropped || Number.isNaN(endNs) ? null : ms(endNs),
        latency_ms: dropped || Number.isNaN(endNs) ? null : ms(endNs - live.arrivalNs),
        dropped,
      })}\n`,
    );
  }
}
