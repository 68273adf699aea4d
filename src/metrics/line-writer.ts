import { ByteWriter } from "./byte-writer.ts";
import type { SinkFileSystem } from "./file-sink.ts";

/**
 * Appends text lines to a file through a fixed byte buffer, so a long run's
 * request log streams to disk instead of growing in memory. Each line is
 * encoded into the buffer as it is written: the line's string dies young,
 * where a string appended to the text not yet written lived (and was
 * promoted by the garbage collector) until the run ended.
 */
export class LineWriter {
  private readonly out: ByteWriter;

  constructor(file: string, files?: SinkFileSystem) {
    this.out = new ByteWriter(file, files, BUFFER_BYTES);
  }

  write(text: string): void {
    this.out.text(text);
  }

  close(): void {
    this.out.close();
  }
}

/** Bytes held before a write to disk: a short run's whole log, few system calls, little memory. */
const BUFFER_BYTES = 1 << 16;
