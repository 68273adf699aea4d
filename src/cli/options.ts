import { InvalidArgumentError } from "@commander-js/extra-typings";

/** `--seed N`: a non-negative safe integer. */
export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError("the seed must be a non-negative integer");
  }
  return seed;
}

/** `--max-ops 5e8`: a positive count, written plainly or in e-notation. */
export function parseCount(text: string): number {
  const count = Number(text);
  if (!/^\d+(\.\d+)?(e\d+)?$/i.test(text) || !Number.isFinite(count) || count <= 0) {
    throw new InvalidArgumentError("expected a positive count such as 1000000 or 1e6");
  }
  return count;
}

/** `--threads N`: digits only; the SoC bounds the count (1 to 4 per core) where the target is built. */
export function parseThreadCount(text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError("expected a whole number of threads");
  return Number(text);
}

/** `--max-trace 500MB`: bytes, with an optional unit (kB, MB, GB; powers of 1000). */
export function parseByteSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(B|kB|KB|MB|GB|TB)?$/.exec(text.trim());
  const scale: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
  const bytes = match ? Number(match[1]) * scale[match[2] ?? "B"]! : Number.NaN;
  if (!(bytes > 0)) throw new InvalidArgumentError("expected a size such as 500MB or 2GB");
  return bytes;
}

/** `--trace-window 10s..12s`: the part of simulated time a trace records (either end may be left out). */
export function parseTraceWindow(text: string): { fromS: number; toS: number } {
  const match = /^\s*([\d.]*)\s*(ms|s)?\s*\.\.\s*([\d.]*)\s*(ms|s)?\s*$/.exec(text);
  const seconds = (value: string | undefined, unit: string | undefined, open: number) =>
    value === undefined || value === "" ? open : Number(value) / (unit === "ms" ? 1000 : 1);
  const fromS = match ? seconds(match[1], match[2], 0) : Number.NaN;
  const toS = match ? seconds(match[3], match[4], Number.POSITIVE_INFINITY) : Number.NaN;
  if (!(fromS >= 0 && toS > fromS)) {
    throw new InvalidArgumentError("expected FROM..TO in s or ms, FROM < TO, such as 10s..12s");
  }
  return { fromS, toS };
}

/** `--out DIR`: a folder, not the next option taken as one (`--out --quiet` would write ./--quiet/). */
export function parseOutFolder(text: string): string {
  if (text.startsWith("-"))
    throw new InvalidArgumentError(`expected a folder, got "${text}" (an option?)`);
  return text;
}
