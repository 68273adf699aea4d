import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import type { ScenarioSketch } from "./arbitraries/scenario.ts";
import { scenarioDocumentOf, socOfSketch, workloadDocumentOf } from "./scenario-sketch.ts";
import { socVariantFileName, socVariantText } from "./soc-variant.ts";
import { writeModel, yamlWithGeneratedNumbers } from "./write-model.ts";

export { GENERATED } from "./generated.ts";

/** A scheduler entry of a written scenario: a built-in name, or a user's module. */
export interface WrittenScheduler {
  readonly name: string;
  /** The policy module, absolute or relative to the working directory; written relative to the scenario. */
  readonly module?: string;
  readonly params?: Record<string, unknown>;
}

/**
 * Writes a sketch as files `socsim validate` accepts and `socsim run`
 * replays: `scenario.yaml`, `workload.yaml`, the SoC's file and, for each
 * app with a generated graph, `model-<app>.yaml`, all named relative to the
 * scenario, in `folder`. Returns the scenario file's path.
 */
export function writeScenario(
  sketch: ScenarioSketch,
  folder: string,
  schedulers: readonly WrittenScheduler[],
): string {
  mkdirSync(folder, { recursive: true });
  const soc = socOfSketch(sketch);
  const variant = sketch.socVariant;
  const socFile = variant === undefined ? basename(soc.file) : socVariantFileName(variant);
  if (variant === undefined) copyFileSync(soc.file, join(folder, socFile));
  else writeFileSync(join(folder, socFile), socVariantText(variant));
  const modelFiles = sketch.apps.map((app, index) => {
    if (app.graph === undefined) return undefined;
    writeModel(app.graph, join(folder, `model-app${index}.yaml`));
    return `./model-app${index}.yaml`;
  });
  writeFileSync(
    join(folder, "workload.yaml"),
    yamlWithGeneratedNumbers(workloadDocumentOf(sketch, modelFiles)),
  );
  const entries = schedulers.map((scheduler) =>
    scheduler.module === undefined && scheduler.params === undefined
      ? scheduler.name
      : {
          name: scheduler.name,
          ...(scheduler.module === undefined
            ? {}
            : { module: moduleFrom(folder, scheduler.module) }),
          ...(scheduler.params === undefined ? {} : { params: scheduler.params }),
        },
  );
  const scenario = scenarioDocumentOf(sketch, soc, {
    soc: `./${socFile}`,
    workload: "./workload.yaml",
    schedulers: entries,
  });
  const file = join(folder, "scenario.yaml");
  writeFileSync(file, yamlWithGeneratedNumbers(scenario));
  return file;
}

/** A module path as the scenario file names it: relative, starting with ./ or ../ (forward slashes). */
function moduleFrom(folder: string, module: string): string {
  const path = relative(resolve(folder), resolve(module)).split("\\").join("/");
  return path.startsWith(".") ? path : `./${path}`;
}
