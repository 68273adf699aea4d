import type { LineCounter } from "yaml";

/** Comment text (without `#`) by 1-based line, taken from the parser's concrete syntax tree. */
export function commentsByLine(
  tokens: readonly unknown[],
  lineCounter: LineCounter,
): Map<number, string> {
  const found = new Map<number, string>();
  const collect = (token: unknown): void => {
    if (Array.isArray(token)) {
      for (const item of token) collect(item);
      return;
    }
    if (token === null || typeof token !== "object") return;
    const record = token as Record<string, unknown>;
    if (
      record.type === "comment" &&
      typeof record.offset === "number" &&
      typeof record.source === "string"
    ) {
      found.set(lineCounter.linePos(record.offset).line, record.source.replace(/^#\s*/, "").trim());
      return;
    }
    for (const value of Object.values(record)) collect(value);
  };
  collect(tokens);
  return found;
}
