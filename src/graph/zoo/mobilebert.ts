import { ModelBuilder } from "../builder.ts";
import type { ZooModel } from "./model.ts";

/** google-research mobilebert `uncased_L-24_H-128_B-512_A-4_F-4_OPT` (models.md §13). */
const CONFIG = {
  layers: 24,
  hidden: 512,
  bottleneck: 128,
  heads: 4,
  feedForwards: 4,
  intermediate: 512,
  vocabulary: 30522,
  embedding: 128,
  maxPositions: 512,
  tokenTypes: 2,
};
const SEQUENCE = 128;

/** MobileBERT's NoNorm: an element-wise scale and shift with learned vectors. */
function noNorm(builder: ModelBuilder, name: string, input: string, width: number): string {
  const scaled = builder.op("mul", `${name}.scale`, [input], { operandShape: [width] });
  return builder.op("add", `${name}.shift`, [scaled], { operandShape: [width] });
}

function transformerLayer(builder: ModelBuilder, name: string, input: string): string {
  const { hidden, bottleneck, heads, feedForwards, intermediate } = CONFIG;
  const dense = (layer: string, x: string, out: number) =>
    builder.fullyConnected(`${name}.${layer}`, x, out);
  const inner = noNorm(
    builder,
    `${name}.bottleneck_in.norm`,
    dense("bottleneck_in", input, bottleneck),
    bottleneck,
  );
  const shared = noNorm(
    builder,
    `${name}.bottleneck_qk.norm`,
    dense("bottleneck_qk", input, bottleneck),
    bottleneck,
  );
  const query = dense("query", shared, bottleneck);
  const key = dense("key", shared, bottleneck);
  const value = dense("value", input, bottleneck);
  const attended = builder.op("attention", `${name}.attention`, [query, key, value], { heads });
  const projected = dense("attention_out", attended, bottleneck);
  let x = noNorm(
    builder,
    `${name}.attention_out.norm`,
    builder.op("add", `${name}.attention_out.add`, [projected, inner]),
    bottleneck,
  );
  for (let index = 1; index <= feedForwards; index++) {
    const ffn = `ffn${index}`;
    const expanded = builder.op("relu", `${name}.${ffn}.relu`, [
      dense(`${ffn}.in`, x, intermediate),
    ]);
    const sum = builder.op("add", `${name}.${ffn}.add`, [
      dense(`${ffn}.out`, expanded, bottleneck),
      x,
    ]);
    x = noNorm(builder, `${name}.${ffn}.norm`, sum, bottleneck);
  }
  const widened = builder.op("add", `${name}.bottleneck_out.add`, [
    dense("bottleneck_out", x, hidden),
    input,
  ]);
  return noNorm(builder, `${name}.bottleneck_out.norm`, widened, hidden);
}

/**
 * MobileBERT at sequence length 128: trigram embeddings (the shifted copies
 * are modelled as the same 128-wide embedding concatenated three times:
 * shifting moves no data worth pricing), 24 bottleneck layers, and the
 * pooler on the first token, as BERT-style models ship it.
 */
export const MOBILEBERT: ZooModel = {
  id: "mobilebert",
  description: "MobileBERT (Sun et al. 2020), sequence 128, 24 layers, with pooler",
  build(dtype) {
    const { hidden, vocabulary, embedding, maxPositions, tokenTypes } = CONFIG;
    const builder = new ModelBuilder("mobilebert", dtype);
    const ids = builder.input("input_ids", [1, SEQUENCE]);
    const positions = builder.input("position_ids", [1, SEQUENCE]);
    const types = builder.input("token_type_ids", [1, SEQUENCE]);
    const words = builder.op("embedding", "embeddings.word", [ids], {
      vocabulary,
      outChannels: embedding,
    });
    const trigram = builder.op("concat", "embeddings.trigram", [words, words, words], { axis: -1 });
    const projected = builder.fullyConnected("embeddings.projection", trigram, hidden);
    const position = builder.op("embedding", "embeddings.position", [positions], {
      vocabulary: maxPositions,
      outChannels: hidden,
    });
    const tokenType = builder.op("embedding", "embeddings.token_type", [types], {
      vocabulary: tokenTypes,
      outChannels: hidden,
    });
    const summed = builder.op("add", "embeddings.add_type", [
      builder.op("add", "embeddings.add_position", [projected, position]),
      tokenType,
    ]);
    let x = noNorm(builder, "embeddings.norm", summed, hidden);
    for (let layer = 0; layer < CONFIG.layers; layer++)
      x = transformerLayer(builder, `layer${layer}`, x);
    const [first] = builder.multiOp(
      "split",
      "pooler.first_token",
      [x],
      { axis: 1, splits: [1, SEQUENCE - 1] },
      2,
    );
    const pooled = builder.op("tanh", "pooler.tanh", [
      builder.fullyConnected("pooler.dense", first!, hidden),
    ]);
    return builder.build([x, pooled]);
  },
};
