import { InvalidArgumentError } from "@commander-js/extra-typings";

/** `--seed N`: a non-negative safe integer. */
export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError("the seed must be a non-negative integer");
  }
  return seed;
}
