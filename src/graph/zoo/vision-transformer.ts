import { ModelBuilder } from "../builder.ts";
import type { ZooModel } from "./model.ts";

/**
 * ViT-B/32 (Dosovitskiy et al. 2021) at 384×384, as ncnn's benchmark
 * vision_transformer graph runs it: a 32×32 stride-32 patch conv to 768
 * channels, 144 patches plus a class token (modelled as a padded column: its
 * 768 learned values are not counted), learned position embeddings, 12
 * pre-norm layers (12-head attention with separate Q, K, V and output
 * projections; a 3072-wide GELU MLP), a final layer norm and the classifier
 * on the class token.
 */

const WIDTH = 768;
const HEADS = 12;
const LAYERS = 12;
const MLP = 3072;
const RESOLUTION = 384;
const PATCH = 32;

function encoderLayer(builder: ModelBuilder, name: string, input: string): string {
  const normed = builder.op("layernorm", `${name}.norm1`, [input]);
  const [query, key, value] = ["query", "key", "value"].map((projection) =>
    builder.fullyConnected(`${name}.${projection}`, normed, WIDTH),
  );
  const attended = builder.op("attention", `${name}.attention`, [query!, key!, value!], {
    heads: HEADS,
  });
  const x = builder.op("add", `${name}.attention.add`, [
    input,
    builder.fullyConnected(`${name}.attention.out`, attended, WIDTH),
  ]);
  const hidden = builder.op("gelu", `${name}.mlp.gelu`, [
    builder.fullyConnected(`${name}.mlp.in`, builder.op("layernorm", `${name}.norm2`, [x]), MLP),
  ]);
  return builder.op("add", `${name}.mlp.add`, [
    x,
    builder.fullyConnected(`${name}.mlp.out`, hidden, WIDTH),
  ]);
}

export const VIT_B32_384: ZooModel = {
  id: "vit-b32-384",
  description: "ViT-B/32 (Dosovitskiy et al. 2021; ncnn benchmark graph), 384x384",
  build(dtype) {
    const builder = new ModelBuilder("vit-b32-384", dtype);
    const image = builder.input("image", [1, 3, RESOLUTION, RESOLUTION]);
    const patches = (RESOLUTION / PATCH) ** 2;
    const embedded = builder.conv("patch_embed", image, {
      kernel: PATCH,
      out: WIDTH,
      stride: PATCH,
      padding: "valid",
      bias: true,
    });
    const row = builder.op("reshape", "patch_embed.flatten", [embedded], {
      shape: [1, WIDTH, 1, patches],
    });
    const withClass = builder.op("pad", "class_token", [row], { padding: [0, 1, 0, 0] });
    const tokens = builder.op(
      "transpose",
      "tokens",
      [builder.op("reshape", "tokens.reshape", [withClass], { shape: [1, WIDTH, patches + 1] })],
      { permutation: [0, 2, 1] },
    );
    let x = builder.op("add", "position_embed", [tokens], { operandShape: [patches + 1, WIDTH] });
    for (let layer = 0; layer < LAYERS; layer++) x = encoderLayer(builder, `layer${layer}`, x);
    const [classToken] = builder.multiOp(
      "split",
      "head.class_token",
      [builder.op("layernorm", "head.norm", [x])],
      { axis: 1, splits: [1, patches] },
      2,
    );
    const logits = builder.fullyConnected("head.fc", classToken!, 1000);
    builder.op("softmax", "head.softmax", [logits], { axis: -1 });
    return builder.build();
  },
};
