import { LineWriter } from "./line-writer.ts";

/**
 * Chrome Trace Event Format, streamed to disk: one process per processor,
 * one thread (track) per core or queue, a complete event (`ph: "X"`) per op
 * execution, counter events (`ph: "C"`) for frequency, temperature and power.
 * Timestamps are microseconds, as the format wants.
 */
export class TraceWriter {
  private readonly out: LineWriter;
  /** Per scheduler run, per processor: the trace process id. */
  private readonly processIds = new Map<string, Map<string, number>>();
  private runProcessIds = new Map<string, number>();
  private processCount = 0;
  private label = "";
  private first = true;
  /** Names as JSON strings: a traced run repeats a few hundred names millions of times. */
  private readonly quoted = new Map<string, string>();

  constructor(file: string) {
    this.out = new LineWriter(file);
    this.out.write('{"displayTimeUnit":"ms","traceEvents":[\n');
  }

  /** The scheduler run events are attributed to; each run gets its own trace processes. */
  get runLabel(): string {
    return this.label;
  }

  set runLabel(label: string) {
    this.label = label;
    let ids = this.processIds.get(label);
    if (ids === undefined) {
      ids = new Map();
      this.processIds.set(label, ids);
    }
    this.runProcessIds = ids;
  }

  /** Declares a processor as a trace process with named tracks; returns its pid. */
  processFor(processor: string): number {
    let pid = this.runProcessIds.get(processor);
    if (pid === undefined) {
      pid = ++this.processCount;
      this.runProcessIds.set(processor, pid);
      this.emit({
        ph: "M",
        name: "process_name",
        pid,
        tid: 0,
        args: { name: `${processor} (${this.runLabel})` },
      });
    }
    return pid;
  }

  nameTrack(processor: string, track: number, name: string): void {
    this.emit({
      ph: "M",
      name: "thread_name",
      pid: this.processFor(processor),
      tid: track,
      args: { name },
    });
  }

  /** One job execution; written by hand, the hot path of a traced run, as JSON.stringify would. */
  slice(
    processor: string,
    track: number,
    name: string,
    startNs: number,
    endNs: number,
    args: { readonly app: string; readonly request: number; readonly op: number },
  ): void {
    const pid = this.processFor(processor);
    this.line(
      `{"ph":"X","name":${this.quote(name)},"pid":${pid},"tid":${track},` +
        `"ts":${jsonNumber(startNs / 1000)},"dur":${jsonNumber((endNs - startNs) / 1000)},` +
        `"args":{"app":${this.quote(args.app)},"request":${jsonNumber(args.request)},"op":${jsonNumber(args.op)}}}`,
    );
  }

  /** A counter track's value (`key` names it in the args) at a time; written by hand like `slice`. */
  counter(processor: string, name: string, timeNs: number, key: string, value: number): void {
    const pid = this.processFor(processor);
    this.line(
      `{"ph":"C","name":${this.quote(name)},"pid":${pid},"tid":0,"ts":${jsonNumber(timeNs / 1000)},` +
        `"args":{${this.quote(key)}:${jsonNumber(value)}}}`,
    );
  }

  close(): void {
    this.out.write("\n]}\n");
    this.out.close();
  }

  private emit(event: Record<string, unknown>): void {
    this.line(JSON.stringify(event));
  }

  private line(json: string): void {
    this.out.write(this.first ? json : `,\n${json}`);
    this.first = false;
  }

  private quote(name: string): string {
    let quoted = this.quoted.get(name);
    if (quoted === undefined) {
      quoted = JSON.stringify(name);
      this.quoted.set(name, quoted);
    }
    return quoted;
  }
}

/** A number as JSON writes it (non-finite numbers become null). */
function jsonNumber(value: number): string {
  return Number.isFinite(value) ? `${value}` : "null";
}
