import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-dynamics-"));
let counter = 0;

/** One model run alone at a low rate under a what-if: its mean latency and the run's external heat. */
export interface SigmaRun {
  readonly meanLatencyMs: number;
  readonly externalHeatJ: number;
  readonly energyJ: number;
}

/**
 * The seed study's σ conditions as a socsim scenario: one app of `model` at
 * 1 fps (each inference alone on the device) under `scheduler` on the
 * Snapdragon 855, `whatIf` as YAML lines under `what_if:`, `competing` as
 * YAML flow maps under the workload's `competing:`.
 */
export async function sigmaRun(
  model: string,
  scheduler: string,
  whatIf: readonly string[],
  durationS = 12,
  competing: readonly string[] = [],
  dtype = "fp16",
): Promise<SigmaRun> {
  const id = counter++;
  const competingLines =
    competing.length > 0 ? ["competing:", ...competing.map((load) => `  - ${load}`)] : [];
  writeFileSync(
    join(folder, `w${id}.yaml`),
    [
      "kind: workload",
      `name: w${id}`,
      "apps:",
      "  - name: probe",
      `    model: ${model}`,
      `    dtype: ${dtype}`,
      "    arrival: { process: periodic, fps: 1 }",
      ...competingLines,
      "",
    ].join("\n"),
  );
  const lines = [
    "kind: scenario",
    `name: s${id}`,
    "soc: snapdragon-855",
    `workload: w${id}.yaml`,
    `schedulers: [${scheduler}]`,
    `duration: ${durationS} s`,
    "warmup: 2 s",
    "seed: 1",
    ...(whatIf.length > 0 ? ["what_if:", ...whatIf.map((line) => `  ${line}`)] : []),
  ];
  const file = join(folder, `s${id}.yaml`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  const { results } = runExperiment(await loadScenario(file), { seed: 1, trace: false });
  const run = results.runs[0]!;
  return {
    meanLatencyMs: run.models[0]!.latency_ms?.mean ?? Number.NaN,
    externalHeatJ: run.external_heat_j,
    energyJ: run.energy_j,
  };
}

/** Every SD855 domain pinned at its top point, as what-if lines. */
export const PINNED_SD855 = [
  "governors: { cpu-prime: performance, cpu-big: performance, cpu-little: performance, gpu: performance, dsp: performance }",
];
