import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALL_PERFORMANCE, convGraph, makeDevice } from "./helpers.ts";

const TARGETS = ["cpu", "cpu-big", "gpu", "dsp"] as const;
const graphs = [convGraph(32, 28, 32, 3), convGraph(64, 14, 64, 1), convGraph(16, 56, 16, 3)];

interface JobPlan {
  readonly atUs: number;
  readonly target: (typeof TARGETS)[number];
  readonly graph: number;
  readonly chain: number;
}

const jobPlans: fc.Arbitrary<JobPlan[]> = fc.array(
  fc.record({
    atUs: fc.integer({ min: 0, max: 20_000 }),
    target: fc.constantFrom(...TARGETS),
    graph: fc.integer({ min: 0, max: graphs.length - 1 }),
    chain: fc.integer({ min: 1, max: 4 }),
  }),
  { minLength: 1, maxLength: 12 },
);

/** Runs chains of ops (each op submitted from the previous one's callback) and logs every completion. */
function run(plans: readonly JobPlan[], recycleJobs: boolean) {
  const { simulator, device } = makeDevice({ ...ALL_PERFORMANCE, recycleJobs });
  const log: string[] = [];
  plans.forEach((plan, index) => {
    const graph = graphs[plan.graph]!;
    const supported = device.costs(graph).supported(0, plan.target);
    const target = supported ? plan.target : "cpu";
    let left = plan.chain;
    const next = (): void => {
      device.submit({
        target,
        cycles: device.costs(graph).cycles(0, target),
        tag: `${index}`,
        onDone: (time) => {
          log.push(`${index}@${time}`);
          if (--left > 0) next();
        },
      });
    };
    simulator.at(plan.atUs * 1000, next);
  });
  simulator.run({ until: 2e9 });
  const statistics = device.statistics();
  device.dispose();
  return { log, energy: statistics.energy_j };
}

describe("recycled job records", () => {
  it("change nothing: the same completions at the same times and the same energy", () => {
    fc.assert(
      fc.property(jobPlans, (plans) => {
        expect(run(plans, true)).toEqual(run(plans, false));
      }),
      { numRuns: 25 },
    );
  });
});
