import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readFileSync,
  type Stats,
  statSync,
} from "node:fs";
import { InputError } from "./input-error.ts";

/**
 * Size caps of the files socsim reads (docs/cli.md, "Input bounds"). A YAML
 * file is hand-written and small; a trace holds one line per arrival; an
 * ONNX file carries its weights.
 */
export const MAX_YAML_BYTES = 8 * 1024 * 1024;
export const MAX_TRACE_BYTES = 64 * 1024 * 1024;
export const MAX_ONNX_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Reads a whole input file, refusing a missing or unreadable file, a
 * directory, a device or a FIFO (stat first: reading /dev/zero never ends
 * and opening a FIFO blocks) and a file past `maxBytes`, each as one line.
 */
export function readInputFile(file: string, maxBytes: number): Buffer {
  let descriptor: number | undefined;
  try {
    refuseUnlessReadable(file, statSync(file), maxBytes);
    // Non-blocking, and checked again once open, in case the path was swapped for a FIFO meanwhile.
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    refuseUnlessReadable(file, fstatSync(descriptor), maxBytes);
    return readFileSync(descriptor);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      file,
      code === "ENOENT" ? "no such file" : `cannot be read (${code ?? "error"})`,
    );
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function refuseUnlessReadable(file: string, stats: Stats, maxBytes: number): void {
  if (stats.isDirectory()) throw new InputError(file, "is a directory, not a regular file");
  if (!stats.isFile()) throw new InputError(file, "is not a regular file (a device or a FIFO?)");
  if (stats.size > maxBytes)
    throw new InputError(
      file,
      `is too large (${mebibytes(stats.size)}; socsim reads at most ${mebibytes(maxBytes)} from such a file)`,
    );
}

function mebibytes(bytes: number): string {
  return `${Number((bytes / 2 ** 20).toPrecision(3))} MiB`;
}
