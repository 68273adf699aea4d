/** What a checker found: ok, or the violations with one readable explanation. */
export type CheckResult =
  | { readonly ok: true; readonly checker: string }
  | {
      readonly ok: false;
      readonly checker: string;
      /** The first violation in a sentence, and how many more there are. */
      readonly explanation: string;
      readonly violations: readonly string[];
    };

/** Thrown by the assert form of a checker. */
export class CheckFailure extends Error {
  constructor(readonly result: Extract<CheckResult, { ok: false }>) {
    super(`${result.checker}: ${result.explanation}`);
    this.name = "CheckFailure";
  }
}

export function resultOf(checker: string, violations: readonly string[]): CheckResult {
  if (violations.length === 0) return { ok: true, checker };
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : "";
  return { ok: false, checker, explanation: `${violations[0]}${more}`, violations };
}

/** Throws a CheckFailure when the result is not ok. */
export function assertCheck(result: CheckResult): void {
  if (!result.ok) throw new CheckFailure(result);
}

/** The assert form of a checker: the same arguments, throws instead of returning a failure. */
export function asserting<Args extends unknown[]>(
  check: (...args: Args) => CheckResult,
): (...args: Args) => void {
  return (...args) => assertCheck(check(...args));
}
