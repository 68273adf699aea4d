import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TraceWriter } from "../../src/metrics/trace-writer.ts";

interface Slice {
  readonly name: string;
  readonly startNs: number;
  readonly durationNs: number;
  readonly request: number;
  readonly op: number;
}

/** Whole nanoseconds up to 2^53, fractional ones, and the edges where digits run out. */
const nanoseconds = fc.oneof(
  fc.constantFrom(0, 1, 10, 100, 999, 1000, 1001, 2 ** 31, 2 ** 52 - 1, 2 ** 52, 2 ** 53 - 1),
  fc.integer({ min: 0, max: 10 ** 7 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ min: 0, max: 1e12, noNaN: true }),
);

const slice: fc.Arbitrary<Slice> = fc.record({
  name: fc.string({ maxLength: 12, unit: "grapheme" }),
  startNs: nanoseconds,
  durationNs: nanoseconds,
  request: fc.integer({ min: -1, max: 2 ** 40 }),
  op: fc.integer({ min: -1, max: 5000 }),
});

/** Writes the events and returns the trace's lines, the header and footer left out. */
function written(write: (trace: TraceWriter) => void): string[] {
  const dir = mkdtempSync(join(tmpdir(), "socsim-trace-"));
  try {
    const file = join(dir, "trace.json");
    const trace = new TraceWriter(file);
    trace.runLabel = "run";
    write(trace);
    trace.close();
    const text = readFileSync(file, "utf8");
    JSON.parse(text);
    const header = '{"displayTimeUnit":"ms","traceEvents":[\n';
    const footer = "\n]}\n";
    expect(text.startsWith(header) && text.endsWith(footer)).toBe(true);
    return text.slice(header.length, -footer.length).split(",\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the trace writer", () => {
  it("writes each slice exactly as JSON.stringify writes the event, timestamps from whole ns included", () => {
    fc.assert(
      fc.property(fc.array(slice, { minLength: 1, maxLength: 40 }), (slices) => {
        const lines = written((trace) => {
          for (const s of slices)
            trace.slice("gpu", 0, s.name, s.startNs, s.startNs + s.durationNs, {
              app: s.name,
              request: s.request,
              op: s.op,
            });
        });
        // Line 0 names the gpu's trace process.
        slices.forEach((s, index) => {
          const expected = JSON.stringify({
            ph: "X",
            name: s.name,
            pid: 1,
            tid: 0,
            ts: s.startNs / 1000,
            dur: (s.startNs + s.durationNs - s.startNs) / 1000,
            args: { app: s.name, request: s.request, op: s.op },
          });
          expect(lines[index + 1]).toBe(expected);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("writes counters as JSON.stringify would, non-finite values as null", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(nanoseconds, fc.double()), { maxLength: 30 }), (samples) => {
        const lines = written((trace) => {
          for (const [timeNs, value] of samples)
            trace.counter("cpu-big", "power", timeNs, "watts", value);
        });
        samples.forEach(([timeNs, value], index) => {
          const expected = JSON.stringify({
            ph: "C",
            name: "power",
            pid: 1,
            tid: 0,
            ts: timeNs / 1000,
            args: { watts: value },
          });
          expect(lines[index + 1]).toBe(expected);
        });
      }),
      { numRuns: 300 },
    );
  });
});
