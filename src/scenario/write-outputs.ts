import { randomBytes } from "node:crypto";
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  type Stats,
  unlinkSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../core/index.ts";
import { checkOutDir, isWithin } from "./output/check-out-dir.ts";
import { asFileInputError } from "./output/file-errors.ts";
import { writeMarker } from "./output/marker.ts";
import { isDeadHere, readProcessTag, writeProcessTag } from "./output/process-tag.ts";

/** Inside a temporary folder: which process is filling it, so a later run can clear it after a kill -9. */
const PARTIAL_TAG = ".socsim-partial.json";

/**
 * A run's output folder, produced all or nothing. Claiming it checks that
 * nothing the user wrote can be lost (check-out-dir.ts), takes a lock
 * beside it and opens a temporary folder there; `commit` replaces the
 * folder with the temporary one, `abandon` removes every trace of the run.
 * `abandon` is synchronous and idempotent so that a signal handler may call it.
 */
export class OutputFolder {
  private finished = false;

  private constructor(
    readonly outDir: string,
    readonly staging: string,
    private readonly lockFile: string,
    private readonly createdParent: string | undefined,
    private readonly inputs: readonly string[],
  ) {}

  /** Checks `requested` against the run's `inputs` and claims it; InputError when it may not be used. */
  static claim(requested: string, inputs: readonly string[]): OutputFolder {
    const state = checkOutDir(requested, inputs);
    const outDir = resolve(requested);
    if (state.kind !== "absent") {
      // Its replacement takes its place: one the user may not write to stays theirs.
      try {
        accessSync(outDir, constants.W_OK | constants.X_OK);
      } catch {
        throw new InputError(outDir, "cannot be used for output: you may not write to it");
      }
    }
    const parent = dirname(outDir);
    const name = basename(outDir);
    let createdParent: string | undefined;
    try {
      createdParent = mkdirSync(parent, { recursive: true });
    } catch (error) {
      throw asFileInputError(error, parent, "create the output's parent folder");
    }
    const lockFile = join(parent, `.${name}.socsim-lock`);
    try {
      takeLock(lockFile, outDir);
      clearDeadPartials(parent, name);
      // Not mkdtemp: its 0700 would become the output's mode; mkdir takes the user's umask.
      const staging = join(parent, `.${name}.socsim-partial-${randomBytes(6).toString("hex")}`);
      mkdirSync(staging);
      writeProcessTag(join(staging, PARTIAL_TAG), "wx");
      return new OutputFolder(outDir, staging, lockFile, createdParent, inputs);
    } catch (error) {
      if (!(error instanceof InputError && error.file === lockFile)) rmQuietly(lockFile);
      removeCreatedFolders(parent, createdParent);
      throw asFileInputError(error, parent, "prepare the output folder");
    }
  }

  /** Puts the temporary folder in place of the output folder and releases the lock. */
  commit(): void {
    if (this.finished) throw new Error("the output folder was already committed or abandoned");
    try {
      unlinkSync(join(this.staging, PARTIAL_TAG));
      writeMarker(this.staging, readdirSync(this.staging));
      // Checked again under the lock: the user may have added a file while the run went on.
      const state = checkOutDir(this.outDir, this.inputs);
      if (state.kind === "earlier-output") {
        for (const entry of state.entries) unlinkSync(join(this.outDir, entry));
      }
      const before = lstatSync(this.outDir, { throwIfNoEntry: false });
      renameSync(this.staging, this.outDir);
      if (before !== undefined) keepOwnership(this.outDir, before);
    } catch (error) {
      this.abandon();
      throw asFileInputError(error, this.outDir, "write the output folder");
    }
    this.finished = true;
    rmQuietly(this.lockFile);
  }

  /** Removes the temporary folder, the lock and a parent folder the claim created. */
  abandon(): void {
    if (this.finished) return;
    this.finished = true;
    rmSync(this.staging, { recursive: true, force: true });
    rmQuietly(this.lockFile);
    removeCreatedFolders(dirname(this.outDir), this.createdParent);
  }
}

/**
 * Fills a claimed output folder with `fill` and commits it; on any error the
 * folder is abandoned, so a failed run leaves nothing behind.
 */
export async function writeOutputsAtomically<T>(
  folder: OutputFolder,
  fill: (staging: string) => Promise<T> | T,
): Promise<T> {
  let value: T;
  try {
    value = await fill(folder.staging);
  } catch (error) {
    folder.abandon();
    throw asFileInputError(error, folder.staging, "write an output file");
  }
  folder.commit();
  return value;
}

/** Creates `lockFile` for this process, clearing one left by a dead process of this host; InputError while another holds it. */
export function takeLock(lockFile: string, outDir: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeProcessTag(lockFile, "wx");
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readProcessTag(lockFile);
    if (holder !== undefined && isDeadHere(holder)) {
      rmQuietly(lockFile);
      continue;
    }
    const who =
      holder === undefined
        ? `remove ${lockFile} if no socsim is running`
        : `socsim pid ${holder.pid} on ${holder.host} since ${holder.started}`;
    throw new InputError(lockFile, `${outDir} is being written by another run (${who})`);
  }
  throw new InputError(lockFile, `${outDir} is being written by another run`);
}

/** Temporary folders left by a killed run into the same folder, whose process is gone. */
function clearDeadPartials(parent: string, name: string): void {
  const prefix = `.${name}.socsim-partial-`;
  for (const entry of readdirSync(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const tag = readProcessTag(join(parent, entry, PARTIAL_TAG));
    if (tag !== undefined && isDeadHere(tag)) {
      rmSync(join(parent, entry), { recursive: true, force: true });
    }
  }
}

/**
 * The folder that replaced the user's keeps its mode (a setgid bit, group
 * write) and, where this process may set it, its group: the user's folder
 * is theirs, only its contents are socsim's.
 */
function keepOwnership(folder: string, before: Stats): void {
  chmodSync(folder, before.mode & 0o7777);
  try {
    chownSync(folder, -1, before.gid);
  } catch {
    // Not a member of that group: the folder keeps this process's group.
  }
}

function rmQuietly(file: string): void {
  rmSync(file, { force: true });
}

/** Removes `folder` and its ancestors up to `topmost`, those the claim created, while they are empty. */
function removeCreatedFolders(folder: string, topmost: string | undefined): void {
  if (topmost === undefined) return;
  for (let current = folder; isWithin(current, topmost); current = dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return; // Not empty: something else lives there now, and it stays.
    }
    if (current === topmost) return;
  }
}
