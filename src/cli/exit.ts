import { InputError } from "../core/index.ts";
import { PolicyError } from "../runtime/runtime.ts";

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, badInput: 1, usage: 2, internal: 3 } as const;

/** A usage problem found after parsing (a flag value out of range, say): exit 2. */
export class UsageError extends Error {}

/** Prints an error the way the contract says and returns the exit code. */
export function reportError(error: unknown, debug: boolean): number {
  if (error instanceof InputError) {
    process.stderr.write(`socsim: ${error.describe()}\n`);
    return EXIT.badInput;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`socsim: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof PolicyError) {
    // A user's module is input (exit 1, at its scheduler entry); a built-in policy's bug is socsim's (exit 3).
    const place = error.userPlace;
    if (place !== undefined) {
      process.stderr.write(`socsim: ${place}: policy error: ${error.message}\n`);
      return EXIT.badInput;
    }
    process.stderr.write(`socsim: policy error: ${error.message}\n`);
    return internal(error, debug);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`socsim: internal error: ${message.split("\n")[0]}\n`);
  return internal(error, debug);
}

/** The stack of a bug (exit 3) with --debug, or how to get it. */
function internal(error: unknown, debug: boolean): number {
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write("socsim: (run again with --debug for the stack)\n");
  return EXIT.internal;
}
