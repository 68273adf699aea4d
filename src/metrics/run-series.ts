import type { AppTally } from "./request-recorder.ts";

/** One job the report's timeline shows: on a processor's lane (a CPU core, an accelerator's kernel or copy queue). */
export interface WindowExecution {
  readonly processor: string;
  readonly lane: number;
  /** The app whose op or copy it is, or what else kept the processor busy (ui, scheduler, a competing load). */
  readonly app: string;
  readonly startNs: number;
  readonly endNs: number;
}

export interface CounterRow {
  readonly timeNs: number;
  /** A processor id, or `skin` (temperature only) and `device` (power only). */
  readonly source: string;
  readonly frequencyMhz: number | null;
  readonly temperatureC: number | null;
  readonly powerW: number | null;
}

/** What report.html plots of one scheduler's run beyond results.json. */
export interface RunSeries {
  readonly label: string;
  /** The timeline's window of simulated time (ns). */
  readonly windowNs: { readonly from: number; readonly to: number };
  readonly executions: readonly WindowExecution[];
  readonly counters: readonly CounterRow[];
  /** Per app with a completion: its latency CDF, from the run's histogram. */
  readonly latency: readonly {
    readonly app: string;
    readonly points: readonly { readonly latencyMs: number; readonly fraction: number }[];
  }[];
}

/** The timeline's executions at most; enough for a few frames of a busy camera pipeline, small enough for a browser. */
export const MAX_EXECUTIONS = 4000;
/** The timeline's window is at least this long, and then closes once every app has run something. */
export const MIN_WINDOW_NS = 100e6;
/** Counter samples per run at most, whatever its length. */
export const MAX_SAMPLES = 200;
/** The device's counter interval, the finest the report asks for. */
const FINEST_COUNTER_NS = 10e6;

/**
 * The bounded series report.html plots, kept whatever the trace setting:
 * the executions of a window that opens when warm-up ends and closes once
 * it has lasted MIN_WINDOW_NS and every app has run (or at MAX_EXECUTIONS),
 * and counters at an interval that yields at most MAX_SAMPLES per run.
 */
export class RunSeriesRecorder {
  readonly counterIntervalNs: number;
  private readonly executions: WindowExecution[] = [];
  private readonly counters: CounterRow[] = [];
  private readonly unseen: Set<string>;
  private closedAtNs = Number.POSITIVE_INFINITY;

  constructor(
    apps: readonly string[],
    private readonly fromNs: number,
    private readonly endNs: number,
  ) {
    this.unseen = new Set(apps);
    this.counterIntervalNs = Math.max(FINEST_COUNTER_NS, Math.ceil(endNs / MAX_SAMPLES));
  }

  execution(processor: string, lane: number, app: string, startNs: number, endNs: number): void {
    // Jobs started before the window closed are kept, so its right edge has no false gaps.
    if (startNs < this.fromNs || startNs >= this.closedAtNs) return;
    this.executions.push({ processor, lane, app, startNs, endNs });
    if (this.closedAtNs !== Number.POSITIVE_INFINITY) return;
    this.unseen.delete(app);
    const longEnough = endNs >= this.fromNs + MIN_WINDOW_NS && this.unseen.size === 0;
    if (longEnough || this.executions.length >= MAX_EXECUTIONS) this.closedAtNs = endNs;
  }

  counter(
    timeNs: number,
    processors: readonly {
      id: string;
      frequencyHz: number;
      temperatureC: number;
      powerW: number;
    }[],
    skinTemperatureC: number,
    totalPowerW: number,
  ): void {
    for (const p of processors) {
      this.counters.push({
        timeNs,
        source: p.id,
        frequencyMhz: p.frequencyHz / 1e6,
        temperatureC: p.temperatureC,
        powerW: p.powerW,
      });
    }
    this.counters.push({
      timeNs,
      source: "skin",
      frequencyMhz: null,
      temperatureC: Number.isNaN(skinTemperatureC) ? null : skinTemperatureC,
      powerW: null,
    });
    this.counters.push({
      timeNs,
      source: "device",
      frequencyMhz: null,
      temperatureC: null,
      powerW: totalPowerW,
    });
  }

  /** The run's series, its latency CDFs read from the request recorder's histograms. */
  finish(label: string, tallies: readonly AppTally[]): RunSeries {
    return {
      label,
      windowNs: { from: this.fromNs, to: Math.min(this.closedAtNs, this.endNs) },
      executions: this.executions,
      counters: this.counters,
      latency: tallies
        .filter((tally) => tally.completed > 0)
        .map((tally) => ({
          app: tally.app,
          points: tally.latency
            .cdf()
            .map((point) => ({ latencyMs: point.latencyNs / 1e6, fraction: point.fraction })),
        })),
    };
  }
}
