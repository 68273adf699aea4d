import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RandomStreams, Simulator } from "../../src/core/index.ts";

/** A small random model: each event may spawn, cancel or re-time others. Returns the fired sequence. */
function playRandomModel(seed: number, events: number): string[] {
  const simulator = new Simulator();
  const random = new RandomStreams(seed).stream("model");
  const log: string[] = [];
  const pending: number[] = [];
  let label = 0;
  const spawn = (): void => {
    const name = label++;
    const id = simulator.after(random.integer(0, 50), (time) => {
      log.push(`${time}:${name}`);
      if (label < events) spawn();
      if (random.random() < 0.5 && label < events) spawn();
      const victim = pending[random.integer(0, pending.length - 1)];
      if (victim !== undefined && random.random() < 0.2) simulator.cancel(victim);
      if (victim !== undefined && random.random() < 0.2 && simulator.isPending(victim)) {
        simulator.retime(victim, simulator.now + random.integer(0, 30));
      }
    });
    pending.push(id);
  };
  spawn();
  simulator.run();
  return log;
}

describe("Simulator", () => {
  it("never moves time backwards", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const times = playRandomModel(seed, 200).map((entry) => Number(entry.split(":")[0]));
        for (let i = 1; i < times.length; i++)
          expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
      }),
      { numRuns: 50 },
    );
  });

  it("gives the same event sequence for the same seed, and another for another seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        expect(playRandomModel(seed, 300)).toEqual(playRandomModel(seed, 300));
      }),
      { numRuns: 30 },
    );
    expect(playRandomModel(1, 300)).not.toEqual(playRandomModel(2, 300));
  });

  it("runs ties in insertion order", () => {
    const simulator = new Simulator();
    const order: number[] = [];
    for (let i = 0; i < 10; i++) simulator.at(100, () => order.push(i));
    simulator.run();
    expect(order).toEqual([...Array(10).keys()]);
  });

  it("stops at `until` with the clock set to it, and when the stop condition holds", () => {
    const simulator = new Simulator();
    let ticks = 0;
    const tick = (): void => {
      ticks++;
      simulator.after(10, tick);
    };
    simulator.at(0, tick);
    expect(simulator.run({ until: 95 })).toEqual({ reason: "until", events: 10 });
    expect(simulator.now).toBe(95);
    expect(simulator.run({ stopWhen: () => ticks === 15 })).toEqual({
      reason: "stopped",
      events: 5,
    });
    expect(simulator.eventCount).toBe(15);
    expect(simulator.run({ maxEvents: 7 })).toEqual({ reason: "stopped", events: 7 });
    expect(simulator.eventCount).toBe(22);
  });

  it("refuses to schedule into the past or at a fractional nanosecond", () => {
    const simulator = new Simulator();
    simulator.at(10, () => {});
    simulator.run();
    expect(() => simulator.at(5, () => {})).toThrow(/before now/);
    expect(() => simulator.after(0.5, () => {})).toThrow(/integer/);
  });
});
