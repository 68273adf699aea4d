import seedrandom from "seedrandom";

/**
 * Named random streams. Each stream's generator is seeded from (seed, name)
 * alone, so adding or drawing from one stream never changes another's draws.
 * The generator is seedrandom's Alea: fast, with 32-bit-resolution doubles
 * extended to 53 bits by `double()`.
 */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number) {}

  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new RandomStream(`${this.seed}\u0000${name}`);
      this.streams.set(name, stream);
    }
    return stream;
  }

  /** Names of the streams drawn so far, sorted (for run manifests). */
  names(): string[] {
    return [...this.streams.keys()].sort();
  }
}

export class RandomStream {
  private readonly next: () => number;
  private spareNormal = Number.NaN;

  constructor(seedText: string) {
    this.next = seedrandom.alea(seedText).double;
  }

  /** Uniform on [0, 1). */
  random(): number {
    return this.next();
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Uniform integer in [low, high], both ends included. */
  integer(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** Exponential with the given mean (not rate): inverse transform on (0, 1]. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Normal by the polar Box–Muller method; the second variate is kept for the next call. */
  normal(mean = 0, standardDeviation = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const spare = this.spareNormal;
      this.spareNormal = Number.NaN;
      return mean + standardDeviation * spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return mean + standardDeviation * u * factor;
  }

  /** Lognormal whose logarithm is Normal(mu, sigma). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** An index drawn with probability proportional to its (non-negative) weight. */
  discrete(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    if (!(total > 0)) throw new RangeError("discrete draw needs a positive total weight");
    let threshold = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      threshold -= weights[i]!;
      if (threshold < 0) return i;
    }
    return weights.length - 1;
  }
}
