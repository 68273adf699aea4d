import { lstatSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { InputError } from "../../core/index.ts";
import { readMarker } from "./marker.ts";

/** What an output folder holds before a run writes it. */
export type OutDirState =
  | { readonly kind: "absent" }
  | { readonly kind: "empty" }
  /** An earlier socsim output: these entries (all of the folder's) may be replaced. */
  | { readonly kind: "earlier-output"; readonly entries: readonly string[] };

/** `inner` is `outer` or lies inside it. */
export function isWithin(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return path === "" || (!path.startsWith("..") && !isAbsolute(path));
}

/**
 * Refuses any output folder whose replacement could destroy something socsim
 * did not write: the working folder or one of its ancestors, the home folder
 * or an ancestor of it, a folder holding one of the run's inputs or inside
 * an input folder, a file, a link, or a folder with entries no socsim
 * marker lists. No flag overrides
 * these: the user names another folder instead.
 */
export function checkOutDir(requested: string, inputs: readonly string[]): OutDirState {
  const outDir = checkOutLocation(requested, inputs);
  const refuse = (why: string) => new InputError(outDir, `cannot be used for output: ${why}`);
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
    throw refuse(`it cannot be inspected (${(error as NodeJS.ErrnoException).code})`);
  }
  if (stats.isSymbolicLink()) throw refuse("it is a symbolic link (name the folder itself)");
  if (!stats.isDirectory()) throw refuse("it is a file, not a folder");
  const entries = readdirSync(outDir);
  if (entries.length === 0) return { kind: "empty" };
  const listed = readMarker(outDir);
  if (listed === undefined) {
    throw refuse(`it holds files socsim did not write (${describe(entries)})`);
  }
  // A sweep's folder (its run folders in runs/): only the sweep itself resumes or replaces it.
  if (listed.has("sweep.json") && entries.includes("runs"))
    throw refuse("it holds a sweep's runs, which only that sweep resumes or replaces");
  // socsim writes only plain files: a listed name that is now a folder or link is the user's.
  const foreign = entries.filter(
    (entry) => !listed.has(entry) || !lstatSync(join(outDir, entry)).isFile(),
  );
  if (foreign.length > 0) {
    throw refuse(`it holds files socsim did not write (${describe(foreign)})`);
  }
  return { kind: "earlier-output", entries };
}

/**
 * The part of checkOutDir about where the folder is, not what it holds
 * (a sweep folder, which holds run folders, checks its contents itself):
 * returns the absolute path.
 */
export function checkOutLocation(requested: string, inputs: readonly string[]): string {
  if (requested.trim() === "") throw new InputError("--out", "names no folder");
  const outDir = resolve(requested);
  const refuse = (why: string) => new InputError(outDir, `cannot be used for output: ${why}`);
  if (isWithin(process.cwd(), outDir)) {
    throw refuse("it is the working folder or contains it");
  }
  if (isWithin(homedir(), outDir)) throw refuse("it is the home folder or contains it");
  for (const input of inputs) {
    if (isWithin(resolve(input), outDir)) throw refuse(`it holds an input of this run (${input})`);
    // An input folder (merge's shard folders) would gain an entry it does not expect.
    if (isWithin(outDir, resolve(input))) throw refuse(`it lies inside an input (${input})`);
  }
  return outDir;
}

export function describe(entries: readonly string[]): string {
  const sorted = [...entries].sort();
  const shown = sorted.slice(0, 3).join(", ");
  return sorted.length > 3 ? `${shown} and ${sorted.length - 3} more` : shown;
}
