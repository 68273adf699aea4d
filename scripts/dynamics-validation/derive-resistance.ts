/**
 * Re-derives the package → board resistance of the Snapdragon phones whose
 * files take it from a sourced sustained point: for each constraint, the
 * resistances at which back-to-back VGG-16 on the GPU (heat-up.ts) lands in
 * the sourced band, found by bisection on the heat-up itself, and what they
 * allow together. Every figure it prints rests on the SoC file's current
 * GPU costs and power, so rerun it when those move.
 * Run: npx tsx scripts/dynamics-validation/derive-resistance.ts [soc …] (about a minute a SoC).
 */
import { loadSoc, type SocSpec } from "../../src/device/index.ts";
import { type HeatUp, heatUp } from "./heat-up.ts";

/** Long enough for the board and skin to settle: the same hour docs/dynamics-validation.md runs. */
const SUSTAINED_S = 3600;
/** Bisection stops when the crossing is known to this width (K/W). */
const TOLERANCE = 0.005;
const SEARCH = { low: 2, high: 60 } as const;

interface Constraint {
  /** Where the band comes from (a key of the SoC file's `sources:`, and what it says). */
  readonly source: string;
  readonly ambientC: number;
  readonly low: number;
  readonly high: number;
  readonly unit: string;
  /** The heat-up's figure the band bounds; it falls as the resistance rises. */
  readonly measure: (run: HeatUp) => number;
}

/** Inference rate over the last minute against the first ten seconds. */
const performanceKept = (run: HeatUp) => run.inferencesPerSecondEnd / run.inferencesPerSecondStart;
/** The device's settled power less the platform's idle floor. */
const socPower = (run: HeatUp) => run.settledPowerW - run.startBreakdownW.platform;

const SOC_POWER_X2 = {
  source: "X2: AnandTech, Xiaomi Mi MIX 2S review p.3 (phones sustain 3–3.5 W of SoC power, 22 °C)",
  ambientC: 22,
  low: 3,
  high: 3.5,
  unit: "W",
  measure: socPower,
} as const satisfies Constraint;

const DERIVATIONS: Record<string, readonly Constraint[]> = {
  "snapdragon-855": [
    {
      source:
        "X1: AVMagazine, Xiaomi Mi 9 review p.2 (stress runs lose 15–30 % of their performance, 26 °C room)",
      ambientC: 26,
      low: 0.7,
      high: 0.85,
      unit: "of the start rate",
      measure: performanceKept,
    },
    SOC_POWER_X2,
  ],
  "snapdragon-865": [SOC_POWER_X2],
};

/** The SoC with its package → board link at `resistance` K/W. */
function withPackageToBoard(soc: SocSpec, resistance: number): SocSpec {
  const isPackageToBoard = (between: readonly [string, string]) =>
    between.includes("package") && between.includes("board");
  if (!soc.thermal.links.some((link) => isPackageToBoard(link.between)))
    throw new Error(`${soc.id} has no package → board link`);
  return {
    ...soc,
    thermal: {
      ...soc.thermal,
      links: soc.thermal.links.map((link) =>
        isPackageToBoard(link.between) ? { ...link, resistance } : link,
      ),
    },
  };
}

/**
 * The smallest resistance at which `measure` is at most `bound` (the
 * figure falls as the resistance rises), or null when the search range
 * never (or always) meets it.
 */
function crossing(soc: SocSpec, constraint: Constraint, bound: number): number | null {
  const value = (resistance: number) =>
    constraint.measure(
      heatUp(withPackageToBoard(soc, resistance), SUSTAINED_S, { ambientC: constraint.ambientC }),
    );
  let low: number = SEARCH.low;
  let high: number = SEARCH.high;
  if (value(low) <= bound || value(high) > bound) return null;
  while (high - low > TOLERANCE) {
    const middle = (low + high) / 2;
    if (value(middle) <= bound) high = middle;
    else low = middle;
  }
  return high;
}

const kw = (resistance: number) => `${resistance.toFixed(2)} K/W`;

function derive(socId: string): void {
  const soc = loadSoc(socId);
  const current = soc.thermal.links.find(
    (link) => link.between.includes("package") && link.between.includes("board"),
  )?.resistance;
  console.log(`${socId} (package → board now ${current} K/W)`);
  let from: number = SEARCH.low;
  let to: number = SEARCH.high;
  for (const constraint of DERIVATIONS[socId] ?? []) {
    // At or under `high` from this resistance up; at or over `low` below the one where it falls under it.
    const atMostHigh = crossing(soc, constraint, constraint.high) ?? SEARCH.low;
    const underLow = crossing(soc, constraint, constraint.low - 1e-9) ?? SEARCH.high;
    console.log(
      `  ${constraint.source}: ${constraint.low}–${constraint.high} ${constraint.unit} at ${constraint.ambientC} °C needs ${kw(atMostHigh)} to ${kw(underLow)}`,
    );
    from = Math.max(from, atMostHigh);
    to = Math.min(to, underLow);
  }
  console.log(
    from <= to
      ? `  together: ${kw(from)} to ${kw(to)}, middle ${kw((from + to) / 2)}`
      : `  together: empty (${kw(from)} is above ${kw(to)})`,
  );
}

const requested = process.argv.slice(2);
for (const socId of requested.length > 0 ? requested : Object.keys(DERIVATIONS)) {
  if (DERIVATIONS[socId] === undefined)
    throw new Error(`no derivation for "${socId}" (known: ${Object.keys(DERIVATIONS).join(", ")})`);
  derive(socId);
}
