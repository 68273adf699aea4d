import { InputError, NS_PER_S, type RandomStream, secondsToNs } from "../core/index.ts";
import { readFirstColumn } from "./first-column.ts";
import { gamma, poissonCount } from "./sampling.ts";
import type { OpenArrivalSpec } from "./workload-schema.ts";

/**
 * An arrival process hands out absolute arrival times (integer ns) in
 * non-decreasing order, one at a time, so the runtime keeps one pending
 * arrival event per app and memory stays flat in simulated time.
 */
export interface ArrivalProcess {
  /** The next arrival time in ns, or Infinity when the process has ended. */
  next(): number;
}

export function makeArrivalProcess(
  spec: OpenArrivalSpec,
  random: RandomStream,
  traceTimesNs?: readonly number[],
): ArrivalProcess {
  switch (spec.process) {
    case "periodic":
      return periodic(spec.fps, spec.jitter ?? 0, random);
    case "poisson":
      return poisson(spec.rate, random);
    case "bursty":
      return bursty(spec.rate, spec.mean_on, spec.mean_off, random);
    case "trace":
      return fromTrace(traceTimesNs ?? []);
  }
}

function periodic(fps: number, jitterSeconds: number, random: RandomStream): ArrivalProcess {
  let index = 0;
  let previous = 0;
  return {
    next() {
      const nominal = (index++ * NS_PER_S) / fps;
      const jitter =
        jitterSeconds > 0 ? random.uniform(-jitterSeconds, jitterSeconds) * NS_PER_S : 0;
      // Jitter may not reorder frames: a camera delivers them in sequence.
      previous = Math.max(previous, Math.round(nominal + jitter));
      return previous;
    },
  };
}

function poisson(rate: number, random: RandomStream): ArrivalProcess {
  let time = 0;
  return {
    next() {
      time += random.exponential(NS_PER_S / rate);
      return Math.round(time);
    },
  };
}

/**
 * On/off-modulated Poisson: exponential on and off periods, Poisson arrivals
 * while on. The next arrival needs an exponential amount of on-time; when
 * that outlasts the current on period, the on periods that end within the
 * rest of it are a Poisson count (their ends form a Poisson process in
 * on-time), each followed by an exponential off period, so the off time in
 * between is one gamma draw. Every arrival costs a bounded number of draws,
 * however short the phases are against the gaps between arrivals.
 */
function bursty(
  rate: number,
  meanOn: number,
  meanOff: number,
  random: RandomStream,
): ArrivalProcess {
  const meanOnNs = meanOn * NS_PER_S;
  const meanOffNs = meanOff * NS_PER_S;
  let time = 0;
  let onLeft = random.exponential(meanOnNs);
  return {
    next() {
      const need = random.exponential(NS_PER_S / rate);
      if (need <= onLeft) {
        onLeft -= need;
        time += need;
      } else {
        const beyond = need - onLeft;
        const offPeriods = 1 + poissonCount(beyond / meanOnNs, random);
        time += need + gamma(offPeriods, meanOffNs, random);
        // Memoryless: what is left of the on period the arrival falls in is a fresh draw.
        onLeft = random.exponential(meanOnNs);
      }
      return Math.round(time);
    },
  };
}

function fromTrace(timesNs: readonly number[]): ArrivalProcess {
  let index = 0;
  return {
    next: () => (index < timesNs.length ? timesNs[index++]! : Number.POSITIVE_INFINITY),
  };
}

/** Reads a trace CSV: one arrival per line, the first column in milliseconds; `#` lines and one header line are skipped. */
export function readTraceFile(file: string): number[] {
  const times: number[] = [];
  for (const { value: ms, text, position } of readFirstColumn(file, "a time in milliseconds")) {
    const ns = secondsToNs(ms / 1000);
    if (ns < 0) throw new InputError(file, "arrival times must be >= 0", position);
    // Simulated time is integer ns in a double: exact up to 2^53 ns, about 104 days.
    if (!Number.isSafeInteger(ns))
      throw new InputError(
        file,
        `timestamp ${text} ms is too large (at most about 104 days)`,
        position,
      );
    if (times.length > 0 && ns < times[times.length - 1]!) {
      throw new InputError(
        file,
        `timestamp ${text} ms is earlier than the one before it`,
        position,
      );
    }
    times.push(ns);
  }
  if (times.length === 0) throw new InputError(file, "holds no arrival times");
  return times;
}
