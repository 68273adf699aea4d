import fc from "fast-check";

/** An arrival process as a workload file writes it (see docs/cli.md). */
export type ArrivalSketch =
  | { readonly process: "periodic"; readonly fps: number }
  | { readonly process: "poisson"; readonly rate: number }
  | {
      readonly process: "bursty";
      readonly rate: number;
      readonly mean_on: number;
      readonly mean_off: number;
    }
  | { readonly process: "closed"; readonly outstanding: number; readonly think: number };

export type ArrivalKind = ArrivalSketch["process"];

/** A random scenario as data: `runScenarioOf` (src/testing/scenario-sketch.ts) turns it into a run's inputs. */
export interface ScenarioSketch {
  readonly soc: string;
  /** Framework profile; undefined, or one the SoC file lacks, for the SoC's default. */
  readonly framework?: string;
  readonly apps: readonly {
    readonly model: string;
    readonly arrival: ArrivalSketch;
    /** Seconds; absent without an SLO. */
    readonly slo?: number;
    readonly maxQueue: number;
  }[];
  /** UI rendering at 60 Hz on the big cluster and its GPU. */
  readonly ui: boolean;
  /** A competing process on the big cluster. */
  readonly competing: boolean;
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

/**
 * Zoo models with fewer than 200 ops, so that a short run executes many of
 * them; ResNet-34 and RegNetX-1.6GF have NN-Stretch configurations.
 */
export const SMALL_ZOO_MODELS: readonly string[] = [
  "mobilenet-v1",
  "mobilenet-v2",
  "resnet18",
  "resnet34",
  "regnetx-1.6gf",
  "posenet",
  "yolov2",
  "fast-style-transfer",
  "efficientnet-lite0",
];

/** Framework profiles some bundled SoC file describes (Paddle-Lite is the one that drives the Kirin NPUs). */
export const BUNDLED_FRAMEWORKS: readonly string[] = [
  "mace",
  "tflite",
  "ncnn",
  "paddle-lite",
  "mnn",
];

const ALL_ARRIVALS: readonly ArrivalKind[] = ["periodic", "poisson", "bursty", "closed"];

/**
 * Random scenarios on bundled SoCs and zoo models: one to a few apps with
 * random arrival processes and SLOs, with or without UI and a competing
 * process, a short run. Shrinks towards fewer apps and simpler arrivals.
 */
export function scenarioArbitrary(
  constraints: ScenarioArbitraryConstraints = {},
): fc.Arbitrary<ScenarioSketch> {
  const socs = constraints.socs ?? BUNDLED_SOCS;
  const models = constraints.models ?? SMALL_ZOO_MODELS;
  const minApps = constraints.minApps ?? 1;
  const maxApps = constraints.maxApps ?? 3;
  const maxDurationS = constraints.maxDurationS ?? 0.4;
  const arrivals = constraints.arrivals ?? ALL_ARRIVALS;
  const frameworks = constraints.frameworks ?? BUNDLED_FRAMEWORKS;
  if (socs.length === 0) throw new Error("scenarioArbitrary: socs must name at least one SoC");
  if (models.length === 0)
    throw new Error("scenarioArbitrary: models must name at least one model");
  if (arrivals.length === 0)
    throw new Error("scenarioArbitrary: arrivals must name at least one process");
  if (!Number.isInteger(minApps) || minApps < 1)
    throw new Error(`scenarioArbitrary: minApps must be a positive integer, got ${minApps}`);
  if (!Number.isInteger(maxApps) || maxApps < minApps)
    throw new Error(
      `scenarioArbitrary: maxApps (${maxApps}) must be an integer no smaller than minApps (${minApps})`,
    );
  if (!(maxDurationS >= 0.004))
    throw new Error(
      `scenarioArbitrary: maxDurationS must be at least 0.004 s, got ${maxDurationS}`,
    );
  const app = fc
    .record(
      {
        model: fc.constantFrom(...models),
        arrival: arrivalArbitrary(arrivals),
        slo: fc.integer({ min: 5, max: 500 }).map((ms) => ms / 1000),
        maxQueue: fc.integer({ min: 1, max: 64 }),
      },
      { requiredKeys: ["model", "arrival", "maxQueue"] },
    )
    // A closed loop's requests all fit in its queue (the workload schema's rule).
    .map((drawn) =>
      drawn.arrival.process === "closed"
        ? { ...drawn, maxQueue: Math.max(drawn.maxQueue, drawn.arrival.outstanding) }
        : drawn,
    );
  return fc.record(
    {
      soc: fc.constantFrom(...socs),
      framework:
        frameworks.length === 0
          ? fc.constant(undefined)
          : fc.option(fc.constantFrom(...frameworks), { nil: undefined }),
      apps: fc.array(app, { minLength: minApps, maxLength: maxApps }),
      ui: fc.boolean(),
      competing: fc.boolean(),
      durationS: fc
        .integer({ min: 1, max: 4 })
        .map((quarters) => Math.round(maxDurationS * quarters * 250) / 1000),
      seed: fc.nat({ max: 1_000_000 }),
    },
    { requiredKeys: ["soc", "apps", "ui", "competing", "durationS", "seed"] },
  );
}

function arrivalArbitrary(kinds: readonly ArrivalKind[]): fc.Arbitrary<ArrivalSketch> {
  const byKind: Record<ArrivalKind, fc.Arbitrary<ArrivalSketch>> = {
    periodic: fc.integer({ min: 1, max: 60 }).map((fps) => ({ process: "periodic", fps })),
    poisson: fc.integer({ min: 1, max: 100 }).map((rate) => ({ process: "poisson", rate })),
    bursty: fc
      .record({
        rate: fc.integer({ min: 1, max: 200 }),
        onMs: fc.integer({ min: 1, max: 200 }),
        offMs: fc.integer({ min: 1, max: 500 }),
      })
      .map(({ rate, onMs, offMs }) => ({
        process: "bursty",
        rate,
        mean_on: onMs / 1000,
        mean_off: offMs / 1000,
      })),
    closed: fc
      .record({ outstanding: fc.integer({ min: 1, max: 3 }), thinkMs: fc.nat({ max: 50 }) })
      .map(({ outstanding, thinkMs }) => ({
        process: "closed",
        outstanding,
        think: thinkMs / 1000,
      })),
  };
  return fc.oneof(...kinds.map((kind) => byKind[kind]));
}
