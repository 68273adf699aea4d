/**
 * Why an input shape is refused for its batch, or `undefined`: socsim's
 * figures (MACs, bytes, latency) are those of one inference, and not every
 * kind's rule counts a batch, so a leading size other than 1 on a tensor of
 * rank 2 or more is refused rather than counted by some ops and not others.
 */
export function batchProblem(shape: readonly number[]): string | undefined {
  if (shape.length < 2 || shape[0] === 1) return undefined;
  return `batch ${shape[0]} (axis 0): socsim models one inference at a time, batch 1`;
}
