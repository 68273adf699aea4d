import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SOCSIM_VERSION } from "../../core/index.ts";

/**
 * The file socsim leaves in every output folder it writes, listing each
 * entry it put there. A folder is socsim's to replace only when its marker
 * lists everything in it: nothing the user added is ever deleted.
 */
export const MARKER_FILE = ".socsim-output.json";

interface Marker {
  readonly socsim: string;
  readonly entries: readonly string[];
}

export function writeMarker(folder: string, entries: readonly string[]): void {
  const marker: Marker = { socsim: SOCSIM_VERSION, entries: [...entries].sort() };
  writeFileSync(join(folder, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
}

/** The entries an earlier output's marker lists, or undefined when there is no readable marker. */
export function readMarker(folder: string): ReadonlySet<string> | undefined {
  let marker: unknown;
  try {
    marker = JSON.parse(readFileSync(join(folder, MARKER_FILE), "utf8"));
  } catch {
    return undefined;
  }
  const entries = (marker as Partial<Marker> | null)?.entries;
  if (!Array.isArray(entries) || !entries.every((entry) => typeof entry === "string")) {
    return undefined;
  }
  return new Set([...entries, MARKER_FILE]);
}
