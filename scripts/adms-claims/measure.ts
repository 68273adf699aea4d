import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PlanRefusedError } from "../../src/runtime/policy-error.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";
import { SCHEDULERS } from "../../src/sched/index.ts";
import { DURATION_S, type Mix, WARMUP_S, workloadYaml } from "./mixes.ts";

/** One policy's figures on one mix, phone and seed; null where the policy refused the phone or a figure is undefined. */
export interface ClaimFigures {
  readonly policy: string;
  /** Open loop: the mean over apps of each app's mean latency (ms); null when an app completed nothing. */
  readonly multiDnnLatencyMs: number | null;
  /** Closed loop, one request outstanding per app: completed inferences per second, all apps. */
  readonly throughputFps: number;
  /** Closed loop: completed inferences per joule of the whole phone. */
  readonly inferencesPerJoule: number;
}

const folder = mkdtempSync(join(tmpdir(), "socsim-adms-claims-"));
let files = 0;

async function scenarioOf(
  mix: Mix,
  loop: "open" | "closed",
  soc: string,
  seed: number,
  durationS: number,
) {
  const id = files++;
  writeFileSync(join(folder, `w${id}.yaml`), workloadYaml(mix, loop));
  const scenario = [
    "kind: scenario",
    `name: adms-${mix.name}-${loop}`,
    `soc: ${soc}`,
    `workload: w${id}.yaml`,
    "schedulers: [adms]",
    "framework: tflite",
    `duration: ${durationS + WARMUP_S} s`,
    `warmup: ${WARMUP_S} s`,
    `seed: ${seed}`,
  ].join("\n");
  writeFileSync(join(folder, `s${id}.yaml`), `${scenario}\n`);
  return loadScenario(join(folder, `s${id}.yaml`));
}

function runOf(scenario: Awaited<ReturnType<typeof scenarioOf>>, policy: string, seed: number) {
  const choice = { name: policy, label: policy, params: {}, factory: SCHEDULERS.get(policy) };
  try {
    return simulateRun(scenario, choice, seed).result;
  } catch (error) {
    if (error instanceof PlanRefusedError) return null;
    throw error;
  }
}

/** Every policy's figures on one mix, phone and seed; a policy that refuses the phone is left out. */
export async function measureMix(
  mix: Mix,
  soc: string,
  seed: number,
  policies: readonly string[],
  durationS = DURATION_S,
): Promise<ClaimFigures[]> {
  const open = await scenarioOf(mix, "open", soc, seed, durationS);
  const closed = await scenarioOf(mix, "closed", soc, seed, durationS);
  const figures: ClaimFigures[] = [];
  for (const policy of policies) {
    const openRun = runOf(open, policy, seed);
    const closedRun = runOf(closed, policy, seed);
    if (openRun === null || closedRun === null) continue;
    const means = openRun.models.map((model) => model.latency_ms.mean);
    const completed = closedRun.models.reduce((sum, model) => sum + model.completed, 0);
    figures.push({
      policy,
      multiDnnLatencyMs: means.includes(null)
        ? null
        : (means as number[]).reduce((a, b) => a + b, 0) / means.length,
      throughputFps: closedRun.models.reduce((sum, model) => sum + model.throughput_fps, 0),
      inferencesPerJoule: completed / closedRun.energy_j,
    });
  }
  return figures;
}
