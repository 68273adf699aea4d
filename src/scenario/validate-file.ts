import { readYamlFile } from "../core/index.ts";
import { loadSoc } from "../device/index.ts";
import { loadModelFile } from "../graph/index.ts";
import { loadScenario, loadWorkload } from "./load-scenario.ts";

/**
 * Checks any socsim YAML file against the schema and semantics of its
 * `kind:`; throws the first InputError found.
 */
export function validateFile(file: string): void {
  const { kind } = readYamlFile(file);
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
      loadScenario(file);
      return;
    default:
      throw new Error(`validating kind "${kind}" is not implemented yet`);
  }
}
