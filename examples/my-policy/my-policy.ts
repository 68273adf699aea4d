import { type Decision, definePolicy, type ReadyUnit, wholeUnit } from "socsim";
import { z } from "zod";

/**
 * A small policy to copy: each model runs whole on the GPU when the GPU
 * supports every op of it (else on the CPU), one inference per model at a
 * time, requests in arrival order.
 */
export default definePolicy({
  id: "my-policy",
  params: z.strictObject({}),
  // Each ready unit looked at is one unit of work; a call costs 5 µs plus 1 µs per unit.
  decisionCostNs: (work) => 5_000 + 1_000 * work,
  create: () => ({
    plan: (app) => {
      const ops = app.graph.ops.map((op) => op.id);
      const gpu = app.targets.find((target) => target.kind === "gpu");
      const onGpu = gpu !== undefined && app.graph.ops.every((op) => app.supports(op.id, gpu.id));
      return { units: [wholeUnit(0, ops, onGpu ? gpu.id : "cpu")], fallbackOps: 0 };
    },
    decide: (view) => {
      const started = new Set<number>();
      const decisions: Decision[] = [];
      view.countWork(view.ready.length);
      for (const ready of view.ready) {
        if (!mayStart(ready, view.runningRequests, started)) continue;
        started.add(ready.appIndex);
        decisions.push({ kind: "run", requestId: ready.requestId, unitId: ready.unit.id, option: 0 });
      }
      return decisions;
    },
  }),
});

/** A model's next request starts once its previous one is done. */
export function mayStart(
  ready: ReadyUnit,
  runningRequests: readonly number[],
  startedThisCall: ReadonlySet<number>,
): boolean {
  return (
    !ready.first || (runningRequests[ready.appIndex] === 0 && !startedThisCall.has(ready.appIndex))
  );
}
