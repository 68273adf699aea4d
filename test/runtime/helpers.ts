import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LoadedScenario, loadScenario } from "../../src/scenario/load-scenario.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-runtime-"));
let counter = 0;

export interface TinyScenario {
  /**
   * `transforms`: the app's `transforms:` list as YAML flow (e.g. `[fusion, { pruning: 0.5 }]`);
   * `arrival`: its arrival as YAML flow, in place of periodic at `fps`; `threads`: its `threads:`;
   * `queueWindow`: its `queue_window:`.
   */
  readonly apps: readonly {
    model: string;
    fps?: number;
    arrival?: string;
    slo?: number;
    transforms?: string;
    threads?: number;
    queueWindow?: number;
  }[];
  readonly schedulers: readonly string[];
  readonly durationS?: number;
  readonly ui?: boolean;
  /** true: one half-busy process on cpu-big; a list: these `competing:` entries (YAML flow mappings). */
  readonly competing?: boolean | readonly string[];
  readonly seed?: number;
  /** The scenario's `what_if:` as YAML flow (e.g. `{ governors: { cpu-big: performance } }`). */
  readonly whatIf?: string;
  /** The scenario's framework (default: the SoC's). */
  readonly framework?: string;
}

/** Writes a scenario and its workload to a temporary folder and loads them. */
export async function tinyScenario(spec: TinyScenario): Promise<LoadedScenario> {
  const id = counter++;
  const apps = spec.apps
    .map(
      (app, index) =>
        `  - name: app${index}\n    model: ${app.model}\n` +
        `    arrival: ${app.arrival ?? `{ process: periodic, fps: ${app.fps} }`}\n` +
        (app.slo ? `    slo: ${app.slo} ms\n` : "") +
        (app.threads ? `    threads: ${app.threads}\n` : "") +
        (app.queueWindow ? `    queue_window: ${app.queueWindow}\n` : "") +
        (app.transforms ? `    transforms: ${app.transforms}\n` : ""),
    )
    .join("");
  const entries =
    spec.competing === true
      ? ["{ name: bg, processor: cpu-big, duty_cycle: 0.5, period: 10 ms }"]
      : spec.competing || [];
  const competing =
    entries.length > 0 ? `competing:\n${entries.map((entry) => `  - ${entry}\n`).join("")}` : "";
  const ui = spec.ui ? "ui: { refresh: 60 Hz, cpu_per_frame: 3 ms, gpu_per_frame: 3 ms }\n" : "";
  writeFileSync(
    join(folder, `w${id}.yaml`),
    `kind: workload\nname: w${id}\napps:\n${apps}${competing}${ui}`,
  );
  const scenario = [
    "kind: scenario",
    `name: s${id}`,
    "soc: snapdragon-855",
    `workload: w${id}.yaml`,
    `schedulers: [${spec.schedulers.join(", ")}]`,
    `duration: ${spec.durationS ?? 2} s`,
    "warmup: 200 ms",
    `seed: ${spec.seed ?? 1}`,
    ...(spec.whatIf ? [`what_if: ${spec.whatIf}`] : []),
    ...(spec.framework ? [`framework: ${spec.framework}`] : []),
  ].join("\n");
  const file = join(folder, `s${id}.yaml`);
  writeFileSync(file, `${scenario}\n`);
  return loadScenario(file);
}
