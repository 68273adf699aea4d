import { readYamlFile } from "../core/index.ts";
import { loadScenario, loadWorkload } from "./load-scenario.ts";

/**
 * Checks any socsim YAML file against the schema and semantics of its
 * `kind:`; throws the first InputError found.
 */
export function validateFile(file: string): void {
  const { kind } = readYamlFile(file);
  switch (kind) {
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
