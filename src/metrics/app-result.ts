import type { AppTally } from "./request-recorder.ts";
import type { LatencySummary, ModelResult } from "./results.ts";

/**
 * One app's line of results.json. The rules keep a policy from looking good
 * by doing nothing: a dropped request is an SLO miss, so is a request still
 * waiting at the end past its deadline, and figures that only completions
 * define (latency, energy per inference) are null, not 0, when there are none.
 */
export interface AppOutcome {
  readonly tally: AppTally;
  /** Reported requests neither completed nor dropped at the end. */
  readonly inFlight: number;
  /** Of those, the ones already past their deadline at the end. */
  readonly lateInFlight: number;
  readonly sloMs: number | null;
  readonly windowSeconds: number;
  readonly fallbackOps: number;
}

export function appResult(outcome: AppOutcome): ModelResult {
  const { tally } = outcome;
  return {
    app: tally.app,
    model: tally.model,
    requests: tally.requests,
    completed: tally.completed,
    dropped: tally.dropped,
    in_flight: outcome.inFlight,
    latency_ms: latencySummary(tally),
    throughput_fps: tally.completed / outcome.windowSeconds,
    slo_ms: outcome.sloMs,
    slo_violation_rate: sloViolationRate(outcome),
    energy_per_inference_mj:
      tally.completed === 0 ? null : (tally.energyJ / tally.completed) * 1000,
    fallback_ops: outcome.fallbackOps,
  };
}

/**
 * (late completions + drops + late in flight) / (completions + drops + late in flight).
 * A request in flight and not yet due has no outcome, so it counts on neither
 * side; null without an SLO or without a request that has an outcome.
 */
export function sloViolationRate(outcome: AppOutcome): number | null {
  const { tally } = outcome;
  const decided = tally.completed + tally.dropped + outcome.lateInFlight;
  if (outcome.sloMs === null || decided === 0) return null;
  return (tally.lateCompletions + tally.dropped + outcome.lateInFlight) / decided;
}

function latencySummary(tally: AppTally): LatencySummary {
  const histogram = tally.latency;
  if (histogram.count === 0) return { mean: null, p50: null, p90: null, p99: null, max: null };
  const ms = (ns: number) => ns / 1e6;
  return {
    mean: ms(histogram.meanNs),
    p50: ms(histogram.quantileNs(0.5)),
    p90: ms(histogram.quantileNs(0.9)),
    p99: ms(histogram.quantileNs(0.99)),
    max: ms(histogram.maxNs),
  };
}
