import { createHash } from "node:crypto";

/** JSON with every mapping's keys sorted, so equal values have equal text whatever the YAML order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    const fields = keys.map(
      (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
    );
    return `{${fields.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A run's id: the first 12 hex digits of the SHA-256 of its canonical axis values. */
export function runId(axes: Readonly<Record<string, unknown>>): string {
  return createHash("sha256").update(canonicalJson(axes)).digest("hex").slice(0, 12);
}

export const RUN_ID = /^[0-9a-f]{12}$/;
