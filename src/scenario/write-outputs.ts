import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Writes a run's output files all or nothing: into a fresh temporary
 * directory beside the target, renamed into place only once every file is
 * written, so a failed run never leaves a half-written directory behind.
 */
export function writeOutputsAtomically(outDir: string, files: ReadonlyMap<string, string>): void {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(outDir)}.partial-`));
  try {
    for (const [name, content] of files) writeFileSync(join(staging, name), content);
    rmSync(outDir, { recursive: true, force: true });
    renameSync(staging, outDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
