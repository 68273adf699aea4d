import { definePolicy } from "socsim";
import { z } from "zod";
import myPolicy from "../my-policy.ts";

/** Broken on purpose: sorts its view's ready list in place, by deadline (caught by "view untouched"). */
export default definePolicy({
  ...myPolicy,
  id: "sorts-view",
  params: z.strictObject({}),
  create: (params) => {
    const inner = myPolicy.create(params);
    return {
      plan: (app) => inner.plan(app),
      decide: (view) => {
        (view.ready as unknown[] as { deadlineNs: number }[]).sort(
          (a, b) => a.deadlineNs - b.deadlineNs,
        );
        return inner.decide(view);
      },
    };
  },
});
