import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { similarityTraceFile } from "./load-reuse.ts";
import type { LoadedScenario } from "./load-scenario.ts";

/** The files a run reads (scenario, workload, model and trace files): an output folder may hold none of them. */
export function runInputs(scenario: LoadedScenario): string[] {
  const workloadFolder = dirname(scenario.workloadFile);
  const inputs = [scenario.file, scenario.workloadFile];
  for (const app of scenario.workload.apps) {
    const model = resolve(workloadFolder, app.model);
    if (existsSync(model)) inputs.push(model);
    if (app.arrival.process === "trace") inputs.push(resolve(workloadFolder, app.arrival.file));
    if (app.reuse?.similarity.process === "trace")
      inputs.push(similarityTraceFile(scenario.workloadFile, app.reuse.similarity.file));
  }
  return inputs;
}
