import {
  Composer,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  visit,
  YAMLParseError,
} from "yaml";
import { dottedPath, InputError, type PathSegment } from "./input-error.ts";
import { MAX_YAML_BYTES, readInputFile } from "./input-file.ts";
import { commentsByLine } from "./yaml-comments.ts";

/** A parsed YAML file that still knows where every value came from. */
export interface YamlSource {
  readonly file: string;
  readonly data: Record<string, unknown>;
  /** Line and column (1-based) of the value at `path`, or of its nearest existing ancestor. */
  positionOf(path: readonly PathSegment[]): { line: number; col: number };
  /** An InputError pointing at the value at `path` (or at its key, for an unknown-key complaint). */
  errorAt(path: readonly PathSegment[], detail: string, pointAtKey?: boolean): InputError;
  /** The document's top mapping, for checks that walk the nodes themselves (source comments). */
  readonly root: Node;
  /** Line and column (1-based) where a node of `root` starts. */
  positionOfNode(node: Node): { line: number; col: number };
  /** Comment text (without `#`) by 1-based line, from the same parse. */
  comments(): ReadonlyMap<number, string>;
}

const MAX_ALIAS_EXPANSIONS = 1000;

/**
 * Reads a text file (YAML, or a trace with a larger cap), refusing what
 * readInputFile refuses and empty, binary and non-UTF-8 files, each with one clear line.
 */
export function readTextFile(file: string, maxBytes: number = MAX_YAML_BYTES): string {
  const bytes = readInputFile(file, maxBytes);
  // Decoded once (a sweep reads its SoC file at every load): a byte-order mark, dropped here, is blank to trim() too.
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.trim() === "") throw new InputError(file, "is empty");
  if (bytes.includes(0)) throw new InputError(file, "is a binary file, not text");
  if (text.includes("\uFFFD")) throw new InputError(file, "is not valid UTF-8 text");
  return text;
}

/** Parses YAML text; syntax errors, duplicate keys, alias bombs and a non-mapping top level are InputErrors. */
export function parseYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  // One pass of the parser: its tokens give the document and, when asked, the comments.
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const doc = firstDocument(tokens, text.length);
  const positionAt = (offset: number) => lineCounter.linePos(offset);
  const first = doc.errors[0] ?? doc.warnings[0];
  if (first) {
    const position = first.pos ? positionAt(first.pos[0]) : undefined;
    throw new InputError(file, yamlMessage(first.code, first.message), position);
  }
  const keyProblem = firstKeyProblem(doc);
  if (keyProblem !== undefined)
    throw new InputError(file, keyProblem.message, positionAt(keyProblem.offset));
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
  let comments: ReadonlyMap<number, string> | undefined;
  return {
    file,
    data: data as Record<string, unknown>,
    root: doc.contents,
    positionOfNode: (node) => positionAt(node.range?.[0] ?? 0),
    comments: () => {
      comments ??= commentsByLine(tokens, lineCounter);
      return comments;
    },
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

/**
 * The first key, in document order, that is a list or a mapping (`? [a, b]`:
 * no socsim file has one, and toJS would stringify it with a warning) or
 * repeats one of its mapping's. Checked here, one set per mapping, rather
 * than by the composer's uniqueKeys, which compares every pair of keys.
 */
function firstKeyProblem(doc: Document.Parsed): { offset: number; message: string } | undefined {
  let problem: { offset: number; message: string } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key as { range?: [number, number] | null } | null;
        if (key === null || isAlias(key)) continue;
        const offset = key.range?.[0] ?? 0;
        if (!isScalar(key)) {
          problem = {
            offset,
            message: "a key must be a plain value (a name), not a list or a mapping",
          };
          return visit.BREAK;
        }
        // Read into a JavaScript object, this key would set its prototype: the field would vanish.
        if (key.value === "__proto__") {
          problem = { offset, message: "__proto__ cannot be a key" };
          return visit.BREAK;
        }
        if (seen.has(key.value)) {
          problem = { offset, message: yamlMessage("DUPLICATE_KEY", "") };
          return visit.BREAK;
        }
        seen.add(key.value);
      }
      return undefined;
    },
  });
  return problem;
}

/** The first document of the tokens, as `parseDocument` composes it; a second document is an error on the first. */
function firstDocument(
  tokens: Parameters<Composer["compose"]>[0],
  length: number,
): Document.Parsed {
  let first: Document.Parsed | undefined;
  for (const doc of new Composer({ uniqueKeys: false }).compose(tokens, true, length)) {
    if (first === undefined) first = doc;
    else {
      first.errors.push(
        new YAMLParseError(
          doc.range.slice(0, 2) as [number, number],
          "MULTIPLE_DOCS",
          "a file holds one YAML document",
        ),
      );
      break;
    }
  }
  return first!;
}
