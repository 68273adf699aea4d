/**
 * A value a policy returned or threw, described for an error message.
 * Describing runs no more of the policy's code than it must, and whatever
 * that code throws is caught: an error about a policy must never itself be
 * an error of socsim.
 */
export function describeValue(value: unknown): string {
  try {
    if (typeof value === "number" || typeof value === "boolean" || value === undefined)
      return String(value);
    if (typeof value === "bigint") return `${value}n`;
    if (typeof value === "symbol") return value.toString();
    if (typeof value === "function") return "a function";
    return JSON.stringify(value) ?? String(value);
  } catch {
    return `an unprintable ${typeof value}`;
  }
}

/** The message of what a policy threw (an Error's message, a string as is, else the value described). */
export function thrownMessage(thrown: unknown): string {
  if (typeof thrown === "string") return thrown;
  try {
    if (thrown instanceof Error) return String(thrown.message);
  } catch {
    return "an exception whose message cannot be read";
  }
  return describeValue(thrown);
}
