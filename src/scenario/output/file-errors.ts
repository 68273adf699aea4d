import { InputError } from "../../core/index.ts";

/**
 * Errors of the file system that are the environment's, not socsim's: a
 * full disk, a read-only mount, a folder the user may not write. They are
 * reported as bad input naming the path (exit 1), never as a bug.
 */
const ENVIRONMENT_ERRORS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "is a folder",
  EEXIST: "already exists",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
  EIO: "input/output error",
  ENOENT: "no such file or folder",
};

/** `error` as an InputError about `path` when it is an environment error; otherwise `error` itself. */
export function asFileInputError(error: unknown, path: string, doing: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === undefined || !(code in ENVIRONMENT_ERRORS)) return error;
  const where = (error as NodeJS.ErrnoException).path ?? path;
  return new InputError(where, `cannot ${doing}: ${ENVIRONMENT_ERRORS[code]} (${code})`);
}
