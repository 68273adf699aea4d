import { type Decision, definePolicy } from "socsim";
import { z } from "zod";
import myPolicy, { mayStart } from "../my-policy.ts";

/** Broken on purpose: starts each model's newest request first, so old ones wait forever under load (caught by "no starvation"). */
export default definePolicy({
  ...myPolicy,
  id: "newest-first",
  params: z.strictObject({}),
  create: (params) => {
    const inner = myPolicy.create(params);
    return {
      plan: (app) => inner.plan(app),
      decide: (view) => {
        view.countWork(view.ready.length);
        const started = new Set<number>();
        const decisions: Decision[] = [];
        for (const ready of [...view.ready].reverse()) {
          if (!mayStart(ready, view.runningRequests, started)) continue;
          started.add(ready.appIndex);
          decisions.push({ kind: "run", requestId: ready.requestId, unitId: ready.unit.id, option: 0 });
        }
        return decisions;
      },
    };
  },
});
