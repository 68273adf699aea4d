import type { Graph } from "../graph/index.ts";
import type { Results } from "../metrics/results.ts";
import type { Execution } from "../runtime/device-adapter.ts";

/**
 * Invariant checkers for users' own policies and for socsim's tests. Each
 * returns the violations it finds (empty when the invariant holds), so a
 * property test can print them with its counterexample.
 */

/**
 * No accelerator runs two kernels at once, and no lane (core slot or queue)
 * runs two jobs at once. CPU clusters time-share their cores among more
 * threads than cores (capacity Infinity); their core shares are the
 * device's own invariant, checked in its tests.
 */
export function capacityViolations(executions: readonly Execution[]): string[] {
  const violations: string[] = [];
  const byProcessor = new Map<string, Execution[]>();
  for (const execution of executions) {
    // A job of no duration (a zero-byte copy between CPU clusters) holds its lane for no time.
    if (execution.transfer || execution.endNs === execution.startNs) continue;
    const list = byProcessor.get(execution.processor) ?? [];
    list.push(execution);
    byProcessor.set(execution.processor, list);
  }
  for (const [processor, list] of byProcessor) {
    const edges = list.flatMap((e) => [
      { time: e.endNs, delta: -1 },
      { time: e.startNs, delta: +1 },
    ]);
    // Ends sort before starts at the same instant: a job may start the moment another ends.
    edges.sort((a, b) => a.time - b.time || a.delta - b.delta);
    let running = 0;
    for (const edge of edges) {
      running += edge.delta;
      if (running > list[0]!.capacity) {
        violations.push(
          `${processor} runs ${running} jobs at ${edge.time} ns with capacity ${list[0]!.capacity}`,
        );
        break;
      }
    }
    const lanes = new Map<number, Execution[]>();
    for (const e of list) lanes.set(e.lane, [...(lanes.get(e.lane) ?? []), e]);
    for (const [lane, onLane] of lanes) {
      const sorted = [...onLane].sort((a, b) => a.startNs - b.startNs);
      for (let i = 1; i < sorted.length; i++) {
        if (sorted[i]!.startNs < sorted[i - 1]!.endNs) {
          violations.push(
            `${processor} lane ${lane}: ${sorted[i]!.tag.name} starts before ${sorted[i - 1]!.tag.name} ends`,
          );
          break;
        }
      }
    }
  }
  return violations;
}

/**
 * Every op of a request starts only after its inputs are ready: after its
 * producer's run on the same processor when the producer ran there (a slice
 * of a split unit computes its own inputs, halo rows included), else after
 * every run of the producer. (Without slice ids in the executions, a join
 * of split slices is checked only against the consumer's own processor.)
 */
export function dependencyViolations(
  executions: readonly Execution[],
  graphs: ReadonlyMap<string, Graph>,
): string[] {
  const runs = new Map<string, Execution[]>();
  for (const e of executions) {
    if (e.tag.op < 0 || e.transfer) continue;
    const key = `${e.tag.app}/${e.tag.request}/${e.tag.op}`;
    const list = runs.get(key);
    if (list === undefined) runs.set(key, [e]);
    else list.push(e);
  }
  const violations: string[] = [];
  for (const [key, list] of runs) {
    const [app, request, opText] = key.split("/") as [string, string, string];
    const graph = graphs.get(app);
    if (graph === undefined) continue;
    const op = graph.ops[Number(opText)]!;
    for (const tensorId of op.inputs) {
      const producer = graph.tensors[tensorId]!.producer;
      const before = producer >= 0 ? runs.get(`${app}/${request}/${producer}`) : undefined;
      if (before === undefined) continue;
      const late = list.some((run) => {
        const here = before.filter((other) => other.processor === run.processor);
        const awaited = here.length > 0 ? here : before;
        return awaited.some((other) => other.endNs > run.startNs);
      });
      if (late)
        violations.push(
          `${app} request ${request}: ${op.name} starts before its input from ${graph.ops[producer]!.name} is ready`,
        );
    }
  }
  return violations;
}

/** Every reported request is completed, dropped or still in flight. */
export function accountingViolations(results: Results): string[] {
  return results.runs.flatMap((run) =>
    run.models
      .filter(
        (m) =>
          m.requests !== m.completed + m.dropped + m.in_flight ||
          m.completed < 0 ||
          m.dropped < 0 ||
          m.in_flight < 0,
      )
      .map(
        (m) =>
          `${run.scheduler}/${m.app}: ${m.requests} requests ≠ ${m.completed} + ${m.dropped} + ${m.in_flight}`,
      ),
  );
}

/**
 * Energy is non-negative everywhere, the processors' energies add up to no
 * more than the total, and the breakdown's parts, none negative, add up to it.
 */
export function energyViolations(results: Results): string[] {
  const violations: string[] = [];
  for (const run of results.runs) {
    let sum = 0;
    for (const p of run.processors) {
      if (!(p.energy_j >= 0)) violations.push(`${run.scheduler}/${p.id}: energy ${p.energy_j} J`);
      sum += p.energy_j;
    }
    if (!(run.energy_j >= 0)) violations.push(`${run.scheduler}: total energy ${run.energy_j} J`);
    if (sum > run.energy_j * (1 + 1e-9))
      violations.push(`${run.scheduler}: processors use ${sum} J of a ${run.energy_j} J total`);
    const parts = run.energy_breakdown_j;
    if (parts === undefined) continue;
    let partsSum = 0;
    for (const [part, joules] of Object.entries(parts)) {
      if (!(joules >= 0))
        violations.push(`${run.scheduler}: energy_breakdown_j.${part} ${joules} J`);
      partsSum += joules;
    }
    if (!(Math.abs(partsSum - run.energy_j) <= run.energy_j * 1e-9))
      violations.push(
        `${run.scheduler}: energy_breakdown_j adds up to ${partsSum} J, not energy_j ${run.energy_j} J`,
      );
  }
  return violations;
}

/** No op ran on a processor that cannot run it (kind, dtype, the framework's support table). */
export function placementViolations(
  executions: readonly Execution[],
  appIndexOf: ReadonlyMap<string, number>,
  supports: (appIndex: number, opId: number, processor: string) => boolean,
): string[] {
  const violations: string[] = [];
  const seen = new Set<string>();
  for (const e of executions) {
    if (e.transfer || e.tag.op < 0) continue;
    const appIndex = appIndexOf.get(e.tag.app);
    if (appIndex === undefined) continue;
    const key = `${appIndex}/${e.tag.op}/${e.processor}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!supports(appIndex, e.tag.op, e.processor))
      violations.push(`${e.tag.app}: ${e.tag.name} ran on ${e.processor}, which cannot run it`);
  }
  return violations;
}
