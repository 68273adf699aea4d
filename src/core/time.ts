/** Simulated time is an integer number of nanoseconds; these convert at the edges. */

export const NS_PER_US = 1_000;
export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;

/** Seconds (any real) to the nearest whole nanosecond. */
export function secondsToNs(seconds: number): number {
  return Math.round(seconds * NS_PER_S);
}

export function msToNs(milliseconds: number): number {
  return Math.round(milliseconds * NS_PER_MS);
}

export function nsToMs(nanoseconds: number): number {
  return nanoseconds / NS_PER_MS;
}

export function nsToSeconds(nanoseconds: number): number {
  return nanoseconds / NS_PER_S;
}
