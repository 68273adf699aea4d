import { dirname, resolve } from "node:path";
import { InputError } from "../../core/index.ts";
import type { LoadedScenario } from "../load-scenario.ts";
import { runInputs } from "../run-inputs.ts";
import { AxisPathError, loadSweepRun } from "./sweep-run.ts";

/**
 * What loading the base scenario with some axis values set found: the
 * files it read, or why it failed. Plain data, so that a pool worker can
 * check values in parallel and hand the answer back.
 */
export type CheckOutcome =
  | { readonly inputs: readonly string[] }
  /** The path reaches no field. */
  | { readonly noSuchField: string }
  /** A schema or semantic check refused the value. */
  | { readonly refused: string };

export async function checkAxisValues(
  baseFile: string,
  axes: Readonly<Record<string, unknown>>,
): Promise<CheckOutcome> {
  try {
    return { inputs: scenarioInputs(await loadSweepRun(baseFile, axes)) };
  } catch (error) {
    if (error instanceof AxisPathError) return { noSuchField: error.message };
    if (error instanceof InputError) {
      return {
        refused: error.field === undefined ? error.detail : `${error.field}: ${error.detail}`,
      };
    }
    throw error;
  }
}

/** Every file a run of `scenario` reads: its own, workload, models, traces, SoC and policy modules. */
export function scenarioInputs(scenario: LoadedScenario): string[] {
  const modules = scenario.schedulers.flatMap((choice) =>
    choice.module === undefined ? [] : [resolve(dirname(scenario.file), choice.module)],
  );
  return [...runInputs(scenario), scenario.soc.file, ...modules];
}
