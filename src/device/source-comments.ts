import { isMap, isScalar, isSeq, type Node } from "yaml";
import { dottedPath, InputError, type PathSegment, type YamlSource } from "../core/index.ts";

/**
 * Every number in a SoC file says where it comes from: a comment on its line
 * naming a key of `sources:`, or `derived: how`, or `assumed: why`. A
 * sequence of one-line rows (operating points, say) may carry one comment on
 * the line of its key instead. Numbers include quantities (`2.84 GHz`).
 */
export function checkSourceComments(source: YamlSource, sourceKeys: ReadonlySet<string>): void {
  const file = source.file;
  const comments = source.comments();
  const lineOf = (node: Node) => source.positionOfNode(node).line;

  const fail = (node: Node, path: readonly PathSegment[], detail: string): never => {
    throw new InputError(file, detail, source.positionOfNode(node), dottedPath(path) || undefined);
  };

  const visit = (node: unknown, path: PathSegment[], inherited: string | undefined): void => {
    if (isScalar(node)) {
      if (!looksNumeric(node.value)) return;
      const comment = comments.get(lineOf(node)) ?? inherited;
      if (comment === undefined) {
        fail(
          node,
          path,
          'number has no source comment (end its line with "# <key of sources:>", "# derived: how" or "# assumed: why")',
        );
      }
      const problem = commentProblem(comment!, sourceKeys);
      if (problem !== undefined) fail(node, path, problem);
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (path.length === 0 && key === "sources") continue;
        const value = pair.value;
        const rowsComment =
          isSeq(value) && !value.flow && isScalar(pair.key) && value.items.every(isOneLineRow)
            ? comments.get(lineOf(pair.key as Node))
            : undefined;
        visit(value, [...path, key], rowsComment ?? inherited);
      }
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, index) => {
        visit(item, [...path, index], inherited);
      });
    }
  };

  visit(source.root, [], undefined);
}

function looksNumeric(value: unknown): boolean {
  if (typeof value === "number") return true;
  return typeof value === "string" && /^[-+]?(\d|\.\d)/.test(value.trim());
}

/** A sequence item written on one line: a scalar or a flow collection. */
function isOneLineRow(item: unknown): boolean {
  if (isScalar(item)) return true;
  return (isMap(item) || isSeq(item)) && item.flow === true;
}

const SOURCE_KEY_LIST = /^([A-Za-z][A-Za-z0-9_-]*(?:\s*,\s*[A-Za-z][A-Za-z0-9_-]*)*)(?:\s|$)/;

/** Why a comment is not a valid source comment, or undefined when it is. */
export function commentProblem(
  comment: string,
  sourceKeys: ReadonlySet<string>,
): string | undefined {
  const parts = splitOutsideParentheses(comment, ";")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (parts.length === 0) return "empty source comment";
  // A `derived:` or `assumed:` reason runs on to the end of the comment (it may contain `;`).
  let inReason = false;
  for (const part of parts) {
    const tagged = /^(derived|assumed):(.*)$/.exec(part);
    if (tagged) {
      if (tagged[2]!.trim() === "") return `"${tagged[1]}:" needs a reason after it`;
      inReason = true;
      continue;
    }
    if (inReason) continue;
    const keys = SOURCE_KEY_LIST.exec(part);
    if (!keys)
      return `comment "${part}" is not a source (start it with a key of sources:, "derived:" or "assumed:")`;
    for (const key of keys[1]!.split(",").map((name) => name.trim())) {
      if (!sourceKeys.has(key)) {
        return `source key "${key}" is not listed under sources: (comment "${part}")`;
      }
    }
  }
  return undefined;
}

/** Splits at `separator`, except inside parentheses (asides may contain it). */
function splitOutsideParentheses(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === "(") depth++;
    else if (char === ")") depth = Math.max(0, depth - 1);
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
