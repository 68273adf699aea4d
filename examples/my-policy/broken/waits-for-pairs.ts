import { definePolicy } from "socsim";
import { z } from "zod";
import myPolicy from "../my-policy.ts";

/** Broken on purpose: decides only when two units are ready, so a lone request waits with nothing running (caught by "no stall"). */
export default definePolicy({
  ...myPolicy,
  id: "waits-for-pairs",
  params: z.strictObject({}),
  create: (params) => {
    const inner = myPolicy.create(params);
    return {
      plan: (app) => inner.plan(app),
      decide: (view) => (view.ready.length < 2 ? [] : inner.decide(view)),
    };
  },
});
