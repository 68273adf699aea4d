import { describe, expect, it } from "vitest";
import { buildModel, listModels, modelStats, validateGraph, ZOO } from "../../src/graph/index.ts";
import { EXPECTED_TOTALS as EXPECTED } from "./support/expected-totals.ts";

const relativeError = (ours: number, expected: number) => Math.abs(ours - expected) / expected;

describe("model zoo totals", () => {
  it("has an expected total for every bundled model and every contract id is bundled", () => {
    expect(new Set(EXPECTED.map((entry) => entry.id))).toEqual(new Set(ZOO.names()));
    for (const id of [
      "yolov2",
      "vgg16",
      "posenet",
      "fast-style-transfer",
      "retinaface-mobilenet0.25",
      "retinaface-resnet50",
      "resnet18",
      "resnet34",
      "resnet50",
      "regnetx-1.6gf",
      "regnetx-4.0gf",
      "mobilenet-v1",
      "mobilenet-v2",
      "efficientnet-lite0",
      "inception-v3",
      "mobilebert",
    ]) {
      expect(ZOO.has(id), id).toBe(true);
    }
  });

  for (const { id, macs, params, tolerance = 0.03, source } of EXPECTED) {
    it(`${id}: MACs and params within ${tolerance * 100} % of ${source}`, () => {
      const stats = modelStats(buildModel(id));
      expect(relativeError(stats.macs, macs), `MACs ${stats.macs} vs ${macs}`).toBeLessThanOrEqual(
        tolerance,
      );
      expect(
        relativeError(stats.params, params),
        `params ${stats.params} vs ${params}`,
      ).toBeLessThanOrEqual(tolerance);
    });
  }

  it("efficientnet-lite0 is within 6 % of the derived 385 M MACs too", () => {
    expect(
      relativeError(modelStats(buildModel("efficientnet-lite0")).macs, 385.2e6),
    ).toBeLessThanOrEqual(0.06);
  });
});

/** Op counts of CoDL's lists for the seed variants (models.md §§1–5); CoDL lists only conv, pool and FC ops. */
const CODL_OP_COUNTS: Record<string, Record<string, number>> = {
  yolov2: { conv2d: 22, max_pool: 5 },
  vgg16: { conv2d: 13, max_pool: 5, fully_connected: 3 },
  posenet: { conv2d: 31, max_pool: 3 },
  "fast-style-transfer": { conv2d: 14, transposed_conv2d: 0 },
  "retinaface-resnet50": { conv2d: 91, max_pool: 4 },
};

describe("seed variants follow CoDL's op lists", () => {
  for (const [id, counts] of Object.entries(CODL_OP_COUNTS)) {
    it(`${id} has CoDL's ${Object.entries(counts)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(", ")}`, () => {
      const kinds = modelStats(buildModel(id)).op_kinds;
      for (const [kind, count] of Object.entries(counts))
        expect(kinds[kind] ?? 0, kind).toBe(count);
    });
  }

  it("uses the seed inputs: YOLOv2 416², PoseNet 256², FST 480×640, RetinaFace 640²", () => {
    const inputShape = (id: string) => {
      const graph = buildModel(id);
      return graph.tensors[graph.inputs[0]!]!.shape;
    };
    expect(inputShape("yolov2")).toEqual([1, 3, 416, 416]);
    expect(inputShape("posenet")).toEqual([1, 3, 256, 256]);
    expect(inputShape("fast-style-transfer")).toEqual([1, 3, 480, 640]);
    expect(inputShape("retinaface-resnet50")).toEqual([1, 3, 640, 640]);
  });
});

describe("zoo graphs", () => {
  it("every bundled model validates, in every dtype", () => {
    for (const id of ZOO.names()) {
      for (const dtype of ["fp32", "fp16", "int8"] as const) validateGraph(buildModel(id, dtype));
    }
  });

  it("weight bytes scale with the dtype width", () => {
    const bytes = (dtype: "fp32" | "fp16" | "int8") =>
      buildModel("resnet18", dtype).ops.reduce((sum, op) => sum + op.weightBytes, 0);
    expect(bytes("fp32")).toBe(2 * bytes("fp16"));
    expect(bytes("fp16")).toBe(2 * bytes("int8"));
  });

  it("lists every model with its totals", () => {
    const listed = listModels();
    expect(listed.map((model) => model.id)).toEqual(ZOO.names());
    const resnet = listed.find((model) => model.id === "resnet18")!;
    expect(resnet.macs).toBe(modelStats(buildModel("resnet18")).macs);
    expect(resnet.description.length).toBeGreaterThan(10);
  });

  it("names the nearest id for an unknown one", () => {
    expect(() => buildModel("resnet-50")).toThrow(/did you mean "resnet50"/);
  });

  it("builds the whole zoo well under a second", () => {
    const start = performance.now();
    for (const id of ZOO.names()) ZOO.get(id).build("fp32");
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
