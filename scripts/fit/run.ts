import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median } from "../../src/core/index.ts";
import { bundledSocIds, loadSoc, type SocSpec } from "../../src/device/index.ts";
import { predictMs, prepareRow, setAt } from "./evaluate.ts";
import { applyValues, type FitMethod, fitParameters, rowMs, setupFit } from "./fit.ts";
import { PARAMETERS } from "./parameters.ts";
import { calibrationReport } from "./report.ts";
import { residualReport } from "./residuals.ts";
import { CALIBRATION_ROWS, type CalibrationRow, sourceOf } from "./rows.ts";
import { readSecondSet } from "./rows-set-2.ts";
import { relativeError, shareWithin, worst } from "./statistics.ts";
import { chooseTiles } from "./tiles.ts";
import { fittedTexts, rounded } from "./write-socs.ts";

/**
 * `npm run fit`: fits the device model to the calibration set, writes the
 * coefficients into socs/*.yaml and the report into docs/calibration.md.
 * `npm run fit -- --check`: fits, writes nothing, and fails when a SoC file
 * differs from what the fit produces.
 * `npm run fit -- --dry-run`: fits and leaves each model family out, writes
 * nothing, and prints the medians (for trying a structural change).
 * `npm run fit -- --in-sample`: fits once, writes nothing, and prints the
 * in-sample median per model family (a quick look before the folds).
 * `npm run fit -- --residuals`: fits once, writes nothing, and prints signed
 * residuals grouped by configuration and by what dominates each row's time.
 */
const check = process.argv.includes("--check");
const dryRun = process.argv.includes("--dry-run");
const inSampleOnly = process.argv.includes("--in-sample");
const residuals = process.argv.includes("--residuals");
const REPORT = fileURLToPath(new URL("../../docs/calibration.md", import.meta.url));

// Copies: the fit writes coefficients into them, and loadSoc hands out one frozen spec per file.
const socs = new Map<string, SocSpec>(
  bundledSocIds().map((id) => [id, structuredClone(loadSoc(id))]),
);
const secondSet = readSecondSet(
  new Map(
    [...socs].map(([id, soc]) => [
      id,
      new Map(
        Object.entries(soc.frameworks).map(([name, profile]) => [
          name,
          [
            "cpu",
            ...Object.keys(soc.processors).filter(
              (processor) => soc.processors[processor]!.kind in profile.backends,
            ),
          ],
        ]),
      ),
    ]),
  ),
);
const ROWS = [...CALIBRATION_ROWS, ...secondSet.rows];
const missing = [...new Set(ROWS.map((row) => row.soc))].filter((id) => !socs.has(id));
if (missing.length > 0) {
  process.stderr.write(
    `fit: calibration rows name SoCs with no file in socs/: ${missing.join(", ")}\n`,
  );
  process.exit(1);
}

// Tiles are chosen with every fitted coefficient at its prior, so the choice
// does not depend on the values the previous fit wrote (the fit stays a
// fixed point and `--check` reproduces it).
const atPriors = structuredClone(loadSoc("snapdragon-855"));
for (const parameter of PARAMETERS) {
  for (const path of parameter.sites(atPriors)) setAt(atPriors, path, parameter.initial);
}
const tiles = chooseTiles(atPriors);
for (const soc of socs.values()) {
  for (const tile of tiles) {
    const backend = soc.frameworks.mace?.backends[tile.backend];
    if (backend) (backend.tile as Record<string, number>)[tile.field] = tile.value;
  }
}
const setup = setupFit(socs, ROWS, PARAMETERS);
/**
 * How rows count: a Huber loss on the log residuals with its scale from the
 * least-squares fit's own residuals (issue 18's sixth round; the variants
 * tried and their figures are in docs/calibration.md).
 */
const METHOD: FitMethod = { loss: { kind: "huber", scale: "mad" } };
const started = performance.now();
const outcome = fitParameters(setup, METHOD);
const writtenValues = Float64Array.from(outcome.values, (value, index) =>
  rounded(PARAMETERS[index]!, value),
);
applyValues(setup, writtenValues);
const result = {
  ...outcome,
  values: writtenValues,
  predictedMs: Float64Array.from(setup.rows, (prepared) => rowMs(setup, prepared, writtenValues)),
};
const texts = fittedTexts(setup, result, tiles);
// Upper bounds are priced with the written coefficients (already applied to the specs).
const upperBounds = secondSet.upperBounds.map((row) => ({
  row,
  predictedMs: predictMs(prepareRow(socs.get(row.soc)!, row)),
}));
const fitSeconds = (performance.now() - started) / 1e3;

if (check) {
  const stale = [...texts]
    .filter(([file, text]) => readFileSync(file, "utf8") !== text)
    .map(([file]) => file);
  if (stale.length > 0) {
    process.stderr.write(
      `fit --check: these SoC files differ from what the fit produces (run npm run fit):\n  ${stale.join("\n  ")}\n`,
    );
    process.exit(1);
  }
  process.stdout.write(
    `fit --check: ${texts.size} SoC files match the fit (${fitSeconds.toFixed(1)} s)\n`,
  );
  process.exit(0);
}

if (residuals) {
  process.stdout.write(residualReport(setup, result.values, result.predictedMs));
  process.exit(0);
}

if (inSampleOnly) {
  const all = setup.rows.map((_, index) => index);
  for (const family of new Set(setup.rows.map((prepared) => prepared.row.family))) {
    const indices = all.filter((index) => setup.rows[index]!.row.family === family);
    const errors = absoluteErrors(setup, result.predictedMs, indices);
    process.stdout.write(
      `${family}: ${indices.length} rows, median ${percent(median(errors))}, worst ${percent(worst(errors))}\n`,
    );
  }
  for (const index of all) {
    const { row } = setup.rows[index]!;
    const error = relativeError(result.predictedMs[index]!, row.measuredMs);
    if (Math.abs(error) > 0.25)
      process.stdout.write(
        `  ${row.section} ${row.soc} ${row.framework} ${row.processor} ${row.threads ?? ""} ${row.model} ${row.dtype}: ${percent(error)}\n`,
      );
  }
  const errors = absoluteErrors(setup, result.predictedMs, all);
  process.stdout.write(
    `all: ${all.length} rows, in-sample median ${percent(median(errors))}, within ±15 % ${percent(shareWithin(errors, 0.15))}, worst ${percent(worst(errors))} (${fitSeconds.toFixed(1)} s)\n`,
  );
  process.exit(0);
}

/** Predictions of each row by fits that never saw the rows sharing its `key`. */
function leaveOut(key: (row: CalibrationRow) => string, label: string): Float64Array {
  const predicted = new Float64Array(setup.rows.length);
  for (const group of new Set(setup.rows.map((prepared) => key(prepared.row)))) {
    const fold = fitParameters(setup, METHOD, (row) => key(row) !== group);
    setup.rows.forEach((prepared, index) => {
      if (key(prepared.row) === group) predicted[index] = fold.predictedMs[index]!;
    });
    process.stderr.write(`fit: left out ${label} ${group}\n`);
  }
  return predicted;
}

const leaveOneOut = leaveOut((row) => row.family, "family");
const leaveOneSourceOut = dryRun ? leaveOneOut : leaveOut(sourceOf, "source");

if (dryRun) {
  const groups = [
    ["all rows", () => true],
    ["cpu rows", (processor: string) => processor === "cpu"],
    ["accelerator rows", (processor: string) => processor !== "cpu"],
  ] as const;
  for (const [name, keep] of groups) {
    const indices = setup.rows.flatMap((prepared, index) =>
      keep(prepared.row.processor) ? [index] : [],
    );
    const inSample = absoluteErrors(setup, result.predictedMs, indices);
    const unseen = absoluteErrors(setup, leaveOneOut, indices);
    process.stdout.write(
      `${name}: ${indices.length} rows, ${PARAMETERS.length} parameters; in-sample median ${percent(median(inSample))}, ` +
        `leave-one-family-out median ${percent(median(unseen))}, within ±15 % ${percent(shareWithin(unseen, 0.15))}, worst ${percent(worst(unseen))}\n`,
    );
  }
  process.exit(0);
}

for (const [file, text] of texts) writeFileSync(file, text);
writeFileSync(
  REPORT,
  calibrationReport({
    setup,
    method: METHOD,
    outcome: result,
    leaveOneOut,
    leaveOneSourceOut,
    tiles,
    secondSet,
    upperBounds,
    firstSetRows: CALIBRATION_ROWS.length,
    fitSeconds,
    totalSeconds: (performance.now() - started) / 1e3,
  }),
);
process.stdout.write(
  `fit: ${setup.rows.length} rows, ${PARAMETERS.length} parameters; wrote ${texts.size} SoC files and docs/calibration.md\n`,
);

function absoluteErrors(
  fit: typeof setup,
  predictedMs: ArrayLike<number>,
  indices: readonly number[],
): number[] {
  return indices.map((index) =>
    Math.abs(relativeError(predictedMs[index]!, fit.rows[index]!.row.measuredMs)),
  );
}

function percent(share: number): string {
  return `${(100 * share).toFixed(1)} %`;
}
