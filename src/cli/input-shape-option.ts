import { InvalidArgumentError } from "@commander-js/extra-typings";

/** `--input-shape x=1x3x224x224`, repeatable: shapes for ONNX inputs with symbolic dimensions. */
export function collectInputShape(
  text: string,
  previous: Record<string, number[]>,
): Record<string, number[]> {
  const match = /^([^=]+)=(\d+(?:x\d+)*)$/.exec(text);
  const shape = match?.[2]?.split("x").map(Number);
  if (!match || !shape || shape.some((dim) => dim < 1)) {
    throw new InvalidArgumentError(
      "expected NAME=DIMxDIMx... with positive sizes, e.g. x=1x3x224x224",
    );
  }
  return { ...previous, [match[1]!]: shape };
}
