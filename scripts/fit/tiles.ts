import type { SocSpec } from "../../src/device/index.ts";
import { singleConv } from "../../src/graph/zoo/single-conv.ts";
import { predictMs, prepareRow, registerBenchmarkShape } from "./evaluate.ts";
import type { CalibrationRow } from "./rows.ts";

/**
 * Work quantisation from the calibration set's step-function panels (§1b,
 * MACE on the Snapdragon 855). The panels do not state their base shape,
 * so only the positions of the steps are used: for each candidate tile the
 * model's curve is matched to the measured one by an offset and a scale
 * (least squares), and the tile with the smallest relative misfit wins.
 * Base shapes are assumptions sized to the measured milliseconds.
 */
export interface TileChoice {
  readonly backend: "cpu" | "gpu";
  readonly field: "rows" | "channels";
  readonly value: number;
  /** Relative RMS misfit of the best offset+scale match. */
  readonly misfit: number;
  readonly description: string;
}

interface Panel {
  readonly backend: "cpu" | "gpu";
  readonly field: "rows" | "channels";
  readonly candidates: readonly number[];
  readonly points: readonly (readonly [number, number])[];
  /** The single convolution at one point of the sweep. */
  shape(point: number): { height: number; width: number; inChannels: number; outChannels: number };
  readonly description: string;
}

const PANELS: readonly Panel[] = [
  {
    backend: "cpu",
    field: "rows",
    candidates: [1, 2, 3, 4, 5, 6, 7, 8],
    // biome-ignore format: measured points read best in rows
    points: [[2, 9.6], [3, 10.1], [4, 10.1], [6, 17.6], [7, 17.6], [8, 17.8], [9, 18.6], [11, 25.7], [12, 25.7], [13, 25.7]],
    shape: (height) => ({ height, width: 256, inChannels: 256, outChannels: 256 }),
    description:
      "calib §1b CPU panel, latency vs input height (assumed base: 3×3 conv, width 256, 256 → 256 channels)",
  },
  {
    backend: "gpu",
    field: "channels",
    candidates: [1, 2, 4, 8, 16, 32],
    // biome-ignore format: measured points read best in rows
    points: [[6, 0.94], [12, 1.08], [19, 1.73], [25, 1.74], [32, 1.87], [38, 2.55], [44, 2.55], [51, 3.37], [57, 3.37], [64, 3.38]],
    shape: (outChannels) => ({ height: 96, width: 96, inChannels: 64, outChannels }),
    description:
      "calib §1b GPU panel, latency vs output channels (assumed base: 3×3 conv on 96×96×64)",
  },
];

function modelId(panel: Panel, point: number): string {
  const { height, width, inChannels, outChannels } = panel.shape(point);
  const id = `step-${panel.backend}-${height}x${width}x${inChannels}-${outChannels}`;
  registerBenchmarkShape(singleConv(id, height, width, inChannels, outChannels));
  return id;
}

/** Relative RMS misfit of measured ≈ offset + scale × predicted, with the best offset and scale. */
function shapeMisfit(predicted: readonly number[], measured: readonly number[]): number {
  const count = predicted.length;
  const meanX = predicted.reduce((a, b) => a + b, 0) / count;
  const meanY = measured.reduce((a, b) => a + b, 0) / count;
  let covariance = 0;
  let variance = 0;
  predicted.forEach((x, index) => {
    covariance += (x - meanX) * (measured[index]! - meanY);
    variance += (x - meanX) ** 2;
  });
  const scale = variance > 0 ? covariance / variance : 0;
  const offset = meanY - scale * meanX;
  const squares = predicted.reduce(
    (sum, x, index) => sum + ((offset + scale * x) / measured[index]! - 1) ** 2,
    0,
  );
  return Math.sqrt(squares / count);
}

export function chooseTiles(soc: SocSpec): TileChoice[] {
  return PANELS.map((panel) => {
    const tile = soc.frameworks.mace!.backends[panel.backend]!.tile as {
      -readonly [K in "rows" | "cols" | "channels"]: number;
    };
    const rows: CalibrationRow[] = panel.points.map(([point, measuredMs]) => ({
      section: "§1b",
      soc: soc.id,
      framework: "mace",
      processor: panel.backend,
      model: modelId(panel, point),
      family: "step-panels",
      dtype: "fp32",
      measuredMs,
    }));
    let best = { value: panel.candidates[0]!, misfit: Number.POSITIVE_INFINITY };
    for (const candidate of panel.candidates) {
      tile[panel.field] = candidate;
      // Tiles shape the placement's op features, so rows are prepared again per candidate.
      const predicted = rows.map((row) => predictMs(prepareRow(soc, row)));
      const misfit = shapeMisfit(
        predicted,
        panel.points.map(([, ms]) => ms),
      );
      if (misfit < best.misfit - 1e-9) best = { value: candidate, misfit };
    }
    tile[panel.field] = best.value;
    return { backend: panel.backend, field: panel.field, ...best, description: panel.description };
  });
}
