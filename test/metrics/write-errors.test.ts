import * as fs from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/index.ts";
import type { SinkFileSystem } from "../../src/metrics/file-sink.ts";
import { LineWriter } from "../../src/metrics/line-writer.ts";
import { TraceWriter } from "../../src/metrics/trace-writer.ts";
import { asFileInputError } from "../../src/scenario/output/file-errors.ts";

/** A file system whose `call` fails with `code`, as a full, read-only or forbidden disk does. */
function failing(call: keyof SinkFileSystem, code: string): SinkFileSystem {
  const fail = () => {
    throw Object.assign(new Error(`${code}: injected`), { code });
  };
  return {
    openSync: call === "openSync" ? fail : fs.openSync,
    writeSync: call === "writeSync" ? fail : fs.writeSync,
    closeSync: call === "closeSync" ? fail : fs.closeSync,
  } as SinkFileSystem;
}

function asLine(write: () => void): string {
  try {
    write();
  } catch (error) {
    const converted = asFileInputError(error, "elsewhere", "write an output file");
    if (converted instanceof InputError) return converted.describe();
    throw converted;
  }
  return "written";
}

describe("write errors name the file", () => {
  const folder = mkdtempSync(join(tmpdir(), "socsim-write-errors-"));

  for (const [call, code, words] of [
    ["writeSync", "ENOSPC", "no space left"],
    ["openSync", "EROFS", "the file system is read-only"],
    ["openSync", "EACCES", "permission denied"],
    ["closeSync", "EIO", "input/output"],
  ] as const) {
    it(`${code} from ${call} becomes one line naming the file`, () => {
      const file = join(folder, `${code}.jsonl`);
      const line = asLine(() => {
        const writer = new LineWriter(file, failing(call, code));
        writer.write("{}\n");
        writer.close();
      });
      expect(line.startsWith(`${file}: cannot write an output file: ${words}`)).toBe(true);
      expect(line.endsWith(`(${code})`)).toBe(true);
    });
  }

  it("a full disk under the trace writer's byte buffer names trace.json", () => {
    // /dev/full accepts the open and fails every write with ENOSPC: a real full disk.
    const line = asLine(() => {
      const trace = new TraceWriter("/dev/full");
      trace.close();
    });
    expect(line).toMatch(/^\/dev\/full: cannot write an output file: no space left .*\(ENOSPC\)$/);
  });

  it("leaves other errors alone: a bug stays a bug", () => {
    const bug = new TypeError("not a file problem");
    expect(asFileInputError(bug, "x", "write")).toBe(bug);
  });
});
