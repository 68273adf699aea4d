/**
 * socsim's commands end by returning, never by `process.exit` (a signal's
 * handler excepted, through `exitNow`). So an exit while a command runs was
 * called by code socsim loaded, a user's policy module: it gets one line and
 * exit code 1 (the module is input), whatever code was passed, instead of
 * an exit that looks like success.
 */
let deliberate = false;
let reported = false;

/** Ends the process on purpose (a signal's clean-up done). */
export function exitNow(code: number): never {
  deliberate = true;
  return process.exit(code);
}

/** Says an unexpected exit happened, once, with what the command left (`what`), and makes it exit 1. */
export function reportUnexpectedExit(code: number, what?: string): void {
  if (deliberate || reported) return;
  reported = true;
  const left = what === undefined ? "" : `; ${what}`;
  process.stderr.write(
    `socsim: process.exit(${code}) was called before the command ended (by a policy module?)${left}\n`,
  );
  process.exitCode = 1;
}

/** Watches for an unexpected exit until the returned function is called (the command has ended). */
export function guardUnexpectedExit(): () => void {
  const listener = (code: number) => reportUnexpectedExit(code);
  process.on("exit", listener);
  return () => process.off("exit", listener);
}
