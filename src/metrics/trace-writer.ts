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
    const line =
      `{"ph":"X","name":${JSON.stringify(name)},"pid":${pid},"tid":${track},` +
      `"ts":${startNs / 1000},"dur":${(endNs - startNs) / 1000},` +
      `"args":{"app":${JSON.stringify(args.app)},"request":${args.request},"op":${args.op}}}`;
    this.out.write(this.first ? line : `,\n${line}`);
    this.first = false;
  }

  counter(processor: string, name: string, timeNs: number, values: Record<string, number>): void {
    this.emit({
      ph: "C",
      name,
      pid: this.processFor(processor),
      tid: 0,
      ts: timeNs / 1000,
      args: values,
    });
  }

  close(): void {
    this.out.write("\n]}\n");
    this.out.close();
  }

  private emit(event: Record<string, unknown>): void {
    this.out.write(this.first ? JSON.stringify(event) : `,\n${JSON.stringify(event)}`);
    this.first = false;
  }
}
