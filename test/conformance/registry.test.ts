import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/runtime/device-adapter.ts";
import { PlanRefusedError } from "../../src/runtime/policy-error.ts";
import { type RunOutcome, simulateRun } from "../../src/runtime/simulate.ts";
import { SCHEDULERS } from "../../src/sched/index.ts";
import { scenarioArbitrary } from "../../src/testing/arbitraries/scenario.ts";
import type { ScenarioSketch } from "../../src/testing/index.ts";
import {
  accountingViolations,
  capacityViolations,
  dependencyViolations,
  placementViolations,
} from "../../src/testing/invariants.ts";
import { runScenarioOf } from "../../src/testing/scenario-sketch.ts";

/**
 * Every registered policy, on random scenarios it accepts at plan time:
 * registering a policy is what gets it tested. SOCSIM_CONFORMANCE_RUNS
 * raises the number of accepted scenarios per policy (default 200);
 * SOCSIM_CONFORMANCE_SEED replays a failure's seed.
 */
const RUNS = Number(process.env.SOCSIM_CONFORMANCE_RUNS ?? 200);
const SEED = process.env.SOCSIM_CONFORMANCE_SEED;
/** One accepted scenario in this many is run twice for the same-bytes law (a full rerun each). */
const RERUN_EVERY = 8;
/** A policy bound to an NPU plans only on the few SoCs whose framework drives one: most draws are discarded. */
const MAX_SKIPS_PER_RUN = 200;

interface Run {
  readonly outcome: RunOutcome;
  readonly executions: Execution[];
}

/** The run of one policy on a sketch, or null when the policy refuses it at plan time. */
function run(name: string, sketch: ScenarioSketch): Run | null {
  const scenario = runScenarioOf(sketch);
  const choice = { name, label: name, params: {}, factory: SCHEDULERS.get(name) };
  const executions: Execution[] = [];
  try {
    const outcome = simulateRun(scenario, choice, sketch.seed, {
      onExecution: (execution) => executions.push(execution),
    });
    return { outcome, executions };
  } catch (error) {
    if (error instanceof PlanRefusedError) return null;
    throw error;
  }
}

describe("every registered policy keeps the runtime's invariants", () => {
  for (const name of SCHEDULERS.names()) {
    it(`${name}: ${RUNS} accepted random scenarios`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(scenarioArbitrary(), (sketch) => {
          const done = run(name, sketch);
          fc.pre(done !== null);
          accepted++;
          const { outcome, executions } = done!;
          const apps = sketch.apps.map((_, index) => `app${index}`);
          const graphs = new Map(apps.map((app, index) => [app, outcome.graphs[index]!]));
          const appIndexOf = new Map(apps.map((app, index) => [app, index]));
          const results = {
            socsim: "",
            scenario: "",
            seed: sketch.seed,
            soc: sketch.soc,
            simulated_s: sketch.durationS,
            runs: [outcome.result],
          };
          expect(capacityViolations(executions)).toEqual([]);
          expect(dependencyViolations(executions, graphs)).toEqual([]);
          expect(placementViolations(executions, appIndexOf, outcome.supports)).toEqual([]);
          expect(accountingViolations(results)).toEqual([]);
          if (accepted % RERUN_EVERY === 0)
            expect(JSON.stringify(run(name, sketch)!.outcome.result)).toBe(
              JSON.stringify(outcome.result),
            );
        }),
        {
          numRuns: RUNS,
          maxSkipsPerRun: MAX_SKIPS_PER_RUN,
          ...(SEED === undefined ? {} : { seed: Number(SEED) }),
        },
      );
    }, 600_000);
  }
});
