import type { InputError, PathSegment, YamlSource } from "../core/index.ts";
import type { InputShapeError } from "../graph/index.ts";
import type { AppSpec } from "../workload/workload-schema.ts";

/**
 * An ONNX input-shape problem of app `index`, at the workload field that
 * causes or would fix it: the input's entry in `input_shapes:` (its key when
 * the model has no such input), the whole `input_shapes:` when the entry is
 * missing, or the app's `model:` when the app gives no shapes at all.
 */
export function inputShapeErrorAt(
  source: YamlSource,
  index: number,
  app: AppSpec,
  error: InputShapeError,
): InputError {
  const detail = `${app.model}: ${error.detail}`;
  const shapes = app.input_shapes;
  if (shapes === undefined) return source.errorAt(["apps", index, "model"], detail);
  if (!Object.hasOwn(shapes, error.input))
    return source.errorAt(["apps", index, "input_shapes"], detail);
  const entry: PathSegment[] = ["apps", index, "input_shapes", error.input];
  // An input the model lacks is wrong in its name: point at the key, not the shape.
  return source.errorAt(entry, detail, !error.modelHasInput);
}
