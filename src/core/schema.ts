import type { z } from "zod";
import type { InputError, PathSegment } from "./input-error.ts";
import { parseYaml, readTextFile, type YamlSource } from "./yaml-source.ts";

/**
 * Schema helpers shared by every YAML file socsim reads: zod schemas whose
 * issues are turned into one InputError at the offending FILE:LINE:COL.
 */

/** Validates `source.data` against `schema`; the first issue (in document order) becomes an InputError. */
export function validateSource<Schema extends z.ZodType>(
  source: YamlSource,
  schema: Schema,
): z.output<Schema> {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  throw issueToError(source, firstIssue(source, result.error.issues));
}

function firstIssue(source: YamlSource, issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  let best = issues[0]!;
  let bestPosition = Number.POSITIVE_INFINITY;
  for (const issue of issues) {
    const { line, col } = source.positionOf(issue.path as PathSegment[]);
    const order = line * 1e6 + col;
    if (order < bestPosition) {
      bestPosition = order;
      best = issue;
    }
  }
  return best;
}

function issueToError(source: YamlSource, issue: z.core.$ZodIssue): InputError {
  const branch = unionBranchIssue(issue);
  if (branch !== undefined) return issueToError(source, branch);
  const path = issue.path as PathSegment[];
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    return source.errorAt([...path, key], "unknown field", true);
  }
  if (issue.code === "invalid_type" && valueAt(source.data, path) === undefined) {
    return source.errorAt(path, `missing required field (${issue.expected})`);
  }
  return source.errorAt(path, issue.message);
}

/**
 * A value that matched none of a union's forms (a scheduler entry: a name
 * or a mapping) is reported through the form whose type it has: the
 * deepest issue of the one branch that did not fail on the value's type
 * itself, at its full path. Undefined when no single branch stands out.
 */
function unionBranchIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue | undefined {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return undefined;
  const ofType = issue.errors.filter(
    (errors) =>
      !(errors.length === 1 && errors[0]!.code === "invalid_type" && errors[0]!.path.length === 0),
  );
  if (ofType.length !== 1) return undefined;
  const inner = ofType[0]![0]!;
  return { ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

/** Reads and parses a socsim YAML file (or `text`, already read from it) and checks its `kind:`. */
export function readYamlFile(
  file: string,
  text: string = readTextFile(file),
): YamlSource & { kind: string } {
  const source = parseYaml(file, text);
  const kind = source.data.kind;
  if (kind === undefined) {
    throw source.errorAt([], `missing "kind:" (one of ${YAML_KINDS.join(", ")})`);
  }
  if (typeof kind !== "string" || !(YAML_KINDS as readonly string[]).includes(kind)) {
    throw source.errorAt(
      ["kind"],
      `unknown kind ${JSON.stringify(kind)} (one of ${YAML_KINDS.join(", ")})`,
    );
  }
  return { ...source, kind };
}

export const YAML_KINDS = ["soc", "model", "workload", "scenario", "sweep"] as const;
export type YamlKind = (typeof YAML_KINDS)[number];
