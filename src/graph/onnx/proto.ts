import { createRequire } from "node:module";
import type { onnx as OnnxNamespace } from "onnx-proto";

/**
 * onnx-proto is CommonJS (protobufjs static code); loading it through
 * require keeps its namespace object intact under ESM.
 */
const require = createRequire(import.meta.url);
export const onnx: typeof OnnxNamespace = (require("onnx-proto") as { onnx: typeof OnnxNamespace })
  .onnx;
export type { onnx as OnnxTypes } from "onnx-proto";
