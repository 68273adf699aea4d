import { readFileSync } from "node:fs";
import type { PathSegment } from "../../src/core/index.ts";
import { fittedComment } from "./comments.ts";
import type { FitOutcome, FitSetup } from "./fit.ts";
import type { Parameter } from "./parameters.ts";
import type { TileChoice } from "./tiles.ts";
import { writeValue } from "./yaml-edit.ts";

/** New text of every SoC file with the fitted values and their comments written in. */

/** A fitted value as written: three significant digits (microseconds for times), or whole. */
export function rounded(parameter: Parameter, value: number): number {
  if (parameter.unit === "integer") return Math.max(1, Math.round(value));
  if (parameter.unit === "GB/s") return Number((value / 1e9).toPrecision(3)) * 1e9;
  return parameter.unit === "us"
    ? Number((value * 1e6).toPrecision(3)) / 1e6
    : Number(value.toPrecision(3));
}

function formatted(parameter: Parameter, value: number): string {
  const written = rounded(parameter, value);
  if (parameter.unit === "GB/s") return `${Number((written / 1e9).toPrecision(3))} GB/s`;
  return parameter.unit === "us" ? `${Number((written * 1e6).toPrecision(3))} us` : String(written);
}

/** The comment of a `tile: {rows, cols, channels}` line whose one field the step panels chose. */
function tileComment(choice: TileChoice): string {
  const others = choice.field === "rows" ? "cols and channels" : "rows and cols";
  return `derived: ${choice.field} from the step positions of ${choice.description}; assumed: ${others} (one output pixel / NEON or SIMD-group width per pass)`;
}

export function fittedTexts(
  setup: FitSetup,
  outcome: FitOutcome,
  tiles: readonly TileChoice[],
): Map<string, string> {
  const texts = new Map<string, string>();
  const edit = (soc: string, path: readonly PathSegment[], value: string, comment: string) => {
    const file = setup.socs.get(soc)!.file;
    texts.set(
      file,
      writeValue(texts.get(file) ?? readFileSync(file, "utf8"), path, value, comment),
    );
  };
  for (const soc of setup.socs.values()) {
    for (const choice of tiles) {
      if (soc.frameworks.mace?.backends[choice.backend] === undefined) continue;
      edit(
        soc.id,
        ["frameworks", "mace", "backends", choice.backend, "tile", choice.field],
        String(choice.value),
        tileComment(choice),
      );
    }
  }
  setup.parameters.forEach((parameter, index) => {
    // A value no row moves keeps its `assumed:` starting value in the files.
    if (outcome.dependents[index]!.length === 0) return;
    const value = formatted(parameter, outcome.values[index]!);
    for (const site of setup.sites[index]!) {
      edit(site.soc, site.path, value, fittedComment(setup, outcome, index, site.soc, site.path));
    }
  });
  return texts;
}
