import { Registry } from "../../../src/core/index.ts";
import { ZOO, type ZooModel } from "../../../src/graph/index.ts";
import { ALEXNET } from "./alexnet.ts";
import { singleConv } from "./conv-microbench.ts";
import { DEEPLAB_V3 } from "./deeplab-v3.ts";
import { EFFICIENTDET_LITE0, EFFICIENTDET_LITE2, SSD_MOBILENET_V2 } from "./detection.ts";
import { EFFICIENTNET_B0, EFFICIENTNET_LITE2 } from "./efficientnet.ts";
import { GOOGLENET } from "./googlenet.ts";
import { INCEPTION_RESNET_V2 } from "./inception-resnet-v2.ts";
import { INCEPTION_V4 } from "./inception-v4.ts";
import { MNASNET } from "./mnasnet.ts";
import { MOBILENET_V3_LARGE } from "./mobilenet-v3.ts";
import { NASNET_MOBILE } from "./nasnet.ts";
import { REGNETY_400MF } from "./regnety.ts";
import { SHUFFLENET_V2, SHUFFLENET_V2_HALF } from "./shufflenet-v2.ts";
import { SQUEEZENET_1_0, SQUEEZENET_1_1 } from "./squeezenet.ts";

/** Models the calibration rows measured: calibration-only architectures, then zoo models by id. */
export const CALIBRATION_MODELS = new Registry<ZooModel>("calibration model");

for (const model of [
  ALEXNET,
  DEEPLAB_V3,
  EFFICIENTDET_LITE0,
  EFFICIENTDET_LITE2,
  EFFICIENTNET_B0,
  EFFICIENTNET_LITE2,
  GOOGLENET,
  INCEPTION_RESNET_V2,
  INCEPTION_V4,
  MNASNET,
  MOBILENET_V3_LARGE,
  NASNET_MOBILE,
  REGNETY_400MF,
  SHUFFLENET_V2,
  SHUFFLENET_V2_HALF,
  SQUEEZENET_1_0,
  SQUEEZENET_1_1,
  SSD_MOBILENET_V2,
])
  CALIBRATION_MODELS.register(model.id, model);

for (const id of ["vgg16", "mobilenet-v1"]) CALIBRATION_MODELS.register(id, ZOO.get(id));

for (const size of [64, 128, 256]) {
  CALIBRATION_MODELS.register(`conv3x3-${size}`, singleConv(`conv3x3-${size}`, size, size, 64, 64));
}
