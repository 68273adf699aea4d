import fc from "fast-check";
import { nearestName } from "../../core/index.ts";
import type { Graph } from "../../graph/index.ts";
import { ZOO } from "../../graph/zoo/index.ts";
import { ALL_ARRIVALS, type ArrivalKind, type ArrivalSketch, arrivalArbitrary } from "./arrival.ts";

/** One app of a workload: a zoo model, its arrivals, its SLO and its queue. */
export interface AppSketch {
  readonly model: string;
  /**
   * A generated model graph (graphArbitrary) run instead of the zoo model:
   * writeScenario writes it as a model file beside the workload.
   */
  readonly graph?: Graph;
  readonly arrival: ArrivalSketch;
  /** Seconds; absent without an SLO. */
  readonly slo?: number;
  readonly maxQueue: number;
  /** The app's `threads:`; absent for the framework's own. */
  readonly threads?: number;
  /** The app's `queue_window:` (kernels in an accelerator's queue at once); absent for a slice's all. */
  readonly queueWindow?: number;
}

/** A workload as data: the apps, and the load that competes with them. */
export interface WorkloadSketch {
  readonly apps: readonly AppSketch[];
  /** UI rendering at 60 Hz on the big cluster and its GPU. */
  readonly ui: boolean;
  /** A competing process on the big cluster. */
  readonly competing: boolean;
}

export interface WorkloadArbitraryConstraints {
  /** Zoo model ids to draw from (default: SMALL_ZOO_MODELS). */
  readonly models?: readonly string[];
  /** Fewest apps (default 1). */
  readonly minApps?: number;
  /** Most apps (default 3). */
  readonly maxApps?: number;
  /** Arrival processes to draw from (default: all four). */
  readonly arrivals?: readonly ArrivalKind[];
  /**
   * Most threads an app's `threads:` may name (default 8: oversubscribes the
   * framework's clusters on every bundled SoC, within four per core of the
   * smallest); an app names none half the time. 0: no app names any.
   */
  readonly maxThreads?: number;
}

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

/**
 * Workloads: one to a few apps with random arrival processes (closed loop
 * included), SLOs of 5-500 ms or none, queues of 1-64, a thread count or the
 * framework's, a queue window of 1-8 kernels or none, with or without UI
 * rendering and a competing process. Shrinks towards fewer apps and
 * simpler arrivals.
 */
export function workloadArbitrary(
  constraints: WorkloadArbitraryConstraints = {},
): fc.Arbitrary<WorkloadSketch> {
  const models = constraints.models ?? SMALL_ZOO_MODELS;
  const minApps = constraints.minApps ?? 1;
  const maxApps = constraints.maxApps ?? 3;
  const arrivals = constraints.arrivals ?? ALL_ARRIVALS;
  const maxThreads = constraints.maxThreads ?? 8;
  if (models.length === 0)
    throw new Error("workloadArbitrary: models must name at least one model");
  const unknownModel = models.find((model) => !ZOO.has(model));
  if (unknownModel !== undefined) {
    const nearest = nearestName(unknownModel, ZOO.names());
    throw new Error(
      `workloadArbitrary: models names "${unknownModel}", which is no zoo model${nearest === undefined ? "" : ` (did you mean "${nearest}"?)`}`,
    );
  }
  if (arrivals.length === 0)
    throw new Error("workloadArbitrary: arrivals must name at least one process");
  if (!Number.isInteger(minApps) || minApps < 1)
    throw new Error(`workloadArbitrary: minApps must be a positive integer, got ${minApps}`);
  if (!Number.isInteger(maxThreads) || maxThreads < 0)
    throw new Error(
      `workloadArbitrary: maxThreads must be a non-negative integer, got ${maxThreads}`,
    );
  if (!Number.isInteger(maxApps) || maxApps < minApps)
    throw new Error(
      `workloadArbitrary: maxApps (${maxApps}) must be an integer no smaller than minApps (${minApps})`,
    );
  const app = fc
    .record(
      {
        model: fc.constantFrom(...models),
        arrival: arrivalArbitrary({ kinds: arrivals }),
        slo: fc.integer({ min: 5, max: 500 }).map((ms) => ms / 1000),
        maxQueue: fc.integer({ min: 1, max: 64 }),
        // Left out half the time by fc.record; dropped below when maxThreads is 0.
        threads: fc.integer({ min: 1, max: Math.max(1, maxThreads) }),
        queueWindow: fc.integer({ min: 1, max: 8 }),
      },
      { requiredKeys: ["model", "arrival", "maxQueue"] },
    )
    .map(
      ({ threads, ...drawn }): AppSketch => ({
        ...drawn,
        // A closed loop's requests all fit in its queue (the workload schema's rule).
        ...(drawn.arrival.process === "closed" && {
          maxQueue: Math.max(drawn.maxQueue, drawn.arrival.outstanding),
        }),
        ...(threads !== undefined && maxThreads > 0 && { threads }),
      }),
    );
  return fc.record({
    apps: fc.array(app, { minLength: minApps, maxLength: maxApps }),
    ui: fc.boolean(),
    competing: fc.boolean(),
  });
}
