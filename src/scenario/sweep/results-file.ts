import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";

/** One finished run in results.jsonl. */
export interface ResultsLine {
  readonly sweep: string;
  readonly id: string;
  readonly axes: Readonly<Record<string, unknown>>;
  readonly socsim: string;
  /** The run's results.json, byte for byte (same scenario, seed and version: same bytes). */
  readonly results: unknown;
  /** What varies between machines: wall time, events, Node, platform, worker. */
  readonly host: Readonly<Record<string, unknown>>;
}

/**
 * The text of a line. `resultsJson` is embedded as the worker wrote it so
 * that a run's results are the same bytes whichever worker ran it.
 */
export function formatLine(line: Omit<ResultsLine, "results">, resultsJson: string): string {
  const head = JSON.stringify({
    sweep: line.sweep,
    id: line.id,
    axes: line.axes,
    socsim: line.socsim,
  });
  return `${head.slice(0, -1)},"results":${resultsJson},"host":${JSON.stringify(line.host)}}\n`;
}

/** A line as read back: parsed, and its text with the newline (merge copies it byte for byte). */
export interface ReadLine {
  readonly line: ResultsLine;
  readonly text: string;
}

/**
 * The complete lines of a results file. A killed sweep can leave its last
 * line half-written; with `repair` the file is cut back to the last
 * complete line, so that a resumed sweep runs that run again.
 */
export function readResultsFile(file: string, repair: boolean): ReadLine[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const lines: ReadLine[] = [];
  let kept = 0;
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf("\n", start);
    if (end < 0) break;
    const lineText = text.slice(start, end + 1);
    const parsed = parseLine(lineText);
    if (parsed === undefined) break;
    lines.push({ line: parsed, text: lineText });
    kept += Buffer.byteLength(lineText);
    start = end + 1;
  }
  if (repair && kept < Buffer.byteLength(text)) {
    const descriptor = openSync(file, "r+");
    try {
      ftruncateSync(descriptor, kept);
    } finally {
      closeSync(descriptor);
    }
  }
  return lines;
}

function parseLine(text: string): ResultsLine | undefined {
  try {
    const line = JSON.parse(text) as Partial<ResultsLine>;
    if (typeof line.id !== "string" || typeof line.sweep !== "string") return undefined;
    return line as ResultsLine;
  } catch {
    return undefined;
  }
}

/** Appends whole lines, each with one write to a file opened for appending, so a line is never interleaved. */
export class ResultsAppender {
  private readonly descriptor: number;

  constructor(file: string) {
    this.descriptor = openSync(file, "a");
  }

  append(text: string): void {
    const bytes = Buffer.from(text);
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(this.descriptor, bytes, written, bytes.length - written);
    }
  }

  close(): void {
    closeSync(this.descriptor);
  }
}
