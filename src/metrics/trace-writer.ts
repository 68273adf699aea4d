import { LineWriter } from "./line-writer.ts";

/**
 * Chrome Trace Event Format, streamed to disk: one process per processor,
 * one thread (track) per core or queue, a complete event (`ph: "X"`) per op
 * execution, counter events (`ph: "C"`) for frequency, temperature and power.
 * Timestamps are microseconds, as the format wants.
 */
export class TraceWriter {
  private readonly out: LineWriter;
  private readonly processIds = new Map<string, number>();
  private first = true;
  /** The scheduler run events are attributed to; each run gets its own trace processes. */
  runLabel = "";

  constructor(file: string) {
    this.out = new LineWriter(file);
    this.out.write('{"displayTimeUnit":"ms","traceEvents":[\n');
  }

  /** Declares a processor as a trace process with named tracks; returns its pid. */
  processFor(processor: string): number {
    const key = `${this.runLabel}\u0000${processor}`;
    let pid = this.processIds.get(key);
    if (pid === undefined) {
      pid = this.processIds.size + 1;
      this.processIds.set(key, pid);
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

  slice(
    processor: string,
    track: number,
    name: string,
    startNs: number,
    endNs: number,
    args: Record<string, unknown>,
  ): void {
    this.emit({
      ph: "X",
      name,
      pid: this.processFor(processor),
      tid: track,
      ts: startNs / 1000,
      dur: (endNs - startNs) / 1000,
      args,
    });
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
