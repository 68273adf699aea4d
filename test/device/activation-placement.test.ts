import { describe, expect, it } from "vitest";
import {
  compileCpuTarget,
  compileProcessorTarget,
  loadSoc,
  type Placement,
  placeGraph,
} from "../../src/device/index.ts";
import { type Graph, ZOO } from "../../src/graph/index.ts";

function placed(socId: string, framework: string, processor: string, graph: Graph): Placement {
  const soc = loadSoc(socId);
  const fallback = compileCpuTarget(soc, framework);
  return placeGraph(soc, graph, compileProcessorTarget(soc, framework, processor)!, fallback);
}

/** The ops of a kind, with whether each runs inside another op's kernel and on the target. */
function opsOfKind(placement: Placement, kind: string) {
  return placement.graph.ops
    .filter((op) => op.kind === kind)
    .map((op) => ({ fused: placement.fused[op.id]!, onTarget: placement.onTarget[op.id]! }));
}

describe("MobileNetV3's activations as the frameworks with rows run them", () => {
  const graph = ZOO.get("mobilenet-v3-small").build("fp32");

  it("runs every hard_swish that follows a convolution inside it under Paddle-Lite's OpenCL", () => {
    const onGpu = placed("snapdragon-855", "paddle-lite", "gpu", graph);
    const hardSwish = opsOfKind(onGpu, "hard_swish");
    const hardSigmoid = opsOfKind(onGpu, "hard_sigmoid");
    expect(hardSwish.length).toBeGreaterThan(0);
    // Every hard_swish and hard_sigmoid of MobileNetV3 follows a convolution (through its batch norm).
    expect(hardSwish.every((op) => op.fused)).toBe(true);
    expect(hardSigmoid.every((op) => op.fused)).toBe(true);
    // Paddle-Lite's ARM profile keeps them as kernels of their own.
    const onCpu = placed("snapdragon-855", "paddle-lite", "cpu-prime", graph);
    expect(opsOfKind(onCpu, "hard_swish").some((op) => !op.fused)).toBe(true);
  });

  it("runs hard_sigmoid on the Hexagon delegate, which takes the ops TFLite spells it with", () => {
    const int8 = ZOO.get("mobilenet-v3-small").build("int8");
    const onDsp = placed("snapdragon-865", "tflite", "dsp", int8);
    const hardSigmoid = opsOfKind(onDsp, "hard_sigmoid");
    expect(hardSigmoid.length).toBeGreaterThan(0);
    expect(hardSigmoid.filter((op) => op.onTarget).length).toBeGreaterThan(0);
  });

  it("keeps the whole model on the Kirin 990's NPU under Paddle-Lite's HiAI back-end", () => {
    const onNpu = placed("kirin-990", "paddle-lite", "npu", graph);
    expect(onNpu.fallbackOps).toBe(0);
  });
});
