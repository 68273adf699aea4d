import { FileSink, type SinkFileSystem } from "./file-sink.ts";

/**
 * Appends text lines to a file through a fixed buffer, so a long run's
 * request log or trace streams to disk instead of growing in memory.
 */
export class LineWriter {
  private readonly sink: FileSink;
  /** Text not yet written: V8 appends to a string without copying until it is flushed. */
  private pending = "";

  constructor(file: string, files?: SinkFileSystem) {
    this.sink = new FileSink(file, files);
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length > FLUSH_CHARS) this.flush();
  }

  close(): void {
    this.flush();
    this.sink.close();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.sink.writeText(this.pending);
    this.pending = "";
  }
}

/** Characters held before a write to disk: few system calls, little memory. */
const FLUSH_CHARS = 1 << 18;
