import { mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Produces a run's output directory all or nothing: `fill` writes into a
 * fresh temporary directory beside the target, which is renamed into place
 * only when `fill` succeeds, so a failed run never leaves a half-written
 * directory behind.
 */
export async function writeOutputsAtomically<T>(
  outDir: string,
  fill: (staging: string) => Promise<T> | T,
): Promise<T> {
  const parent = dirname(outDir);
  const createdParent = mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(outDir)}.partial-`));
  try {
    const value = await fill(staging);
    rmSync(outDir, { recursive: true, force: true });
    renameSync(staging, outDir);
    return value;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (createdParent !== undefined) rmSync(createdParent, { recursive: true, force: true });
    throw error;
  }
}
