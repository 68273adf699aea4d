import { Registry } from "../../core/index.ts";
import type { ZooModel } from "./model.ts";
import { RESNET_MODELS } from "./resnet.ts";
import { VGG16 } from "./vgg.ts";

export type { ZooModel } from "./model.ts";

/** Every bundled model, by the ids of CLI-CONTRACT.md (plus a few variants). */
export const ZOO = new Registry<ZooModel>("model");

for (const model of [VGG16, ...RESNET_MODELS]) ZOO.register(model.id, model);
