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
        `"ts":${microseconds(startNs)},"dur":${microseconds(endNs - startNs)},` +
        `"args":{"app":${this.quote(args.app)},"request":${jsonNumber(args.request)},"op":${jsonNumber(args.op)}}}`,
    );
  }

  /** A counter track's value (`key` names it in the args) at a time; written by hand like `slice`. */
  counter(processor: string, name: string, timeNs: number, key: string, value: number): void {
    const pid = this.processFor(processor);
    this.line(
      `{"ph":"C","name":${this.quote(name)},"pid":${pid},"tid":0,"ts":${microseconds(timeNs)},` +
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

/**
 * Below this many ns (52 days), a double lies within 0.0005 of ns / 1000,
 * so no shorter decimal prints it and ns / 1000 prints as its exact
 * three-decimal value.
 */
const EXACT_MICROSECONDS_BELOW_NS = 2 ** 52;

/**
 * Whole nanoseconds as microseconds, the characters `JSON.stringify(ns / 1000)`
 * gives, from integer arithmetic: formatting a double is the costliest step of a slice.
 */
export function microseconds(ns: number): string {
  if (!(Number.isSafeInteger(ns) && ns >= 0 && ns < EXACT_MICROSECONDS_BELOW_NS))
    return jsonNumber(ns / 1000);
  const whole = Math.floor(ns / 1000);
  const fraction = ns - whole * 1000;
  if (fraction === 0) return `${whole}`;
  const digits = fraction < 10 ? `00${fraction}` : fraction < 100 ? `0${fraction}` : `${fraction}`;
  const trimmed =
    fraction % 100 === 0 ? digits[0] : fraction % 10 === 0 ? digits.slice(0, 2) : digits;
  return `${whole}.${trimmed}`;
}

/** A number as JSON writes it (non-finite numbers become null). */
function jsonNumber(value: number): string {
  return Number.isFinite(value) ? `${value}` : "null";
}
