import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { currentProcessTag, isDeadHere } from "../../src/scenario/output/process-tag.ts";

describe("process tags of locks and temporary folders", () => {
  const here = (pid: number, instance: string) => ({
    host: hostname(),
    pid,
    started: "earlier",
    instance,
  });

  it("takes this process's pid in another process's tag for a dead one (a restarted container's pid 1)", () => {
    expect(isDeadHere(here(process.pid, "an earlier process"))).toBe(true);
    expect(isDeadHere(currentProcessTag())).toBe(false);
  });

  it("keeps a live process's tag and another host's, and clears an exited process's", () => {
    expect(isDeadHere(here(process.ppid, "its parent"))).toBe(false);
    expect(isDeadHere({ ...here(1, "x"), host: "another-host" })).toBe(false);
    const exited = spawnSync(process.execPath, ["-e", "0"]).pid!;
    expect(isDeadHere(here(exited, "x"))).toBe(true);
  });
});
