import { isMap, isScalar, LineCounter, type Node, parseDocument, type YAMLMap } from "yaml";
import type { PathSegment } from "../../src/core/index.ts";

/**
 * Writes a value and its source comment into YAML text without disturbing
 * anything else: the scalar at `path` is replaced in place and its line's
 * comment rewritten; a missing last key is added to its (block) parent map.
 */
export function writeValue(
  text: string,
  path: readonly PathSegment[],
  value: string,
  comment: string,
): string {
  const document = parseDocument(text, { lineCounter: new LineCounter() });
  const node = document.getIn(path, true) as Node | undefined;
  if (isScalar(node) && node.range) {
    const [start, end] = node.range;
    const edited = text.slice(0, start) + value + text.slice(end);
    return withLineComment(edited, start + value.length, comment);
  }
  if (node !== undefined) throw new Error(`${path.join(".")} is not a single value`);
  const parent = document.getIn(path.slice(0, -1), true) as Node | undefined;
  if (!isMap(parent) || parent.flow || parent.items.length === 0 || !parent.range) {
    throw new Error(`cannot add ${path.join(".")}: its parent is not a block mapping in the file`);
  }
  const firstKey = parent.items[0]!.key as Node;
  const lineStart = text.lastIndexOf("\n", firstKey.range![0]) + 1;
  const indent = " ".repeat(firstKey.range![0] - lineStart);
  const insertAt = endOfLine(text, lastContentOffset(parent));
  const line = `\n${indent}${String(path.at(-1))}: ${value} # ${comment}`;
  return text.slice(0, insertAt) + line + text.slice(insertAt);
}

function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline < 0 ? text.length : newline;
}

/** Offset of the last character of the last value in a block map (before trailing blank lines). */
function lastContentOffset(map: YAMLMap): number {
  const last = map.items.at(-1)!.value as Node | undefined;
  const end = last?.range?.[1] ?? map.range![1];
  return Math.max(0, end - 1);
}

/** Replaces the comment of the line containing `offset` (or adds one). */
function withLineComment(text: string, offset: number, comment: string): string {
  const lineEnd = endOfLine(text, offset);
  const rest = text.slice(offset, lineEnd);
  const hash = commentStart(rest);
  const kept = (hash < 0 ? rest : rest.slice(0, hash)).trimEnd();
  return `${text.slice(0, offset)}${kept} # ${comment}${text.slice(lineEnd)}`;
}

/** Index of a comment's `#` in the rest of a line (outside quotes, after whitespace), or -1. */
function commentStart(rest: string): number {
  let quote: string | undefined;
  for (let index = 0; index < rest.length; index++) {
    const char = rest[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "#" && (index === 0 || /\s/.test(rest[index - 1]!))) return index;
  }
  return -1;
}
