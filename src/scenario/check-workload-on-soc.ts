import { unknownNameMessage, type YamlSource } from "../core/index.ts";
import { cpuThreadsProblem, type SocSpec } from "../device/index.ts";
import type { WorkloadSpec } from "../workload/workload-schema.ts";

/**
 * A workload names processors by id (a competing process's `processor`, the
 * UI's `cpu` cluster) and thread counts without knowing the phone; once the
 * scenario picks the SoC, each processor must be one it has, the UI's a CPU
 * cluster, and an app's `threads` at most four per CPU core. Throws the
 * InputError at the workload's field.
 */
export function checkWorkloadOnSoc(source: YamlSource, workload: WorkloadSpec, soc: SocSpec): void {
  workload.apps.forEach((app, index) => {
    const problem = app.threads === undefined ? undefined : cpuThreadsProblem(soc, app.threads);
    if (problem !== undefined) throw source.errorAt(["apps", index, "threads"], problem);
  });
  const processors = Object.keys(soc.processors);
  const clusters = processors.filter((id) => soc.processors[id]!.kind === "cpu");
  workload.competing.forEach((load, index) => {
    if (soc.processors[load.processor] === undefined)
      throw source.errorAt(
        ["competing", index, "processor"],
        `${soc.id} has no processor "${load.processor}": ${unknownNameMessage("processor", load.processor, processors)}`,
      );
  });
  const ui = workload.ui;
  if (ui === undefined || clusters.includes(ui.cpu)) return;
  const detail =
    soc.processors[ui.cpu] === undefined
      ? unknownNameMessage("CPU cluster", ui.cpu, clusters)
      : `"${ui.cpu}" is not a CPU cluster of ${soc.id} (its clusters: ${clusters.join(", ")})`;
  throw source.errorAt(["ui", "cpu"], detail);
}
