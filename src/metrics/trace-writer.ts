import { ByteWriter, encode } from "./byte-writer.ts";

/**
 * Chrome Trace Event Format, streamed to disk: one process per processor,
 * one thread (track) per core or queue, a complete event (`ph: "X"`) per op
 * execution, counter events (`ph: "C"`) for frequency, temperature and power.
 * Timestamps are microseconds, as the format wants.
 */
export class TraceWriter {
  private readonly out: ByteWriter;
  /** Per scheduler run, per processor: the trace process id. */
  private readonly processIds = new Map<string, Map<string, number>>();
  private runProcessIds = new Map<string, number>();
  private processCount = 0;
  private label = "";
  private first = true;
  /** Names as UTF-8 JSON strings: a traced run repeats a few hundred names millions of times. */
  private readonly quoted = new Map<string, Uint8Array>();

  /** Only slices and counters within [fromNs, toNs] of each run are written (`--trace-window`). */
  private readonly fromNs: number;
  private readonly toNs: number;

  constructor(file: string, window?: { readonly fromNs: number; readonly toNs: number }) {
    this.fromNs = window?.fromNs ?? 0;
    this.toNs = window?.toNs ?? Number.POSITIVE_INFINITY;
    this.out = new ByteWriter(file);
    this.out.text('{"displayTimeUnit":"ms","traceEvents":[\n');
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
    if (endNs < this.fromNs || startNs > this.toNs) return;
    const pid = this.processFor(processor);
    const out = this.out;
    this.startLine();
    out.bytes(SLICE_NAME);
    out.bytes(this.quote(name));
    out.bytes(PID);
    this.number(pid);
    out.bytes(TID);
    this.number(track);
    out.bytes(TS);
    this.microseconds(startNs);
    out.bytes(DUR);
    this.microseconds(endNs - startNs);
    out.bytes(ARGS_APP);
    out.bytes(this.quote(args.app));
    out.bytes(REQUEST);
    this.number(args.request);
    out.bytes(OP);
    this.number(args.op);
    out.bytes(CLOSE_ARGS);
  }

  /** A counter track's value (`key` names it in the args) at a time; written by hand like `slice`. */
  counter(processor: string, name: string, timeNs: number, key: string, value: number): void {
    if (timeNs < this.fromNs || timeNs > this.toNs) return;
    const pid = this.processFor(processor);
    const out = this.out;
    this.startLine();
    out.bytes(COUNTER_NAME);
    out.bytes(this.quote(name));
    out.bytes(PID);
    this.number(pid);
    out.bytes(TID_0_TS);
    this.microseconds(timeNs);
    out.bytes(ARGS);
    out.bytes(this.quote(key));
    out.bytes(COLON);
    this.number(value);
    out.bytes(CLOSE_ARGS);
  }

  close(): void {
    this.out.text("\n]}\n");
    this.out.close();
  }

  private emit(event: Record<string, unknown>): void {
    this.startLine();
    this.out.text(JSON.stringify(event));
  }

  private startLine(): void {
    if (!this.first) this.out.bytes(LINE_BREAK);
    this.first = false;
  }

  private quote(name: string): Uint8Array {
    let quoted = this.quoted.get(name);
    if (quoted === undefined) {
      quoted = encode(JSON.stringify(name));
      this.quoted.set(name, quoted);
    }
    return quoted;
  }

  /** A number as JSON writes it (non-finite numbers become null); integers digit by digit. */
  private number(value: number): void {
    if (Number.isSafeInteger(value)) this.out.integer(value);
    else this.out.text(Number.isFinite(value) ? `${value}` : "null");
  }

  /**
   * Whole nanoseconds as microseconds, in the characters
   * `JSON.stringify(ns / 1000)` gives, from integer arithmetic: formatting a
   * double is the costliest step of a slice.
   */
  private microseconds(ns: number): void {
    if (!(Number.isSafeInteger(ns) && ns >= 0 && ns < EXACT_MICROSECONDS_BELOW_NS)) {
      this.number(ns / 1000);
      return;
    }
    const out = this.out;
    const whole = Math.floor(ns / 1000);
    const fraction = ns - whole * 1000;
    out.integer(whole);
    if (fraction === 0) return;
    out.bytes(DOT);
    if (fraction % 100 === 0) out.paddedDigits(fraction / 100, 1);
    else if (fraction % 10 === 0) out.paddedDigits(fraction / 10, 2);
    else out.paddedDigits(fraction, 3);
  }
}

/**
 * Below this many ns (52 days), a double lies within 0.0005 of ns / 1000,
 * so no shorter decimal prints it and ns / 1000 prints as its exact
 * three-decimal value.
 */
const EXACT_MICROSECONDS_BELOW_NS = 2 ** 52;

const LINE_BREAK = encode(",\n");
const SLICE_NAME = encode('{"ph":"X","name":');
const COUNTER_NAME = encode('{"ph":"C","name":');
const PID = encode(',"pid":');
const TID = encode(',"tid":');
const TID_0_TS = encode(',"tid":0,"ts":');
const TS = encode(',"ts":');
const DUR = encode(',"dur":');
const ARGS_APP = encode(',"args":{"app":');
const REQUEST = encode(',"request":');
const OP = encode(',"op":');
const ARGS = encode(',"args":{');
const COLON = encode(":");
const CLOSE_ARGS = encode("}}");
const DOT = encode(".");
