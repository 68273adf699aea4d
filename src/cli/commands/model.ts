import { type Command, Option } from "@commander-js/extra-typings";
import {
  DTYPES,
  type DType,
  dtypeLabel,
  type Graph,
  modelStats,
  resolveModel,
  ZOO,
} from "../../graph/index.ts";
import { collectInputShape, inputShapeOptions } from "../input-shape-option.ts";

function engineering(value: number, unit: string): string {
  const scales: [number, string][] = [
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  const [scale, prefix] = scales.find(([threshold]) => value >= threshold) ?? [1, ""];
  return `${(value / scale).toFixed(value >= scale * 100 ? 1 : 3)} ${prefix}${unit}`;
}

function summary(graph: Graph, description: string | undefined): string {
  const stats = modelStats(graph);
  const kinds = Object.entries(stats.op_kinds)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  const rows: [string, string][] = [
    ["model", description ? `${stats.model}: ${description}` : stats.model],
    [
      "inputs",
      graph.inputs
        .map((id) => `${graph.tensors[id]!.name} [${graph.tensors[id]!.shape.join(", ")}]`)
        .join(", "),
    ],
    ["ops", `${stats.ops} (${stats.edges} edges)`],
    ["MACs", engineering(stats.macs, "")],
    ["params", engineering(stats.params, "")],
    [
      "activations",
      `${engineering(stats.activation_bytes, "B")} (${dtypeLabel(graph)}, every tensor kept)`,
    ],
    ["op kinds", kinds],
  ];
  return `${rows.map(([label, value]) => `${label.padEnd(12)}${value}`).join("\n")}\n`;
}

export function addModelCommand(program: Command): void {
  program
    .command("model")
    .description(
      "graph statistics of a bundled model or a model file (.yaml with kind: model, or .onnx)",
    )
    .argument("<model>", "a bundled model id (socsim list models) or a model file")
    .option("--json", "print the statistics as JSON")
    .addOption(
      new Option("--dtype <dtype>", "element type of weights and activations").choices(DTYPES),
    )
    .option(
      "--input-shape <name=shape>",
      "shape of an ONNX input with symbolic sizes (repeatable)",
      collectInputShape,
      {},
    )
    .action((model, options) => {
      const graph = resolveModel(
        model,
        options.dtype as DType | undefined,
        inputShapeOptions(model, options.inputShape),
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify(modelStats(graph))}\n`);
        return;
      }
      process.stdout.write(summary(graph, ZOO.has(model) ? ZOO.get(model).description : undefined));
    });
}
