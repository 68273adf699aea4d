import { type ConvSpec, ModelBuilder } from "../builder.ts";
import { classifier, convBn, maxPool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/**
 * torchvision's Inception v3 at 299×299 without the auxiliary classifier,
 * which only runs in training and is absent from inference graphs
 * (models.md §12: 23,834,568 params without it). Every conv is
 * conv + BN + ReLU; a branch is a chain of convs, or a pool then convs.
 */
type Step = ConvSpec | "avgpool" | "maxpool";
type Branch = readonly Step[];

const k1 = (out: number): ConvSpec => ({ kernel: 1, out });
const k3 = (out: number, stride = 1): ConvSpec =>
  stride === 1 ? { kernel: 3, out } : { kernel: 3, out, stride, padding: "valid" };
const k1x7 = (out: number): ConvSpec => ({ kernel: [1, 7], out });
const k7x1 = (out: number): ConvSpec => ({ kernel: [7, 1], out });

const inceptionA = (pool: number): Branch[] => [
  [k1(64)],
  [k1(48), { kernel: 5, out: 64 }],
  [k1(64), k3(96), k3(96)],
  ["avgpool", k1(pool)],
];
const INCEPTION_B: Branch[] = [[k3(384, 2)], [k1(64), k3(96), k3(96, 2)], ["maxpool"]];
const inceptionC = (c7: number): Branch[] => [
  [k1(192)],
  [k1(c7), k1x7(c7), k7x1(192)],
  [k1(c7), k7x1(c7), k1x7(c7), k7x1(c7), k1x7(192)],
  ["avgpool", k1(192)],
];
const INCEPTION_D: Branch[] = [
  [k1(192), k3(320, 2)],
  [k1(192), k1x7(192), k7x1(192), k3(192, 2)],
  ["maxpool"],
];

function runBranch(builder: ModelBuilder, name: string, input: string, branch: Branch): string {
  let x = input;
  branch.forEach((step, index) => {
    const stepName = `${name}.${index}`;
    if (step === "avgpool") {
      x = builder.op("avg_pool", stepName, [x], {
        kernel: [3, 3],
        stride: [1, 1],
        padding: [1, 1, 1, 1],
      });
    } else if (step === "maxpool") {
      x = maxPool(builder, stepName, x, 3, 2);
    } else {
      x = convBn(builder, stepName, x, step, "relu");
    }
  });
  return x;
}

function inceptionBlock(
  builder: ModelBuilder,
  name: string,
  input: string,
  branches: Branch[],
): string {
  const outputs = branches.map((branch, index) =>
    runBranch(builder, `${name}.branch${index}`, input, branch),
  );
  return builder.op("concat", `${name}.concat`, outputs, { axis: 1 });
}

/** InceptionE: two branches end in a 1×3 ‖ 3×1 pair that is concatenated with the rest. */
function inceptionE(builder: ModelBuilder, name: string, input: string): string {
  const forked = (branchName: string, stem: string) => [
    convBn(builder, `${branchName}.1x3`, stem, { kernel: [1, 3], out: 384 }, "relu"),
    convBn(builder, `${branchName}.3x1`, stem, { kernel: [3, 1], out: 384 }, "relu"),
  ];
  const plain = convBn(builder, `${name}.branch0.0`, input, k1(320), "relu");
  const narrow = convBn(builder, `${name}.branch1.0`, input, k1(384), "relu");
  const deepStem = runBranch(builder, `${name}.branch2`, input, [k1(448), k3(384)]);
  const pooled = runBranch(builder, `${name}.branch3`, input, ["avgpool", k1(192)]);
  const outputs = [
    plain,
    ...forked(`${name}.branch1`, narrow),
    ...forked(`${name}.branch2`, deepStem),
    pooled,
  ];
  return builder.op("concat", `${name}.concat`, outputs, { axis: 1 });
}

export const INCEPTION_V3: ZooModel = {
  id: "inception-v3",
  description: "Inception v3 (torchvision), 299x299, without the training-only auxiliary head",
  build(dtype) {
    const builder = new ModelBuilder("inception-v3", dtype);
    let x = builder.input("image", [1, 3, 299, 299]);
    x = convBn(
      builder,
      "Conv2d_1a",
      x,
      { kernel: 3, stride: 2, out: 32, padding: "valid" },
      "relu",
    );
    x = convBn(builder, "Conv2d_2a", x, { kernel: 3, out: 32, padding: "valid" }, "relu");
    x = convBn(builder, "Conv2d_2b", x, { kernel: 3, out: 64 }, "relu");
    x = maxPool(builder, "maxpool1", x, 3, 2);
    x = convBn(builder, "Conv2d_3b", x, k1(80), "relu");
    x = convBn(builder, "Conv2d_4a", x, { kernel: 3, out: 192, padding: "valid" }, "relu");
    x = maxPool(builder, "maxpool2", x, 3, 2);
    x = inceptionBlock(builder, "Mixed_5b", x, inceptionA(32));
    x = inceptionBlock(builder, "Mixed_5c", x, inceptionA(64));
    x = inceptionBlock(builder, "Mixed_5d", x, inceptionA(64));
    x = inceptionBlock(builder, "Mixed_6a", x, INCEPTION_B);
    for (const [name, c7] of [
      ["Mixed_6b", 128],
      ["Mixed_6c", 160],
      ["Mixed_6d", 160],
      ["Mixed_6e", 192],
    ] as const) {
      x = inceptionBlock(builder, name, x, inceptionC(c7));
    }
    x = inceptionBlock(builder, "Mixed_7a", x, INCEPTION_D);
    x = inceptionE(builder, "Mixed_7b", x);
    x = inceptionE(builder, "Mixed_7c", x);
    classifier(builder, x);
    return builder.build();
  },
};
