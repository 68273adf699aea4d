import { definePolicy } from "socsim";
import { z } from "zod";
import myPolicy from "../my-policy.ts";

/** Broken on purpose: asks the profiler twice about every ready unit but counts each unit once (caught by "decision cost"). */
export default definePolicy({
  ...myPolicy,
  id: "uncounted-queries",
  params: z.strictObject({}),
  create: (params) => {
    const inner = myPolicy.create(params);
    return {
      plan: (app) => inner.plan(app),
      decide: (view) => {
        for (const ready of view.ready) {
          view.profiler.predictNs(ready.appIndex, ready.unit, 0);
          view.profiler.offlineNs(ready.appIndex, ready.unit, 0);
        }
        return inner.decide(view);
      },
    };
  },
});
