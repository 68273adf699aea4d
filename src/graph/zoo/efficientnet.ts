import { ModelBuilder } from "../builder.ts";
import { type Activation, classifier, convBn } from "./blocks.ts";
import { invertedResidual, roundChannels } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/**
 * EfficientNet-B0 (Tan & Le 2019: swish, squeeze-excite 0.25) and
 * EfficientNet-Lite2 (tensorflow/tpu lite builder: width 1.1, depth 1.2,
 * 260×260, ReLU6, no squeeze-excite, stem and head not scaled, first and
 * last stage repeats not scaled).
 */

/** (expansion, out channels, repeats, first stride, kernel), before scaling. */
// biome-ignore format: a layer table reads best in rows
export const EFFICIENTNET_STAGES: readonly (readonly [number, number, number, number, number])[] = [
  [1, 16, 1, 1, 3], [6, 24, 2, 2, 3], [6, 40, 2, 2, 5], [6, 80, 3, 2, 3],
  [6, 112, 3, 1, 5], [6, 192, 4, 2, 5], [6, 320, 1, 1, 3],
];

interface Scaling {
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
  readonly activation: Activation;
  readonly squeezeExcite: boolean;
  /** Lite: stem, head and the first and last stages' repeats stay unscaled. */
  readonly lite: boolean;
}

export function efficientNetBackbone(
  builder: ModelBuilder,
  image: string,
  scaling: Scaling,
): { output: string; features: { name: string; channels: number }[] } {
  const { width, depth, activation } = scaling;
  const stemChannels = scaling.lite ? 32 : roundChannels(32 * width);
  let x = convBn(builder, "stem", image, { kernel: 3, out: stemChannels, stride: 2 }, activation);
  let channels = stemChannels;
  const features: { name: string; channels: number }[] = [];
  EFFICIENTNET_STAGES.forEach(([expansion, baseOut, baseRepeats, firstStride, kernel], stage) => {
    const out = roundChannels(baseOut * width);
    const fixed = scaling.lite && (stage === 0 || stage === EFFICIENTNET_STAGES.length - 1);
    const repeats = fixed ? baseRepeats : Math.ceil(baseRepeats * depth);
    for (let index = 0; index < repeats; index++) {
      const expanded = channels * expansion;
      x = invertedResidual(builder, `stage${stage + 1}.${index}`, x, channels, {
        expanded,
        out,
        kernel,
        stride: index === 0 ? firstStride : 1,
        activation,
        ...(scaling.squeezeExcite
          ? {
              squeeze: {
                reduced: Math.max(1, Math.floor(channels * 0.25)),
                activation,
                gate: "sigmoid" as const,
              },
            }
          : {}),
      });
      channels = out;
    }
    features.push({ name: x, channels });
  });
  return { output: x, features };
}

function efficientNet(id: string, scaling: Scaling): ZooModel {
  return {
    id,
    description: `${id} (${scaling.lite ? "tensorflow/tpu lite builder" : "Tan & Le 2019"}), ${scaling.resolution}x${scaling.resolution}`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, scaling.resolution, scaling.resolution]);
      const { output } = efficientNetBackbone(builder, image, scaling);
      const headChannels = scaling.lite ? 1280 : roundChannels(1280 * scaling.width);
      classifier(
        builder,
        convBn(builder, "head.conv", output, { kernel: 1, out: headChannels }, scaling.activation),
      );
      return builder.build();
    },
  };
}

export const EFFICIENTNET_B0 = efficientNet("efficientnet-b0", {
  width: 1,
  depth: 1,
  resolution: 224,
  activation: "swish",
  squeezeExcite: true,
  lite: false,
});

/** B1 at 224×224, the size MNN's Kirin 970 rows state (the reference size is 240). */
export const EFFICIENTNET_B1 = efficientNet("efficientnet-b1", {
  width: 1,
  depth: 1.1,
  resolution: 224,
  activation: "swish",
  squeezeExcite: true,
  lite: false,
});

export const EFFICIENTNET_LITE2 = efficientNet("efficientnet-lite2", {
  width: 1.1,
  depth: 1.2,
  resolution: 260,
  activation: "relu6",
  squeezeExcite: false,
  lite: true,
});
