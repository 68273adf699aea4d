import * as fs from "node:fs";

/** The three file calls the streaming writers make; tests pass ones that fail as a full or read-only disk does. */
export type SinkFileSystem = Pick<typeof fs, "openSync" | "writeSync" | "closeSync">;

/**
 * A file opened for writing whose errors name it: `writeSync` on a file
 * descriptor reports ENOSPC without a path, and the user needs the path.
 */
export class FileSink {
  private readonly fd: number;

  constructor(
    readonly file: string,
    private readonly files: SinkFileSystem = fs,
  ) {
    this.fd = this.guard(() => files.openSync(file, "w"));
  }

  writeBytes(bytes: Uint8Array, length: number): void {
    this.guard(() => this.files.writeSync(this.fd, bytes, 0, length));
  }

  writeText(text: string): void {
    this.guard(() => this.files.writeSync(this.fd, text));
  }

  close(): void {
    this.guard(() => this.files.closeSync(this.fd));
  }

  private guard<T>(call: () => T): T {
    try {
      return call();
    } catch (error) {
      const failure = error as NodeJS.ErrnoException;
      if (failure.code !== undefined && failure.path === undefined) failure.path = this.file;
      throw error;
    }
  }
}
