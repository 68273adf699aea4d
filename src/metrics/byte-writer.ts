import { FileSink, type SinkFileSystem } from "./file-sink.ts";

/**
 * Appends UTF-8 to a file through a fixed byte buffer. The trace's hot path
 * writes its fixed pieces as pre-encoded bytes and its integers digit by
 * digit, so a traced run builds no string per event: strings would be
 * garbage for the GC and UTF-8 to encode again at every write.
 */
export class ByteWriter {
  private readonly sink: FileSink;
  private readonly buffer: Uint8Array;
  private length = 0;

  constructor(
    file: string,
    files?: SinkFileSystem,
    /** Bytes held before a write to disk. */
    private readonly capacity = BUFFER_BYTES,
  ) {
    this.sink = new FileSink(file, files);
    this.buffer = new Uint8Array(capacity);
  }

  /** Bytes encoded once (see `encode`). */
  bytes(encoded: Uint8Array): void {
    const count = encoded.length;
    if (this.length + count > this.capacity) {
      this.flush();
      if (count > this.capacity) {
        this.sink.writeBytes(encoded, count);
        return;
      }
    }
    // A loop beats TypedArray.prototype.set's call overhead on the short pieces of a trace line.
    if (count <= SHORT_COPY) {
      const buffer = this.buffer;
      const at = this.length;
      for (let index = 0; index < count; index++) buffer[at + index] = encoded[index]!;
    } else {
      this.buffer.set(encoded, this.length);
    }
    this.length += count;
  }

  text(text: string): void {
    const count = text.length;
    if (this.length + count > this.capacity) this.flush();
    if (count <= this.capacity) {
      const buffer = this.buffer;
      const at = this.length;
      let index = 0;
      for (; index < count; index++) {
        const code = text.charCodeAt(index);
        if (code >= 0x80) break;
        buffer[at + index] = code;
      }
      if (index === count) {
        this.length += count;
        return;
      }
    }
    // Not all ASCII (or longer than the buffer): let the encoder do it.
    this.bytes(encoder.encode(text));
  }

  /** A safe integer, in the digits `String(value)` gives. */
  integer(value: number): void {
    if (this.length + MAX_INTEGER_CHARS > this.capacity) this.flush();
    const buffer = this.buffer;
    let rest = value;
    if (rest < 0) {
      buffer[this.length++] = MINUS;
      rest = -rest;
    }
    let digits = 1;
    for (let bound = 10; bound <= rest; bound *= 10) digits++;
    let at = this.length + digits;
    this.length = at;
    while (rest > MAX_INT32) {
      const next = Math.floor(rest / 10);
      buffer[--at] = ZERO + (rest - next * 10);
      rest = next;
    }
    // The last (usually all) digits in 32-bit integer arithmetic.
    let small = rest | 0;
    do {
      const next = (small / 10) | 0;
      buffer[--at] = ZERO + (small - next * 10);
      small = next;
    } while (small > 0);
  }

  /** `count` digits of `value` (0 ≤ value < 10^count), leading zeros kept. */
  paddedDigits(value: number, count: number): void {
    if (this.length + count > this.capacity) this.flush();
    let rest = value;
    for (let at = this.length + count - 1; at >= this.length; at--) {
      const next = Math.floor(rest / 10);
      this.buffer[at] = ZERO + (rest - next * 10);
      rest = next;
    }
    this.length += count;
  }

  close(): void {
    this.flush();
    this.sink.close();
  }

  private flush(): void {
    if (this.length === 0) return;
    this.sink.writeBytes(this.buffer, this.length);
    this.length = 0;
  }
}

const encoder = new TextEncoder();

/** UTF-8 of a piece written many times. */
export function encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Bytes held before a write to disk: few system calls, little memory. */
const BUFFER_BYTES = 1 << 18;
/** Pieces up to this many bytes are copied by a loop. */
const SHORT_COPY = 32;
const MAX_INT32 = 2 ** 31 - 1;
/** A safe integer is at most 16 digits and a sign. */
const MAX_INTEGER_CHARS = 17;
const ZERO = 48;
const MINUS = 45;
