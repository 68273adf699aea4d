import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/runtime/device-adapter.ts";
import type { Decision } from "../../src/sched/index.ts";
import {
  assertNoStall,
  CheckFailure,
  checkDecisionCost,
  checkDeterminism,
  checkDrops,
  checkNoStall,
  checkNoStarvation,
  checkViewUntouched,
} from "../../src/testing/checkers/index.ts";
import type { DecisionCall, ReadySeen } from "../../src/testing/decision-record.ts";

const unit = (requestId: number, arrivalNs: number, deadlineNs = Infinity): ReadySeen => ({
  requestId,
  appIndex: 0,
  unitId: 0,
  arrivalNs,
  deadlineNs,
  first: true,
});
const run = (requestId: number): Decision => ({ kind: "run", requestId, unitId: 0, option: 0 });
const call = (
  nowNs: number,
  ready: ReadySeen[],
  decisions: Decision[],
  extra: Partial<DecisionCall> = {},
): DecisionCall => ({
  nowNs,
  ready,
  decisions,
  work: 0,
  profilerQueries: 0,
  hostReads: [],
  ...extra,
  runningRequests: extra.runningRequests ?? [0],
});
const op = (startNs: number, endNs: number): Execution => ({
  processor: "gpu",
  lane: 0,
  capacity: 1,
  startNs,
  endNs,
  tag: { app: "app0", request: 1, name: "conv", op: 0, share: 1 },
  transfer: false,
});
const MS = 1_000_000;

describe("checkNoStall", () => {
  it("accepts a unit left waiting while another op runs", () => {
    const calls = [
      call(0, [unit(1, 0), unit(2, 0)], [run(1)]),
      call(300 * MS, [unit(2, 0)], [run(2)]),
    ];
    expect(checkNoStall({ calls, executions: [op(0, 300 * MS)], endNs: 400 * MS }).ok).toBe(true);
  });

  it("accepts a unit left waiting while a started request's op runs past the end", () => {
    const calls = [call(0, [unit(1, 0)], [], { runningRequests: [1] })];
    expect(checkNoStall({ calls, executions: [], endNs: 400 * MS }).ok).toBe(true);
  });

  it("finds a unit left waiting while nothing runs, and its assert form throws", () => {
    const record = { calls: [call(0, [unit(1, 0)], [])], executions: [], endNs: 400 * MS };
    const result = checkNoStall(record);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.explanation).toMatch(/nothing ran while app 0 request 1 unit 0/);
    expect(() => assertNoStall(record)).toThrow(CheckFailure);
  });
});

describe("checkNoStarvation", () => {
  it("accepts FIFO service, however long the queue waits", () => {
    const calls = [
      call(0, [unit(1, 0), unit(2, 10)], [run(1)]),
      call(500 * MS, [unit(2, 10)], [run(2)]),
    ];
    expect(checkNoStarvation({ calls, endNs: 600 * MS }).ok).toBe(true);
  });

  it("finds an old request passed over by later ones for longer than the bound", () => {
    const calls = [
      call(0, [unit(1, 0), unit(2, 10)], [run(2)]),
      call(50 * MS, [unit(1, 0), unit(3, 40 * MS)], [run(3)]),
      call(200 * MS, [unit(1, 0), unit(4, 190 * MS)], [run(4)]),
    ];
    const result = checkNoStarvation({ calls, endNs: 300 * MS });
    expect(!result.ok && result.explanation).toMatch(/request 1 unit 0 .* request 2 of its app/);
  });
});

describe("checkDrops", () => {
  it("accepts drops past the deadline and refuses earlier ones", () => {
    const late = [call(20 * MS, [unit(1, 0, 10 * MS)], [{ kind: "drop", requestId: 1 }])];
    const early = [call(5 * MS, [unit(1, 0, 10 * MS)], [{ kind: "drop", requestId: 1 }])];
    expect(checkDrops({ calls: late }).ok).toBe(true);
    expect(checkDrops({ calls: early }).ok).toBe(false);
    expect(checkDrops({ calls: early }, { mayDrop: () => true }).ok).toBe(true);
  });
});

describe("checkDecisionCost", () => {
  const cost = (work: number) => 1000 * work;
  it("accepts calls that count their profiler queries", () => {
    const calls = [call(0, [], [], { work: 3, profilerQueries: 3 })];
    expect(checkDecisionCost({ calls, decisionCostNs: cost }).ok).toBe(true);
  });

  it("finds a call charged less than its queries cost", () => {
    const calls = [call(0, [], [], { work: 0, profilerQueries: 5 })];
    const result = checkDecisionCost({ calls, decisionCostNs: cost });
    expect(!result.ok && result.explanation).toMatch(/5 profiler queries but counted 0 work/);
    expect(checkDecisionCost({ calls, decisionCostNs: undefined }).ok).toBe(true);
  });
});

describe("checkViewUntouched and checkDeterminism", () => {
  const results = { socsim: "", scenario: "", seed: 1, soc: "", simulated_s: 1, runs: [] };
  const quiet = { results, executions: [op(0, 1)], calls: [], planningReads: new Set<string>() };

  it("report a changed view in words", () => {
    const calls = [call(0, [], [], { viewChange: "view.ready went from 2 to 1 entries" })];
    expect(checkViewUntouched({ calls }).ok).toBe(false);
    expect(checkViewUntouched({ calls: [call(0, [], [])] }).ok).toBe(true);
  });

  it("accept identical runs and catch host reads and different bytes", () => {
    expect(checkDeterminism(quiet, quiet).ok).toBe(true);
    const reading = { ...quiet, calls: [call(7, [], [], { hostReads: ["Math.random"] })] };
    expect(checkDeterminism(reading, reading).ok).toBe(false);
    const moved = { ...quiet, executions: [op(0, 2)] };
    const result = checkDeterminism(quiet, moved);
    expect(!result.ok && result.explanation).toMatch(/different executions from execution 0/);
  });
});
