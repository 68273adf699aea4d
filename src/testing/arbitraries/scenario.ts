import fc from "fast-check";
import type { ArrivalKind } from "./arrival.ts";
import { type SocVariant, socArbitrary } from "./soc.ts";
import { type WorkloadSketch, workloadArbitrary } from "./workload.ts";

export type { ArrivalKind, ArrivalSketch } from "./arrival.ts";
export { SMALL_ZOO_MODELS } from "./workload.ts";

/** A random scenario as data: `runScenarioOf` (src/testing/scenario-sketch.ts) turns it into a run's inputs. */
export interface ScenarioSketch extends WorkloadSketch {
  readonly soc: string;
  /** The SoC's numbers moved (socArbitrary); absent for the bundled SoC as it is. */
  readonly socVariant?: SocVariant;
  /** Framework profile; undefined, or one the SoC file lacks, for the SoC's default. */
  readonly framework?: string;
  /** Simulated seconds. */
  readonly durationS: number;
  readonly seed: number;
}

export interface ScenarioArbitraryConstraints {
  /** Bundled SoC ids to draw from (default: every SoC under socs/). */
  readonly socs?: readonly string[];
  /** Zoo model ids to draw from (default: SMALL_ZOO_MODELS). */
  readonly models?: readonly string[];
  /** Fewest apps (default 1). */
  readonly minApps?: number;
  /** Most apps (default 3). */
  readonly maxApps?: number;
  /** Longest simulated duration in seconds (default 0.4); the shortest is a quarter of it. */
  readonly maxDurationS?: number;
  /** Arrival processes to draw from (default: all four). */
  readonly arrivals?: readonly ArrivalKind[];
  /** Most threads an app's `threads:` may name (workloadArbitrary's; default 8, 0 for none). */
  readonly maxThreads?: number;
  /** Draw SoC variants (socArbitrary, from the same socs) half the time (default false). */
  readonly socVariants?: boolean;
  /** With `socVariants`, also cut the variants' structure (accelerators, support tables, frameworks: socArbitrary's defaults) (default false: numbers only). */
  readonly socStructure?: boolean;
  /** Framework profiles to draw from besides the SoC's default (default: BUNDLED_FRAMEWORKS); the default is drawn half the time. */
  readonly frameworks?: readonly string[];
}

export const BUNDLED_SOCS: readonly string[] = [
  "dimensity-9000",
  "kirin-960",
  "kirin-970",
  "kirin-985",
  "kirin-990",
  "snapdragon-855",
  "snapdragon-865",
  "snapdragon-870",
  "snapdragon-888",
  "tensor-g1",
];

/** Framework profiles some bundled SoC file describes (Paddle-Lite is the one that drives the Kirin NPUs). */
export const BUNDLED_FRAMEWORKS: readonly string[] = [
  "mace",
  "tflite",
  "ncnn",
  "paddle-lite",
  "mnn",
];

/**
 * Random scenarios on bundled SoCs and zoo models: one to a few apps with
 * random arrival processes, SLOs and thread counts, with or without UI and a competing
 * process, a short run. Shrinks towards fewer apps and simpler arrivals.
 */
export function scenarioArbitrary(
  constraints: ScenarioArbitraryConstraints = {},
): fc.Arbitrary<ScenarioSketch> {
  const socs = constraints.socs ?? BUNDLED_SOCS;
  const maxDurationS = constraints.maxDurationS ?? 0.4;
  const frameworks = constraints.frameworks ?? BUNDLED_FRAMEWORKS;
  if (socs.length === 0) throw new Error("scenarioArbitrary: socs must name at least one SoC");
  if (!(maxDurationS >= 0.004))
    throw new Error(
      `scenarioArbitrary: maxDurationS must be at least 0.004 s, got ${maxDurationS}`,
    );
  const workload = workloadArbitrary({
    ...(constraints.models === undefined ? {} : { models: constraints.models }),
    ...(constraints.minApps === undefined ? {} : { minApps: constraints.minApps }),
    ...(constraints.maxApps === undefined ? {} : { maxApps: constraints.maxApps }),
    ...(constraints.arrivals === undefined ? {} : { arrivals: constraints.arrivals }),
    ...(constraints.maxThreads === undefined ? {} : { maxThreads: constraints.maxThreads }),
  });
  return fc
    .record(
      {
        soc: fc.constantFrom(...socs),
        framework:
          frameworks.length === 0
            ? fc.constant(undefined)
            : fc.option(fc.constantFrom(...frameworks), { nil: undefined }),
        workload,
        durationS: fc
          .integer({ min: 1, max: 4 })
          .map((quarters) => Math.round(maxDurationS * quarters * 250) / 1000),
        seed: fc.nat({ max: 1_000_000 }),
      },
      { requiredKeys: ["soc", "workload", "durationS", "seed"] },
    )
    .chain(({ workload: drawn, ...rest }) => {
      const sketch = { ...rest, ...drawn };
      if (constraints.socVariants !== true) return fc.constant(sketch);
      return fc
        .option(
          socArbitrary(
            constraints.socStructure === true
              ? { socs: [rest.soc] }
              : {
                  socs: [rest.soc],
                  dropAccelerators: false,
                  maxRemovedOps: 0,
                  dropFrameworks: false,
                },
          ),
          { nil: undefined },
        )
        .map((variant) => (variant === undefined ? sketch : { ...sketch, socVariant: variant }));
    });
}
