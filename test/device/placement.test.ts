import { describe, expect, it } from "vitest";
import {
  bundledSocIds,
  compileCpuTarget,
  compileProcessorTarget,
  isSupported,
  loadSoc,
  placeGraph,
  profileModel,
  type SocSpec,
} from "../../src/device/index.ts";
import { buildModel, type DType, type Graph, ModelBuilder, ZOO } from "../../src/graph/index.ts";

const soc = loadSoc("snapdragon-855");

/** conv ×2 → leaky ReLU → conv ×3: TFLite's doc-era GPU delegate lacks leaky ReLU. */
function chainWithGap(): Graph {
  const builder = new ModelBuilder("gap", "fp32");
  let x = builder.input("x", [1, 16, 32, 32]);
  for (const index of [1, 2]) x = builder.conv(`head${index}`, x, { kernel: 3, out: 16 });
  x = builder.op("leaky_relu", "gap", [x], { slope: 0.1 });
  for (const index of [1, 2, 3]) x = builder.conv(`tail${index}`, x, { kernel: 3, out: 16 });
  return builder.build();
}

function placedOn(spec: SocSpec, framework: string, processor: string, graph: Graph) {
  const fallback = compileCpuTarget(spec, framework);
  return placeGraph(spec, graph, compileProcessorTarget(spec, framework, processor)!, fallback);
}

describe("placement on an accelerator", () => {
  it("never prices an unsupported op on the processor that lacks it", () => {
    const dtypes: DType[] = ["fp32", "int8"];
    for (const model of [
      "resnet50",
      "yolov2",
      "mobilebert",
      "fast-style-transfer",
      "retinaface-mobilenet0.25",
    ]) {
      for (const dtype of dtypes) {
        const graph = buildModel(model, dtype);
        for (const framework of Object.keys(soc.frameworks)) {
          for (const processor of ["gpu", "dsp"]) {
            const target = compileProcessorTarget(soc, framework, processor);
            if (target === undefined) continue;
            const placement = placeGraph(soc, graph, target, compileCpuTarget(soc, framework));
            graph.ops.forEach((op) => {
              if (placement.onTarget[op.id]) expect(isSupported(soc, target, op, graph)).toBe(true);
            });
          }
        }
      }
    }
  });

  it("sends every op of a float model to the CPU from an int8-only DSP", () => {
    const placement = placedOn(soc, "tflite", "dsp", buildModel("resnet18", "fp32"));
    expect(placement.supportedOps).toBe(0);
    expect(placement.fallbackOps).toBe(placement.graph.ops.length);
  });

  it("keeps only the largest supported partition with TFLite's GPU default of one", () => {
    const placement = placedOn(soc, "tflite", "gpu", chainWithGap());
    const where = Object.fromEntries(
      placement.graph.ops.map((op) => [op.name, placement.onTarget[op.id]]),
    );
    expect(where).toEqual({
      head1: false,
      head2: false,
      gap: false,
      tail1: true,
      tail2: true,
      tail3: true,
    });
    // The CPU head reads the input where it is; the gap's output goes up to the GPU tail, the result comes back.
    expect(placement.crossings.map((crossing) => crossing.toAccelerator)).toEqual([true, false]);
  });

  it("never puts more ops on the CPU when more partitions may be delegated", () => {
    const graph = chainWithGap();
    const widened = structuredClone(soc);
    widened.frameworks.tflite!.backends.gpu!.partitioning.max_partitions = 0;
    expect(placedOn(widened, "tflite", "gpu", graph).fallbackOps).toBeLessThanOrEqual(
      placedOn(soc, "tflite", "gpu", graph).fallbackOps,
    );
    expect(placedOn(widened, "tflite", "gpu", graph).fallbackOps).toBe(1);
  });

  it("converts a model for MACE's DSP whole or not at all", () => {
    expect(placedOn(soc, "mace", "dsp", buildModel("resnet50", "int8")).fallbackOps).toBe(0);
    const yolo = placedOn(soc, "mace", "dsp", buildModel("yolov2", "int8"));
    expect(yolo.supportedOps).toBe(0);
  });

  it("runs batchnorm and activations inside the convolution that feeds them", () => {
    const placement = placedOn(soc, "mace", "gpu", buildModel("resnet18", "fp32"));
    for (const op of placement.graph.ops) {
      if (op.kind === "batchnorm") expect(placement.fused[op.id]).toBe(true);
      if (op.kind === "conv2d") expect(placement.fused[op.id]).toBe(false);
    }
  });
});

describe("profileModel", () => {
  it("reports the contract's fields for the cpu configuration and every processor", () => {
    const graph = buildModel("mobilenet-v1", "fp32");
    const result = profileModel(graph, soc, { ops: true });
    expect(result).toMatchObject({
      soc: "snapdragon-855",
      model: "mobilenet-v1",
      dtype: "fp32",
      framework: "mace",
    });
    expect(result.processors.map((row) => row.id)).toEqual([
      "cpu",
      "cpu-prime",
      "cpu-big",
      "cpu-little",
      "gpu",
      "dsp",
    ]);
    for (const row of result.processors) {
      expect(row.latency_ms).toBeGreaterThan(0);
      expect(row.energy_mj).toBeGreaterThan(0);
      expect(row.supported_ops + row.fallback_ops).toBe(graph.ops.length);
      expect(row.ops).toHaveLength(graph.ops.length);
    }
    const cpu = result.processors[0]!;
    expect(cpu).toMatchObject({ kind: "cpu", fallback_ops: 0 });
  });

  it("uses the framework's default multi-threaded configuration for the cpu row", () => {
    const graph = buildModel("resnet18", "fp32");
    const [cpu, prime] = profileModel(graph, soc, { framework: "ncnn" }).processors;
    // Four threads on the prime and big cores beat the prime core alone.
    expect(cpu!.latency_ms).toBeLessThan(prime!.latency_ms);
  });

  it("profiles every bundled model on every SoC file", () => {
    for (const id of bundledSocIds()) {
      const spec = loadSoc(id);
      for (const model of ZOO.names()) {
        const result = profileModel(buildModel(model, "fp32"), spec, { processor: "gpu" });
        expect(result.processors[0]!.latency_ms).toBeGreaterThan(0);
      }
    }
  });
});
