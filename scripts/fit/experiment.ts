import { bundledSocIds, loadSoc, type SocSpec } from "../../src/device/index.ts";
import { setAt } from "./evaluate.ts";
import { fitParameters, setupFit } from "./fit.ts";
import { PARAMETERS } from "./parameters.ts";
import { CALIBRATION_ROWS } from "./rows.ts";
import { chooseTiles } from "./tiles.ts";

/** Throwaway: fit + leave-one-model-out summary, writes nothing. */
const socs = new Map<string, SocSpec>(bundledSocIds().map((id) => [id, loadSoc(id)]));
const atPriors = loadSoc("snapdragon-855");
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
const setup = setupFit(socs, CALIBRATION_ROWS, PARAMETERS);
const full = fitParameters(setup);
const lomo = new Float64Array(setup.rows.length);
const families = [...new Set(setup.rows.map((p) => p.row.family))];
for (const family of families) {
  const fold = fitParameters(setup, (row) => row.family !== family);
  setup.rows.forEach((p, i) => {
    if (p.row.family === family) lomo[i] = fold.predictedMs[i]!;
  });
}
const err = (pred: ArrayLike<number>, i: number) => pred[i]! / setup.rows[i]!.row.measuredMs - 1;
const med = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const idx = setup.rows.map((_, i) => i);
const abs = (pred: ArrayLike<number>, sel: number[]) => sel.map((i) => Math.abs(err(pred, i)));
const pct = (x: number) => `${(100 * x).toFixed(1)}`;
const verbose = process.argv.includes("-v");
if (verbose) {
  for (const i of idx) {
    const r = setup.rows[i]!.row;
    process.stdout.write(
      `${r.section} ${r.soc} ${r.framework} ${r.processor}${r.threads ?? ""} ${r.model} ${r.dtype} in=${pct(err(full.predictedMs, i))} lomo=${pct(err(lomo, i))}\n`,
    );
  }
  PARAMETERS.forEach((p, i) => {
    process.stdout.write(`  ${p.name} = ${full.values[i]!.toPrecision(3)}\n`);
  });
}
const groups: Record<string, number[]> = { all: idx };
for (const k of ["cpu", "gpu"])
  groups[k] = idx.filter((i) => (setup.rows[i]!.row.processor === "cpu") === (k === "cpu"));
for (const [name, sel] of Object.entries(groups)) {
  const a = abs(full.predictedMs, sel);
  const l = abs(lomo, sel);
  process.stdout.write(
    `${name}: rows ${sel.length} params ${PARAMETERS.length} in-sample med ${pct(med(a))} | LOMO med ${pct(med(l))} worst ${pct(Math.max(...l))}\n`,
  );
}
