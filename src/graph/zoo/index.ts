import { Registry } from "../../core/registry.ts";
import { CALIBRATION_MODELS } from "./calibration-models.ts";
import { FAST_STYLE_TRANSFER_MODELS } from "./fast-style-transfer.ts";
import { INCEPTION_V3 } from "./inception.ts";
import { MOBILEBERT } from "./mobilebert.ts";
import { EFFICIENTNET_LITE0, MOBILENET_V1, MOBILENET_V2 } from "./mobilenet.ts";
import type { ZooModel } from "./model.ts";
import { POSENET } from "./posenet.ts";
import { REGNET_MODELS } from "./regnet.ts";
import { RESNET_MODELS } from "./resnet.ts";
import { RETINAFACE_MOBILENET, RETINAFACE_RESNET50_3LEVEL } from "./retinaface-biubug6.ts";
import { RETINAFACE_RESNET50 } from "./retinaface-codl.ts";
import { VGG16 } from "./vgg.ts";
import { YOLOV2_MODELS } from "./yolov2.ts";

export type { ZooModel } from "./model.ts";

/**
 * Every bundled model, by the ids of CLI-CONTRACT.md (plus a few variants),
 * then the calibration-only models the fit prices.
 */
export const ZOO = new Registry<ZooModel>("model");

for (const model of [
  ...YOLOV2_MODELS,
  VGG16,
  POSENET,
  ...FAST_STYLE_TRANSFER_MODELS,
  RETINAFACE_RESNET50,
  RETINAFACE_RESNET50_3LEVEL,
  RETINAFACE_MOBILENET,
  ...RESNET_MODELS,
  ...REGNET_MODELS,
  MOBILENET_V1,
  MOBILENET_V2,
  EFFICIENTNET_LITE0,
  INCEPTION_V3,
  MOBILEBERT,
  ...CALIBRATION_MODELS,
])
  ZOO.register(model.id, model);
