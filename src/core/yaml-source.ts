import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { dottedPath, InputError, type PathSegment } from "./input-error.ts";
import { MAX_YAML_BYTES, readInputFile } from "./input-file.ts";

/** A parsed YAML file that still knows where every value came from. */
export interface YamlSource {
  readonly file: string;
  readonly data: Record<string, unknown>;
  /** Line and column (1-based) of the value at `path`, or of its nearest existing ancestor. */
  positionOf(path: readonly PathSegment[]): { line: number; col: number };
  /** An InputError pointing at the value at `path` (or at its key, for an unknown-key complaint). */
  errorAt(path: readonly PathSegment[], detail: string, pointAtKey?: boolean): InputError;
}

const MAX_ALIAS_EXPANSIONS = 1000;

/**
 * Reads a text file (YAML, or a trace with a larger cap), refusing what
 * readInputFile refuses and empty, binary and non-UTF-8 files, each with one clear line.
 */
export function readTextFile(file: string, maxBytes: number = MAX_YAML_BYTES): string {
  const bytes = readInputFile(file, maxBytes);
  if (bytes.length === 0 || bytes.toString("utf8").trim() === "")
    throw new InputError(file, "is empty");
  if (bytes.includes(0)) throw new InputError(file, "is a binary file, not text");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.includes("\uFFFD")) throw new InputError(file, "is not valid UTF-8 text");
  return text;
}

/** Parses YAML text; syntax errors, duplicate keys, alias bombs and a non-mapping top level are InputErrors. */
export function parseYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const positionAt = (offset: number) => lineCounter.linePos(offset);
  const first = doc.errors[0] ?? doc.warnings[0];
  if (first) {
    const position = first.pos ? positionAt(first.pos[0]) : undefined;
    throw new InputError(file, yamlMessage(first.code, first.message), position);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    throw new InputError(file, `cannot be expanded: ${(error as Error).message.split("\n")[0]}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data) || !isMap(doc.contents)) {
    const position = doc.contents ? positionAt(doc.contents.range[0]) : undefined;
    throw new InputError(file, "the top level must be a mapping (key: value lines)", position);
  }

  const nodeAt = (path: readonly PathSegment[]): Node => {
    let node = doc.contents as Node;
    for (const segment of path) {
      let child: unknown;
      if (isMap(node)) child = node.get(segment, true);
      else if (isSeq(node) && typeof segment === "number") child = node.get(segment, true);
      if (child === undefined || child === null || typeof child !== "object") break;
      node = child as Node;
    }
    return node;
  };
  const positionOf = (path: readonly PathSegment[]) => positionAt(nodeAt(path).range?.[0] ?? 0);
  const keyPositionOf = (path: readonly PathSegment[]) => {
    const parent = nodeAt(path.slice(0, -1));
    const key = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
      const range = (pair?.key as Node | undefined)?.range;
      if (range) return positionAt(range[0]);
    }
    return positionOf(path);
  };
  return {
    file,
    data: data as Record<string, unknown>,
    positionOf,
    errorAt: (path, detail, pointAtKey = false) =>
      new InputError(
        file,
        detail,
        pointAtKey ? keyPositionOf(path) : positionOf(path),
        dottedPath(path) || undefined,
      ),
  };
}

function yamlMessage(code: string, message: string): string {
  const firstLine = message.split("\n")[0] ?? message;
  const trimmed = firstLine.replace(/ at line \d+, column \d+:?$/, "");
  switch (code) {
    case "DUPLICATE_KEY":
      return "duplicate key (each key may appear once in a mapping)";
    case "TAB_AS_INDENT":
      return "tab used for indentation (YAML indents with spaces)";
    default:
      return `YAML syntax error: ${trimmed}`;
  }
}
