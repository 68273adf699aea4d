import { definePolicy } from "socsim";
import { z } from "zod";
import myPolicy from "../my-policy.ts";

/** Broken on purpose: asks for an option its plan does not have, which the runtime refuses (caught as "runtime"). */
export default definePolicy({
  ...myPolicy,
  id: "bad-option",
  params: z.strictObject({}),
  create: (params) => {
    const inner = myPolicy.create(params);
    return {
      plan: (app) => inner.plan(app),
      decide: (view) => inner.decide(view).map((d) => (d.kind === "run" ? { ...d, option: 1 } : d)),
    };
  },
});
