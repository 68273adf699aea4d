import { InputError } from "../core/index.ts";
import type { ArrivalSpec } from "../workload/workload-schema.ts";
import type { LoadedScenario } from "./load-scenario.ts";

/**
 * How big a run will be, worked out from the scenario before anything is
 * simulated, so that a typo (`duration: 1e9 s`, `rate: 1e9`) is refused in
 * a second instead of filling the disk. Figures are expectations, not
 * bounds: every request is assumed to run every op of its model once.
 */
export interface RunSize {
  readonly requests: number;
  readonly opExecutions: number;
  readonly events: number;
  readonly traceBytes: number;
}

/** The limits a run must stay within, each raised by the flag named beside it. */
export interface RunLimits {
  /** `--max-ops`: op executions over all scheduler runs. */
  readonly maxOps: number;
  /** `--max-events`: kernel events over all scheduler runs. */
  readonly maxEvents: number;
  /** `--max-trace`: bytes of trace.json (only when a trace is written). */
  readonly maxTraceBytes: number;
}

/** Defaults admit every bundled scenario and benchmark at its documented duration (docs/cli.md). */
export const DEFAULT_LIMITS: RunLimits = {
  maxOps: 200e6,
  maxEvents: 1e9,
  maxTraceBytes: 1e9,
};

/** Bytes of one op slice and of one counter sample in trace.json (measured on the bundled scenarios, rounded up). */
const TRACE_BYTES_PER_SLICE = 130;
const TRACE_BYTES_PER_COUNTER = 90;
/** The trace's counter interval (src/runtime/device-adapter.ts). */
const COUNTER_INTERVAL_S = 0.01;
/** Kernel events per op execution: its finish, and re-timings as rates change (bundled scenarios: under 1). */
const EVENTS_PER_OP = 2;
/** Kernel events per UI frame and per competing-process period (start, stop, their stages). */
const EVENTS_PER_FRAME = 6;
const EVENTS_PER_PERIOD = 4;
/** Trace slices per op execution: transfers and layout conversions around fallbacks add their own (bundled: 1.0-1.5). */
const TRACE_SLICES_PER_OP = 1.5;
/** Trace slices per UI frame: its CPU and its GPU part. */
const SLICES_PER_FRAME = 2;

/** Trace timestamps kept: `--trace-window FROM..TO`, in seconds of simulated time. */
export interface TraceWindow {
  readonly fromS: number;
  readonly toS: number;
}

export function estimateRunSize(scenario: LoadedScenario, window?: TraceWindow): RunSize {
  const { spec, workload, graphs } = scenario;
  const seconds = spec.duration;
  const runs = scenario.schedulers.length;
  let requests = 0;
  let opExecutions = 0;
  workload.apps.forEach((app, index) => {
    const arrivals = expectedArrivals(app.arrival, seconds, scenario.traces.get(app.name));
    requests += arrivals;
    opExecutions += arrivals * graphs[index]!.ops.length;
  });
  let backgroundEvents = seconds / spec.thermal_tick + requests * 2;
  let backgroundSlices = 0;
  for (const load of workload.competing) {
    backgroundEvents += (seconds / load.period) * EVENTS_PER_PERIOD * load.threads;
    backgroundSlices += (seconds / load.period) * load.threads;
  }
  if (workload.ui) {
    backgroundEvents += seconds * workload.ui.refresh * EVENTS_PER_FRAME;
    backgroundSlices += seconds * workload.ui.refresh * SLICES_PER_FRAME;
  }
  const tracedFraction =
    window === undefined
      ? 1
      : Math.max(0, Math.min(seconds, window.toS) - Math.max(0, window.fromS)) / seconds;
  const processors = Object.keys(scenario.soc.processors).length;
  const counterBytes =
    (seconds / Math.max(COUNTER_INTERVAL_S, spec.thermal_tick)) *
    processors *
    3 *
    TRACE_BYTES_PER_COUNTER;
  return {
    requests: requests * runs,
    opExecutions: opExecutions * runs,
    events: (opExecutions * EVENTS_PER_OP + backgroundEvents) * runs,
    traceBytes:
      ((opExecutions * TRACE_SLICES_PER_OP + backgroundSlices) * TRACE_BYTES_PER_SLICE +
        counterBytes) *
      tracedFraction *
      runs,
  };
}

const CLOSED_LOOP_FASTEST_REQUEST_S = 0.001;

function expectedArrivals(
  arrival: ArrivalSpec,
  seconds: number,
  trace: readonly number[] | undefined,
): number {
  switch (arrival.process) {
    case "periodic":
      return arrival.fps * seconds + 1;
    case "poisson":
      return arrival.rate * seconds;
    case "bursty":
      return (arrival.rate * seconds * arrival.mean_on) / (arrival.mean_on + arrival.mean_off);
    case "trace":
      return trace?.length ?? 0;
    case "closed":
      // Bounded by completions; a zoo model takes about a millisecond at the least.
      return (arrival.outstanding * seconds) / (arrival.think + CLOSED_LOOP_FASTEST_REQUEST_S);
  }
}

/** Refuses a run past a limit, with one line naming the figure, the limit and the flag that raises it. */
export function checkRunSize(
  scenarioFile: string,
  size: RunSize,
  limits: RunLimits,
  tracing: boolean,
): void {
  const refuse = (what: string, estimate: number, limit: number, remedy: string) =>
    new InputError(
      scenarioFile,
      `the run would take about ${format(estimate)} ${what}, over the limit of ${format(limit)} (${remedy})`,
    );
  if (size.opExecutions > limits.maxOps) {
    throw refuse(
      "op executions",
      size.opExecutions,
      limits.maxOps,
      "shorten the duration, lower the rates, or raise --max-ops",
    );
  }
  if (size.events > limits.maxEvents) {
    throw refuse(
      "kernel events",
      size.events,
      limits.maxEvents,
      "shorten the duration, lengthen thermal_tick or competing periods, or raise --max-events",
    );
  }
  if (tracing && size.traceBytes > limits.maxTraceBytes) {
    throw refuse(
      "bytes of trace",
      size.traceBytes,
      limits.maxTraceBytes,
      "record part of it with --trace-window FROM..TO, drop it with --no-trace, or raise --max-trace",
    );
  }
}

function format(value: number): string {
  return value >= 1e4 ? value.toExponential(1).replace("e+", "e") : `${Math.round(value)}`;
}
