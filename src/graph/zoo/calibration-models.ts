import { ALEXNET } from "./alexnet.ts";
import { BLAZEFACE } from "./blazeface.ts";
import { DEEPLAB_V3 } from "./deeplab-v3.ts";
import { EFFICIENTDET_LITE0, EFFICIENTDET_LITE2, SSD_MOBILENET_V2 } from "./detection.ts";
import { EFFICIENTNET_B0, EFFICIENTNET_B1, EFFICIENTNET_LITE2 } from "./efficientnet.ts";
import { EFFICIENTNET_V2_B0 } from "./efficientnet-v2.ts";
import { GHOSTNET_MODELS } from "./ghostnet.ts";
import { GOOGLENET } from "./googlenet.ts";
import { INCEPTION_RESNET_V2 } from "./inception-resnet-v2.ts";
import { INCEPTION_V4 } from "./inception-v4.ts";
import { MNASNET } from "./mnasnet.ts";
import { MOBILENET_V3_LARGE, MOBILENET_V3_VARIANTS } from "./mobilenet-v3.ts";
import { MOBILENET_YOLO } from "./mobilenet-yolo.ts";
import type { ZooModel } from "./model.ts";
import { NANODET_MODELS } from "./nanodet.ts";
import { NASNET_MOBILE } from "./nasnet.ts";
import { PICODET_MODELS } from "./picodet.ts";
import { PP_LCNET_MODELS } from "./pp-lcnet.ts";
import { PROXYLESSNAS } from "./proxylessnas.ts";
import { REGNETY_400MF } from "./regnety.ts";
import { SHUFFLENET_V1 } from "./shufflenet-v1.ts";
import {
  SHUFFLENET_V2,
  SHUFFLENET_V2_HALF,
  SHUFFLENET_V2_SWISH,
  SHUFFLENET_V2_VARIANTS,
} from "./shufflenet-v2.ts";
import { singleConv } from "./single-conv.ts";
import { SQUEEZENET_1_0, SQUEEZENET_1_1 } from "./squeezenet.ts";
import { MOBILENET_SSD, SQUEEZENET_SSD } from "./ssd-ncnn.ts";
import { PP_TINYPOSE_MODELS } from "./tinypose.ts";
import { VIT_B32_384 } from "./vision-transformer.ts";
import { FASTESTDET, YOLO_FASTEST_1_1, YOLO_FASTEST_V2 } from "./yolo-fastest.ts";
import { YOLOV3_TINY } from "./yolov3-tiny.ts";
import { YOLOV4_TINY } from "./yolov4-tiny.ts";
import { YOLOV5_MODELS } from "./yolov5.ts";
import { YOLOX_MODELS } from "./yolox.ts";

/**
 * Architectures the calibration sets measured that are not workload models
 * (shared/research/calibration-set.md, calibration-set-2/): bundled so the
 * fit prices them through the same zoo, marked calibration-only.
 */
export const CALIBRATION_MODELS: readonly ZooModel[] = [
  ALEXNET,
  BLAZEFACE,
  DEEPLAB_V3,
  EFFICIENTDET_LITE0,
  EFFICIENTDET_LITE2,
  EFFICIENTNET_B0,
  EFFICIENTNET_B1,
  EFFICIENTNET_LITE2,
  EFFICIENTNET_V2_B0,
  ...GHOSTNET_MODELS,
  GOOGLENET,
  INCEPTION_RESNET_V2,
  INCEPTION_V4,
  MNASNET,
  MOBILENET_SSD,
  MOBILENET_V3_LARGE,
  MOBILENET_YOLO,
  ...MOBILENET_V3_VARIANTS,
  ...NANODET_MODELS,
  NASNET_MOBILE,
  ...PICODET_MODELS,
  ...PP_LCNET_MODELS,
  ...PP_TINYPOSE_MODELS,
  PROXYLESSNAS,
  REGNETY_400MF,
  SHUFFLENET_V1,
  SHUFFLENET_V2,
  SHUFFLENET_V2_HALF,
  SHUFFLENET_V2_SWISH,
  ...SHUFFLENET_V2_VARIANTS,
  SQUEEZENET_1_0,
  SQUEEZENET_1_1,
  SQUEEZENET_SSD,
  SSD_MOBILENET_V2,
  VIT_B32_384,
  YOLOV3_TINY,
  YOLOV4_TINY,
  ...YOLOV5_MODELS,
  ...YOLOX_MODELS,
  YOLO_FASTEST_1_1,
  YOLO_FASTEST_V2,
  FASTESTDET,
  // The CoDL operator micro-benchmark (calib §1a): one 3×3 conv, 64 → 64 channels.
  ...[64, 128, 256].map((size) => singleConv(`conv3x3-${size}`, size, size, 64, 64)),
].map((model) => ({ ...model, calibrationOnly: true }));
