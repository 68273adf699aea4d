import { InputError, type RandomStream } from "../core/index.ts";
import { readFirstColumn } from "./first-column.ts";
import type { SimilaritySpec } from "./reuse-schema.ts";

/**
 * How alike each frame of a video stream is to the one before it, in [0, 1],
 * one value per frame in arrival order (docs/data-reuse.md).
 */
export interface SimilarityProcess {
  next(): number;
}

/** `traceValues`: the similarities read from the spec's trace file (readSimilarityTrace). */
export function makeSimilarityProcess(
  spec: SimilaritySpec,
  random: RandomStream,
  traceValues?: readonly number[],
): SimilarityProcess {
  switch (spec.process) {
    case "markov":
      return markov(spec.stay_similar, spec.become_similar, random);
    case "trace":
      if (traceValues === undefined || traceValues.length === 0)
        throw new Error("a similarity trace was not read before the run");
      return replay(traceValues);
  }
}

/** A two-state chain; the first frame has no frame before it, so it is different. One draw per later frame. */
function markov(
  staySimilar: number,
  becomeSimilar: number,
  random: RandomStream,
): SimilarityProcess {
  let similar: boolean | undefined;
  return {
    next() {
      similar =
        similar === undefined ? false : random.random() < (similar ? staySimilar : becomeSimilar);
      return similar ? 1 : 0;
    },
  };
}

/** The trace's values in order, from the start again when they run out (a clip on a loop). */
function replay(values: readonly number[]): SimilarityProcess {
  let index = 0;
  return {
    next() {
      const value = values[index]!;
      index = (index + 1) % values.length;
      return value;
    },
  };
}

/** Reads a similarity trace: one value in [0, 1] per frame, the first column of a CSV. */
export function readSimilarityTrace(file: string): number[] {
  const values: number[] = [];
  for (const { value, text, position } of readFirstColumn(file, "a similarity between 0 and 1")) {
    if (value < 0 || value > 1)
      throw new InputError(file, `similarity ${text} is not between 0 and 1`, position);
    values.push(value);
  }
  if (values.length === 0) throw new InputError(file, "holds no similarity values");
  return values;
}
