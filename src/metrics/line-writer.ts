import { closeSync, openSync, writeSync } from "node:fs";

/**
 * Appends text lines to a file through a fixed buffer, so a long run's
 * request log or trace streams to disk instead of growing in memory.
 */
export class LineWriter {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(file: string) {
    this.fd = openSync(file, "w");
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength > 1 << 16) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(""));
    this.pending = [];
    this.pendingLength = 0;
  }
}
