import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { nearestName, type YamlSource } from "../core/index.ts";
import type { Graph } from "../graph/index.ts";
import { readSimilarityTrace } from "../workload/similarity.ts";
import type { WorkloadSpec } from "../workload/workload-schema.ts";

/**
 * What the schema cannot check of the apps' `reuse:` blocks: a layer prefix
 * names an op of the app's model, a similarity trace exists and holds
 * similarities, a closed loop's frames take time. Returns the traces read,
 * by app name.
 */
export function loadReuse(
  source: YamlSource,
  file: string,
  workload: WorkloadSpec,
  graphs: readonly Graph[],
): Map<string, number[]> {
  const traces = new Map<string, number[]>();
  for (const [index, app] of workload.apps.entries()) {
    const reuse = app.reuse;
    if (reuse === undefined || reuse.level === "off") continue;
    const arrival = app.arrival;
    if (arrival.process === "closed" && arrival.think === 0 && reuse.check_per_element === 0)
      throw source.errorAt(
        ["apps", index, "reuse", "check_per_element"],
        "a closed loop with no think time needs a check that takes time: reused frames would end, and be re-issued, without time moving",
      );
    if (typeof reuse.prefix === "string") {
      const names = graphs[index]!.ops.map((op) => op.name);
      if (!names.includes(reuse.prefix)) {
        // A model has hundreds of ops: the nearest name, not the list.
        const nearest = nearestName(reuse.prefix, names);
        throw source.errorAt(
          ["apps", index, "reuse", "prefix"],
          `${app.model} has no op "${reuse.prefix}"${nearest ? ` (did you mean "${nearest}"?)` : ""}`,
        );
      }
    }
    if (reuse.similarity.process !== "trace") continue;
    const trace = similarityTraceFile(file, reuse.similarity.file);
    if (!existsSync(trace))
      throw source.errorAt(
        ["apps", index, "reuse", "similarity", "file"],
        `no such file: ${trace}`,
      );
    traces.set(app.name, readSimilarityTrace(trace));
  }
  return traces;
}

/** A similarity trace's path, relative to the workload file like an arrival trace. */
export function similarityTraceFile(workloadFile: string, file: string): string {
  return resolve(dirname(workloadFile), file);
}
