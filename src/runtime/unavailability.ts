import { secondsToNs } from "../core/index.ts";

/**
 * `what_if.unavailable`: windows of simulated time in which a delegate's
 * invocations on an accelerator fail. A target is unavailable when any
 * processor it occupies is; an invocation that starts in a window fails at
 * once (assumed: the delegate returns its error without running), one that
 * started before runs to its end.
 */
export class Unavailability {
  /** Per target id, its windows in ns as [from, to) pairs. */
  private readonly windows = new Map<string, readonly (readonly [number, number])[]>();

  constructor(
    unavailable: Readonly<Record<string, readonly (readonly [number, number])[]>>,
    targets: readonly { readonly id: string; readonly domains: readonly string[] }[],
  ) {
    for (const target of targets) {
      const windows = target.domains.flatMap((domain) =>
        (unavailable[domain] ?? []).map(
          ([from, to]) => [secondsToNs(from), secondsToNs(to)] as const,
        ),
      );
      if (windows.length > 0) this.windows.set(target.id, windows);
    }
  }

  /** Whether an invocation on `target` starting at `nowNs` fails. */
  fails(target: string, nowNs: number): boolean {
    const windows = this.windows.get(target);
    if (windows === undefined) return false;
    return windows.some(([from, to]) => nowNs >= from && nowNs < to);
  }
}
