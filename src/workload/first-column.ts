import { InputError, readTextFile } from "../core/index.ts";
import { MAX_TRACE_BYTES } from "../core/input-file.ts";

/** A number read from a trace CSV, with where it stands (for the checks of whoever reads it). */
export interface ColumnCell {
  readonly value: number;
  readonly text: string;
  readonly position: { readonly line: number; readonly col: number };
}

/**
 * A plain decimal ("12", "-0.5", "1.5e+03", as spreadsheets and numpy
 * write them), not the hex, binary or octal forms Number() also reads.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A header names its column: one that begins like a number ("1O") is a mistyped value. */
const BEGINS_LIKE_A_NUMBER = /^[+-]?\.?\d/;

/**
 * The numbers in the first column of a trace CSV, one per line; blank and
 * `#` lines and one header line (the first, if its first cell does not
 * begin like a number) are skipped. `what` names a value in the error for a
 * cell that is not a plain decimal number ("a time in milliseconds").
 */
export function readFirstColumn(file: string, what: string): ColumnCell[] {
  const lines = readTextFile(file, MAX_TRACE_BYTES).split(/\r?\n/);
  const cells: ColumnCell[] = [];
  let headerAllowed = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    const text = line.split(",")[0]!.trim();
    const value = Number(text);
    const position = { line: i + 1, col: 1 };
    if (!DECIMAL.test(text) || !Number.isFinite(value)) {
      if (headerAllowed && !BEGINS_LIKE_A_NUMBER.test(text)) {
        headerAllowed = false;
        continue;
      }
      throw new InputError(file, `"${text}" is not ${what} (a plain decimal number)`, position);
    }
    headerAllowed = false;
    cells.push({ value, text, position });
  }
  return cells;
}
