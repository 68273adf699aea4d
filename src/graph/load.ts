import { existsSync } from "node:fs";
import { deepFreeze } from "../core/deep-freeze.ts";
import { InputError } from "../core/input-error.ts";
import { MAX_ONNX_BYTES, readInputFile } from "../core/input-file.ts";
import { nearestName } from "../core/nearest.ts";
import { readYamlFile } from "../core/schema.ts";
import { opTooLarge } from "./fits-in-memory.ts";
import type { Graph } from "./ir.ts";
import { importOnnx, type OnnxImportOptions } from "./onnx/import.ts";
import type { DType } from "./op-kinds.ts";
import { loadYamlModel } from "./yaml/load-yaml.ts";
import { ZOO } from "./zoo/index.ts";

const builtGraphs = new Map<string, Graph>();

/** A bundled model's graph (built once per id and dtype, and frozen: every run of the process shares it). */
export function buildModel(id: string, dtype: DType = "fp32"): Graph {
  const key = `${id}:${dtype}`;
  let graph = builtGraphs.get(key);
  if (graph === undefined) {
    graph = deepFreeze(ZOO.get(id).build(dtype));
    builtGraphs.set(key, graph);
  }
  return graph;
}

/** A user's model: `kind: model` YAML or ONNX, chosen by the file's extension. Throws InputError. */
export function loadModelFile(
  file: string,
  dtype?: DType,
  onnxOptions: Omit<OnnxImportOptions, "dtype"> = {},
): Graph {
  if (/\.onnx$/i.test(file)) {
    const bytes = readInputFile(file, MAX_ONNX_BYTES);
    if (bytes.length === 0) throw new InputError(file, "is empty");
    const graph = importOnnx(bytes, file, { ...onnxOptions, ...(dtype ? { dtype } : {}) });
    const tooLarge = opTooLarge(graph);
    if (tooLarge !== undefined) throw new InputError(file, tooLarge.detail);
    return graph;
  }
  if (/\.ya?ml$/i.test(file)) {
    const graph = loadYamlModel(file, dtype);
    const tooLarge = opTooLarge(graph);
    if (tooLarge !== undefined) {
      // Point at the op in the file: YAML ops become graph ops one for one, in order.
      throw readYamlFile(file).errorAt(["ops", tooLarge.opIndex], tooLarge.detail);
    }
    return graph;
  }
  throw new InputError(file, "is neither a model YAML file (.yaml, .yml) nor an ONNX file (.onnx)");
}

/** A zoo id, or else a path to a model file. */
export function resolveModel(
  nameOrFile: string,
  dtype?: DType,
  onnxOptions?: Omit<OnnxImportOptions, "dtype">,
): Graph {
  if (ZOO.has(nameOrFile)) return buildModel(nameOrFile, dtype);
  if (/\.(onnx|ya?ml)$/i.test(nameOrFile) || existsSync(nameOrFile))
    return loadModelFile(nameOrFile, dtype, onnxOptions);
  const nearest = nearestName(nameOrFile, ZOO.names());
  const hint = nearest ? `did you mean "${nearest}"? ` : "";
  throw new InputError(
    nameOrFile,
    `is neither a model file nor a bundled model (${hint}known: ${ZOO.names().join(", ")})`,
  );
}
