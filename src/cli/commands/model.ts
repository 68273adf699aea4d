import { type Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import {
  DTYPES,
  type DType,
  type Graph,
  modelStats,
  resolveModel,
  ZOO,
} from "../../graph/index.ts";

/** `--input-shape x=1x3x224x224`, repeatable: shapes for ONNX inputs with symbolic dimensions. */
function collectInputShape(
  text: string,
  previous: Record<string, number[]>,
): Record<string, number[]> {
  const match = /^([^=]+)=(\d+(?:x\d+)*)$/.exec(text);
  const shape = match?.[2]?.split("x").map(Number);
  if (!match || !shape || shape.some((dim) => dim < 1)) {
    throw new InvalidArgumentError(
      "expected NAME=DIMxDIMx... with positive sizes, e.g. x=1x3x224x224",
    );
  }
  return { ...previous, [match[1]!]: shape };
}

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
  const dtype = graph.ops[0]?.dtype ?? "fp32";
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
    ["activations", `${engineering(stats.activation_bytes, "B")} (${dtype}, every tensor kept)`],
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
      const graph = resolveModel(model, options.dtype as DType | undefined, {
        inputShapes: options.inputShape,
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(modelStats(graph))}\n`);
        return;
      }
      process.stdout.write(summary(graph, ZOO.has(model) ? ZOO.get(model).description : undefined));
    });
}
