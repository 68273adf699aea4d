import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { Document, visit } from "yaml";
import type { ScenarioSketch } from "./arbitraries/scenario.ts";
import { GENERATED } from "./generated.ts";
import { scenarioDocumentOf, socOfSketch, workloadDocumentOf } from "./scenario-sketch.ts";
import { socVariantFileName, socVariantText } from "./soc-variant.ts";

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
 * replays: `scenario.yaml`, `workload.yaml` and the SoC's file, all named
 * relative to the scenario, in `folder`. Returns the scenario file's path.
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
  writeFileSync(
    join(folder, "workload.yaml"),
    yamlWithGeneratedNumbers(workloadDocumentOf(sketch)),
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

function yamlWithGeneratedNumbers(data: Record<string, unknown>): string {
  const document = new Document(data);
  visit(document, {
    Scalar(_key, node) {
      const value = node.value;
      if (typeof value === "number" || (typeof value === "string" && /^[-+]?(\d|\.\d)/.test(value)))
        node.comment = GENERATED;
    },
  });
  return document.toString();
}
