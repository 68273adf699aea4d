import { describe, expect, it } from "vitest";
import { appResult } from "../../src/metrics/app-result.ts";
import { RequestRecorder } from "../../src/metrics/request-recorder.ts";

const MS = 1e6;

/** A recorder for one app with a 100 ms SLO, requests 0..n-1 arriving 10 ms apart from t = 0. */
function recorderWith(arrivals: number): RequestRecorder {
  const recorder = new RequestRecorder(
    [{ name: "a", model: "m" }],
    [100 * MS],
    0,
    "test",
    undefined,
  );
  for (let id = 0; id < arrivals; id++) recorder.arrived(0, id, id * 10 * MS);
  return recorder;
}

function resultOf(recorder: RequestRecorder, endNs: number, sloMs: number | null = 100) {
  return appResult({
    tally: recorder.tallies[0]!,
    inFlight: recorder.inFlight()[0]!,
    lateInFlight: recorder.lateInFlight(endNs)[0]!,
    sloMs,
    windowSeconds: endNs / 1e9,
    fallbackOps: 3,
  });
}

describe("an app's results cannot be improved by dropping", () => {
  it("counts late completions, drops and late requests in flight as SLO misses; a request not yet due counts on neither side", () => {
    const recorder = recorderWith(5);
    // Energy per inference is what the completed requests' work drew: the drop's is not in it.
    for (const id of [0, 1]) recorder.charge(id, 1);
    recorder.charge(2, 5);
    recorder.completed(0, 0, 50 * MS); // 50 ms: in time
    recorder.completed(0, 1, 160 * MS); // 150 ms: late
    recorder.dropped(0, 2, 25 * MS); // a drop is a miss
    // Requests 3 (arrived 30 ms) and 4 (40 ms) are still waiting at 135 ms: only 3 is past its deadline.
    const result = resultOf(recorder, 135 * MS);
    expect(result).toMatchObject({ requests: 5, completed: 2, dropped: 1, in_flight: 2 });
    expect(result.slo_violation_rate).toBeCloseTo(3 / 4, 12);
    expect(result.fallback_ops).toBe(3);
    expect(result.energy_per_inference_mj).toBeCloseTo(1000, 9);
  });

  it("gives a policy that drops everything an SLO miss of 1 and no latency or energy per inference", () => {
    const recorder = recorderWith(4);
    for (let id = 0; id < 4; id++) recorder.dropped(0, id, id * 10 * MS);
    const result = resultOf(recorder, 50 * MS);
    expect(result.slo_violation_rate).toBe(1);
    expect(result.latency_ms).toEqual({ mean: null, p50: null, p90: null, p99: null, max: null });
    expect(result.energy_per_inference_mj).toBeNull();
    expect(result.throughput_fps).toBe(0);
  });

  it("has no SLO miss rate without an SLO, or before any request has an outcome", () => {
    expect(resultOf(recorderWith(2), 50 * MS, null).slo_violation_rate).toBeNull();
    expect(resultOf(recorderWith(0), 50 * MS).slo_violation_rate).toBeNull();
    // Two requests waiting, neither past its 100 ms deadline at 50 ms.
    expect(resultOf(recorderWith(2), 50 * MS).slo_violation_rate).toBeNull();
  });
});
