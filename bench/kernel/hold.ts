import { RandomStreams, Simulator } from "../../src/core/index.ts";

/**
 * The classic hold model: a fixed population of pending events, each of
 * which reschedules itself after an exponential delay. Mean delay 1 ms,
 * rounded down to whole nanoseconds.
 */
const MEAN_DELAY_NS = 1_000_000;

export interface HoldOutcome {
  readonly events: number;
  readonly seconds: number;
  /** Sum of firing times, to check that both loops did the same work. */
  readonly checksum: number;
}

export function holdOnSocsim(population: number, events: number, seed: number): HoldOutcome {
  const simulator = new Simulator();
  const random = new RandomStreams(seed).stream("hold");
  // A typed-array cell, not a captured `let`: a double mutated inside a
  // closure is boxed on every write, which would bill the model's own
  // bookkeeping to the kernel.
  const checksum = new Float64Array(1);
  const hold = (time: number): void => {
    checksum[0]! += time;
    simulator.after(Math.floor(random.exponential(MEAN_DELAY_NS)), hold);
  };
  for (let i = 0; i < population; i++)
    simulator.at(Math.floor(random.exponential(MEAN_DELAY_NS)), hold);
  const started = performance.now();
  simulator.run({ maxEvents: events });
  return {
    events: simulator.eventCount,
    seconds: (performance.now() - started) / 1000,
    checksum: checksum[0]!,
  };
}

/**
 * The same model on the tightest loop we can write: a binary heap over
 * parallel typed arrays ordered by (time, sequence), no handlers, no ids.
 * It is the ceiling the kernel is measured against.
 */
export function holdOnBareHeap(population: number, events: number, seed: number): HoldOutcome {
  const random = new RandomStreams(seed).stream("hold");
  const times = new Float64Array(population + 1);
  const sequences = new Float64Array(population + 1);
  let size = 0;
  let nextSequence = 0;
  const push = (time: number): void => {
    let position = size++;
    const sequence = nextSequence++;
    while (position > 0) {
      const parent = (position - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && sequences[parent]! < sequence)) break;
      times[position] = parentTime;
      sequences[position] = sequences[parent]!;
      position = parent;
    }
    times[position] = time;
    sequences[position] = sequence;
  };
  const pop = (): number => {
    const top = times[0]!;
    const last = --size;
    const time = times[last]!;
    const sequence = sequences[last]!;
    let position = 0;
    for (;;) {
      let child = 2 * position + 1;
      if (child >= last) break;
      const right = child + 1;
      if (
        right < last &&
        (times[right]! < times[child]! ||
          (times[right] === times[child] && sequences[right]! < sequences[child]!))
      ) {
        child = right;
      }
      const childTime = times[child]!;
      if (time < childTime || (time === childTime && sequence < sequences[child]!)) break;
      times[position] = childTime;
      sequences[position] = sequences[child]!;
      position = child;
    }
    times[position] = time;
    sequences[position] = sequence;
    return top;
  };
  for (let i = 0; i < population; i++) push(Math.floor(random.exponential(MEAN_DELAY_NS)));
  let checksum = 0;
  const started = performance.now();
  for (let fired = 0; fired < events; fired++) {
    const now = pop();
    checksum += now;
    push(now + Math.floor(random.exponential(MEAN_DELAY_NS)));
  }
  return { events, seconds: (performance.now() - started) / 1000, checksum };
}
