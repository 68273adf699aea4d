import { median } from "../../src/core/index.ts";
import type { CalibrationRow } from "./rows.ts";
import { groupBy } from "./statistics.ts";

/**
 * The noise floor: how far measurements of the same configuration (model,
 * SoC, framework, target, dtype, threads, clocks) taken more than once (other
 * sources, framework builds or trained weights of one architecture) sit from
 * their group's geometric mean. No model of the
 * device can be expected to beat it.
 */
export interface NoiseFloor {
  /** Median absolute deviation from the group's geometric mean. */
  readonly median: number;
  readonly groups: number;
  readonly measurements: number;
}

function configuration(row: CalibrationRow): string {
  return [
    row.model,
    row.soc,
    row.frequencies ? "+" : "",
    row.framework,
    row.processor,
    row.dtype,
    row.threads ?? "",
  ].join("|");
}

export function noiseFloor(measurements: readonly CalibrationRow[]): NoiseFloor {
  const duplicates = [...groupBy(measurements, configuration).values()].filter(
    (group) => group.length > 1,
  );
  const deviations = duplicates.flatMap((group) => {
    const logMean = group.reduce((sum, row) => sum + Math.log(row.measuredMs), 0) / group.length;
    return group.map((row) => Math.abs(row.measuredMs / Math.exp(logMean) - 1));
  });
  return {
    median: median(deviations),
    groups: duplicates.length,
    measurements: deviations.length,
  };
}
