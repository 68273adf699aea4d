import { type Decision, definePolicy } from "socsim";
import { z } from "zod";
import myPolicy from "../my-policy.ts";

/** Broken on purpose: serves the ready units in a shuffled order (caught by "determinism"). */
export default definePolicy({
  ...myPolicy,
  id: "reads-random",
  params: z.strictObject({}),
  create: (params) => {
    const inner = myPolicy.create(params);
    return {
      plan: (app) => inner.plan(app),
      decide: (view) => {
        const decisions: Decision[] = [...inner.decide(view)];
        return decisions.sort(() => Math.random() - 0.5);
      },
    };
  },
});
