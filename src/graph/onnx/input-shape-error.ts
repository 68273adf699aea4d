import { InputError } from "../../core/input-error.ts";

/**
 * A problem with an ONNX input's shape that a given shape (`--input-shape`,
 * a workload app's `input_shapes:`) causes or would fix, so a workload can
 * report it at its own field. `input` is the input's name.
 */
export class InputShapeError extends InputError {
  constructor(
    file: string,
    detail: string,
    readonly input: string,
    /** False when the shape was given for an input the model does not have. */
    readonly modelHasInput = true,
  ) {
    super(file, detail);
    this.name = "InputShapeError";
  }
}
