import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

/**
 * Which socsim process made a lock or a temporary folder: its host and pid.
 * Only a tag of this host whose process has died may be cleared by another
 * run; a tag of another host is never guessed about.
 */
export interface ProcessTag {
  readonly host: string;
  readonly pid: number;
  readonly started: string;
  /** Which process of that pid: a container restarted with the same hostname often gets the pid of the one killed. */
  readonly instance: string;
}

const INSTANCE = randomUUID();

export function currentProcessTag(): ProcessTag {
  return {
    host: hostname(),
    pid: process.pid,
    started: new Date().toISOString(),
    instance: INSTANCE,
  };
}

export function writeProcessTag(file: string, flag: "w" | "wx"): void {
  writeFileSync(file, `${JSON.stringify(currentProcessTag())}\n`, { flag });
}

export function readProcessTag(file: string): ProcessTag | undefined {
  try {
    const tag = JSON.parse(readFileSync(file, "utf8")) as Partial<ProcessTag>;
    if (typeof tag.host !== "string" || !Number.isSafeInteger(tag.pid)) return undefined;
    return {
      host: tag.host,
      pid: tag.pid as number,
      started: String(tag.started ?? ""),
      instance: String(tag.instance ?? ""),
    };
  } catch {
    return undefined;
  }
}

/** The tag names a process of this host that no longer exists. */
export function isDeadHere(tag: ProcessTag): boolean {
  if (tag.host !== hostname()) return false;
  // This process's pid in another process's tag: that one is gone.
  if (tag.pid === process.pid) return tag.instance !== INSTANCE;
  try {
    process.kill(tag.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
