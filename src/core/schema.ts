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
