import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-streams-"));
let counter = 0;

/**
 * Mean latency of `streams` apps running `model` closed-loop (one request at
 * a time, no think time) on one processor through `scheduler`: the seed
 * study's "competing requests" are the other streams' requests.
 */
export async function streamsLatencyMs(
  soc: string,
  model: string,
  dtype: string,
  scheduler: string,
  streams: number,
  whatIf: readonly string[] = [],
  durationS = 6,
): Promise<number> {
  const id = counter++;
  const apps = Array.from(
    { length: streams },
    (_, index) =>
      `  - { name: s${index}, model: ${model}, dtype: ${dtype}, arrival: { process: closed, outstanding: 1 } }`,
  );
  writeFileSync(
    join(folder, `w${id}.yaml`),
    `kind: workload\nname: w${id}\napps:\n${apps.join("\n")}\n`,
  );
  const lines = [
    "kind: scenario",
    `name: s${id}`,
    `soc: ${soc}`,
    `workload: w${id}.yaml`,
    `schedulers: [${scheduler}]`,
    `duration: ${durationS} s`,
    "warmup: 1 s",
    "seed: 1",
    ...(whatIf.length > 0 ? ["what_if:", ...whatIf.map((line) => `  ${line}`)] : []),
  ];
  const file = join(folder, `s${id}.yaml`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  const { results } = runExperiment(await loadScenario(file), { seed: 1, trace: false });
  const models = results.runs[0]!.models;
  let total = 0;
  let count = 0;
  for (const entry of models) {
    const mean = entry.latency_ms.mean;
    if (mean === null) continue;
    total += mean * entry.completed;
    count += entry.completed;
  }
  return total / count;
}
