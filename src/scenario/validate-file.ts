import { readYamlFile } from "../core/index.ts";
import { loadSoc } from "../device/index.ts";
import { loadModelFile } from "../graph/index.ts";
import { loadScenario, loadWorkload } from "./load-scenario.ts";
import { loadSweep } from "./sweep/load-sweep.ts";

/**
 * Checks any socsim YAML file against the schema and semantics of its
 * `kind:`; throws the first InputError found.
 */
export async function validateFile(file: string): Promise<void> {
  const source = readYamlFile(file);
  const kind = source.kind;
  switch (kind) {
    case "soc":
      loadSoc(file);
      return;
    case "model":
      loadModelFile(file);
      return;
    case "workload":
      loadWorkload(file);
      return;
    case "scenario":
      await loadScenario(file);
      return;
    case "sweep":
      await loadSweep(file);
      return;
    default:
      throw source.errorAt(["kind"], `"${kind}" files are not supported`);
  }
}
