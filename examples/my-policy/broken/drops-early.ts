import { definePolicy } from "socsim";
import { z } from "zod";
import myPolicy from "../my-policy.ts";

/** Broken on purpose: drops a model's request as soon as another one of the model is waiting, deadline or not (caught by "drops"). */
export default definePolicy({
  ...myPolicy,
  id: "drops-early",
  params: z.strictObject({}),
  create: (params) => {
    const inner = myPolicy.create(params);
    return {
      plan: (app) => inner.plan(app),
      decide: (view) => {
        const waiting = view.ready.filter((r) => view.runningRequests[r.appIndex]! > 0);
        const older = waiting.slice(0, -1).map((r) => ({ kind: "drop" as const, requestId: r.requestId }));
        return [...older, ...inner.decide(view)];
      },
    };
  },
});
