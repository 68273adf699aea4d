import {
  type Decision,
  isDefinition,
  type PlanningContext,
  type Policy,
  type PolicyEntry,
  type Profiler,
  type Scheduler,
  type SchedulerView,
} from "../sched/index.ts";
import { watchingHostReads } from "./host-reads.ts";
import { viewChange, viewFingerprint } from "./view-fingerprint.ts";

/** A ready unit as one `decide` call saw it. */
export interface ReadySeen {
  readonly requestId: number;
  readonly appIndex: number;
  readonly unitId: number;
  readonly arrivalNs: number;
  readonly deadlineNs: number;
  /** The request's first unit: the request has not started. */
  readonly first: boolean;
}

/** One `decide` call: what it saw, what it returned, what it did on the way. */
export interface DecisionCall {
  readonly nowNs: number;
  readonly ready: readonly ReadySeen[];
  /** Requests of each app started and not finished (the view's runningRequests). */
  readonly runningRequests: readonly number[];
  readonly decisions: readonly Decision[];
  /** Work the policy counted with `countWork`. */
  readonly work: number;
  /** Calls the policy made to the view's profiler (predictNs, offlineNs, transferNs). */
  readonly profilerQueries: number;
  /** How the policy changed its view, when it did. */
  readonly viewChange?: string;
  /** Host clocks and random sources it read (`Math.random`, `Date.now`, `performance.now`). */
  readonly hostReads: readonly string[];
}

/** What a policy did over one run, recorded by the wrapper `recordPolicy` returns. */
export interface PolicyRecord {
  readonly calls: DecisionCall[];
  /** Host clocks and random sources read while rewriting or planning. */
  readonly planningReads: Set<string>;
  /** The declared price (ns) of a call's counted work; undefined when the policy declares none. */
  decisionCostNs: ((work: number) => number) | undefined;
}

/**
 * The policy wrapped so that every `decide` call is recorded, and the
 * record. The wrapper passes everything through: the run is the one the
 * policy alone would make.
 */
export function recordPolicy(entry: PolicyEntry): { entry: PolicyEntry; record: PolicyRecord } {
  const record: PolicyRecord = { calls: [], planningReads: new Set(), decisionCostNs: undefined };
  if (isDefinition(entry)) {
    record.decisionCostNs = entry.decisionCostNs;
    return {
      entry: { ...entry, create: (params) => recorded(entry.create(params), record) },
      record,
    };
  }
  const factory = (params: Readonly<Record<string, unknown>>): Scheduler => {
    const scheduler = entry(params);
    const constant = scheduler.decisionCostNs;
    record.decisionCostNs = constant === undefined ? undefined : () => constant;
    const policy = recorded(scheduler, record);
    return {
      id: scheduler.id,
      ...(constant === undefined ? {} : { decisionCostNs: constant }),
      plan: (app) => policy.plan(app),
      decide: (view) => policy.decide(view),
    };
  };
  return { entry: factory, record };
}

function recorded(policy: Policy, record: PolicyRecord): Policy {
  const planning = <Result>(body: () => Result) => watchingHostReads(record.planningReads, body);
  return {
    ...(policy.rewrite === undefined
      ? {}
      : { rewrite: (app: PlanningContext) => planning(() => policy.rewrite!(app)) }),
    plan: (app) => planning(() => policy.plan(app)),
    decide(view) {
      const before = viewFingerprint(view);
      let work = 0;
      let profilerQueries = 0;
      const profiler: Profiler = {
        predictNs: (app, unit, option) => {
          profilerQueries++;
          return view.profiler.predictNs(app, unit, option);
        },
        offlineNs: (app, unit, option) => {
          profilerQueries++;
          return view.profiler.offlineNs(app, unit, option);
        },
        transferNs: (from, to, bytes) => {
          profilerQueries++;
          return view.profiler.transferNs(from, to, bytes);
        },
      };
      const watched: SchedulerView = {
        nowNs: view.nowNs,
        ready: view.ready,
        runningRequests: view.runningRequests,
        get processors() {
          return view.processors;
        },
        profiler,
        countWork(amount) {
          work += amount;
          view.countWork(amount);
        },
      };
      const hostReads = new Set<string>();
      const decisions = watchingHostReads(hostReads, () => policy.decide(watched));
      const change = viewChange(before, viewFingerprint(view));
      record.calls.push({
        nowNs: view.nowNs,
        ready: before.ready,
        runningRequests: [...view.runningRequests],
        decisions: Array.isArray(decisions) ? decisions.map((d: Decision) => ({ ...d })) : [],
        work,
        profilerQueries,
        ...(change === undefined ? {} : { viewChange: change }),
        hostReads: [...hostReads],
      });
      return decisions;
    },
  };
}
