import { type Command, Option } from "@commander-js/extra-typings";
import Table from "cli-table3";
import { loadSoc, type ProfileResult, profileModel } from "../../device/index.ts";
import { DTYPES, type DType, resolveModel } from "../../graph/index.ts";
import { collectInputShape, inputShapeOptions } from "../input-shape-option.ts";
import { parseThreadCount } from "../options.ts";

/** No colours: the table may go to a file or a pipe. */
const PLAIN = { head: [], border: [] };

function table(result: ProfileResult): string {
  const summary = new Table({
    style: PLAIN,
    head: ["processor", "kind", "latency ms", "energy mJ", "supported ops", "fallback ops"],
  });
  for (const row of result.processors) {
    summary.push([
      row.id,
      row.kind,
      row.latency_ms.toFixed(2),
      row.energy_mj.toFixed(2),
      row.supported_ops,
      row.fallback_ops,
    ]);
  }
  const parts = [
    `${result.model} (${result.dtype}) on ${result.soc} with ${result.framework}: one inference alone, highest operating points, 25 °C`,
    summary.toString(),
  ];
  for (const row of result.processors) {
    if (!row.ops) continue;
    const ops = new Table({ style: PLAIN, head: ["op", "kind", "ran on", "ms", ""] });
    for (const op of row.ops)
      ops.push([op.name, op.kind, op.processor, op.latency_ms.toFixed(3), op.fused ? "fused" : ""]);
    parts.push(`ops targeting ${row.id}`, ops.toString());
  }
  return `${parts.join("\n")}\n`;
}

export function addProfileCommand(program: Command): void {
  program
    .command("profile")
    .description(
      "isolated latency and energy of one inference on each processor, as a framework runs it",
    )
    .argument("<model>", "a bundled model id or a model file")
    .requiredOption("--soc <soc>", "a bundled SoC id or a SoC file")
    .option("--processor <id>", "only this processor (cpu, cpu-big, gpu, dsp, npu, …)")
    .addOption(new Option("--dtype <dtype>", "model element type").choices(DTYPES))
    .option("--framework <name>", "framework profile (mace, tflite, ncnn; default: the SoC's)")
    .option(
      "--threads <n>",
      "threads of the framework's CPU target (thread i on the i-th fastest core; up to 4 per core)",
      parseThreadCount,
    )
    .option(
      "--input-shape <name=shape>",
      "shape of an ONNX input with symbolic sizes (repeatable)",
      collectInputShape,
      {},
    )
    .option("--ops", "add a per-op breakdown")
    .option("--json", "print JSON only")
    .action((model, options) => {
      const soc = loadSoc(options.soc);
      const graph = resolveModel(
        model,
        options.dtype as DType | undefined,
        inputShapeOptions(model, options.inputShape),
      );
      const result = profileModel(graph, soc, {
        ...(options.framework ? { framework: options.framework } : {}),
        ...(options.processor ? { processor: options.processor } : {}),
        ...(options.threads === undefined ? {} : { threads: options.threads }),
        ops: options.ops === true,
      });
      process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : table(result));
    });
}
