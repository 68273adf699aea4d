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

export const ALL_ARRIVALS: readonly ArrivalKind[] = ["periodic", "poisson", "bursty", "closed"];

export interface ArrivalArbitraryConstraints {
  /** Processes to draw from (default: all four; the first shrinks best). */
  readonly kinds?: readonly ArrivalKind[];
}

/**
 * Arrival processes: periodic 1-60 fps, Poisson 1-100 /s, bursty (1-200 /s
 * in bursts of 1-200 ms between 1-500 ms pauses), closed loop (1-3
 * outstanding, 0-50 ms think time).
 */
export function arrivalArbitrary(
  constraints: ArrivalArbitraryConstraints = {},
): fc.Arbitrary<ArrivalSketch> {
  const kinds = constraints.kinds ?? ALL_ARRIVALS;
  if (kinds.length === 0) throw new Error("arrivalArbitrary: kinds must name at least one process");
  const unknown = kinds.find((kind) => !ALL_ARRIVALS.includes(kind));
  if (unknown !== undefined)
    throw new Error(
      `arrivalArbitrary: unknown process "${unknown}" (known: ${ALL_ARRIVALS.join(", ")})`,
    );
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
