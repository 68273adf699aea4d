import { exitNow, reportUnexpectedExit } from "./unexpected-exit.ts";

/**
 * Ctrl-C and SIGTERM end a run cleanly: `cleanup` removes what the run had
 * started writing (awaited when it returns a promise), one line says so,
 * and the exit code is the shell's 128 + signal (130, 143). Node runs the
 * handler only between turns of the event loop, which is why long
 * simulations yield now and then (src/scenario/experiment.ts).
 *
 * A `process.exit` called while the run is under way (a user's policy
 * module can call it) is heard too: `exitCleanup`, which must be
 * synchronous since nothing runs after the exit event, removes the same,
 * and the line src/cli/unexpected-exit.ts prints says so.
 */
const EXIT_ON_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;

export function cleanUpOnInterrupt(
  cleanup: () => void | Promise<void>,
  what: string,
  exitCleanup: () => void = () => void cleanup(),
): () => void {
  let ending = false;
  const handlers = Object.entries(EXIT_ON_SIGNAL).map(([signal, code]) => {
    const handler = () => {
      // A second signal while the first's cleanup waits (a sweep's workers stopping) changes nothing.
      if (ending) return;
      ending = true;
      void Promise.resolve()
        .then(cleanup)
        .finally(() => {
          process.stderr.write(`socsim: interrupted by ${signal}; ${what}\n`);
          exitNow(code);
        });
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const onExit = (code: number) => {
    if (ending) return;
    ending = true;
    exitCleanup();
    reportUnexpectedExit(code, what);
  };
  // Ahead of the command-wide guard's listener, so that the line names what was cleaned up.
  process.prependListener("exit", onExit);
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    process.off("exit", onExit);
  };
}
