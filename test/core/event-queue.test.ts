import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue, NO_EVENT } from "../../src/core/index.ts";

type Operation =
  | { op: "schedule"; time: number }
  | { op: "cancel"; which: number }
  | { op: "retime"; which: number; time: number }
  | { op: "pop" };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant("schedule" as const), time: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ op: fc.constant("cancel" as const), which: fc.nat() }),
  fc.record({
    op: fc.constant("retime" as const),
    which: fc.nat(),
    time: fc.integer({ min: 0, max: 20 }),
  }),
  fc.record({ op: fc.constant("pop" as const) }),
);

/** A reference model: a plain list sorted by (time, sequence) on every pop. */
class ReferenceQueue {
  private entries: { label: number; time: number; sequence: number }[] = [];
  private sequence = 0;
  schedule(label: number, time: number): void {
    this.entries.push({ label, time, sequence: this.sequence++ });
  }
  cancel(label: number): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.label !== label);
    return this.entries.length < before;
  }
  retime(label: number, time: number): boolean {
    if (!this.cancel(label)) return false;
    this.schedule(label, time);
    return true;
  }
  pop(): { label: number; time: number } | undefined {
    this.entries.sort((a, b) => a.time - b.time || a.sequence - b.sequence);
    const first = this.entries.shift();
    return first && { label: first.label, time: first.time };
  }
}

describe("EventQueue", () => {
  it("pops in (time, insertion) order and treats re-timing as cancel + schedule, like a reference model", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (operations) => {
        const queue = new EventQueue(4);
        const reference = new ReferenceQueue();
        const ids: number[] = [];
        let popped: number | undefined;
        for (const step of operations) {
          if (step.op === "schedule") {
            const label = ids.length;
            ids.push(
              queue.schedule(step.time, () => {
                popped = label;
              }),
            );
            reference.schedule(label, step.time);
          } else if (step.op === "cancel" && ids.length > 0) {
            const label = step.which % ids.length;
            expect(queue.cancel(ids[label]!)).toBe(reference.cancel(label));
          } else if (step.op === "retime" && ids.length > 0) {
            const label = step.which % ids.length;
            expect(queue.retime(ids[label]!, step.time)).toBe(reference.retime(label, step.time));
          } else if (step.op === "pop") {
            const expected = reference.pop();
            if (expected === undefined) {
              expect(queue.length).toBe(0);
              continue;
            }
            queue.popHandler()(queue.lastTime);
            expect({ label: popped, time: queue.lastTime }).toEqual(expected);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never fires a cancelled event and refuses stale ids", () => {
    const queue = new EventQueue();
    const fired: string[] = [];
    const a = queue.schedule(5, () => fired.push("a"));
    const b = queue.schedule(5, () => fired.push("b"));
    expect(queue.cancel(a)).toBe(true);
    expect(queue.cancel(a)).toBe(false);
    expect(queue.retime(a, 1)).toBe(false);
    // The freed slot is reused; the old id must not reach the new event.
    const c = queue.schedule(7, () => fired.push("c"));
    expect(queue.cancel(a)).toBe(false);
    while (queue.length > 0) queue.popHandler()(queue.lastTime);
    expect(fired).toEqual(["b", "c"]);
    expect(queue.isPending(b) || queue.isPending(c)).toBe(false);
  });

  it("hands out ids of at least 2^30 (never small integers), and NO_EVENT names none of them", () => {
    const queue = new EventQueue(4);
    const ids: number[] = [];
    // Slots are reused, so generations climb: every id stays an integer of at least 2^30.
    for (let i = 0; i < 200; i++) {
      const id = queue.schedule(i, () => {});
      ids.push(id);
      if (i % 2 === 0) queue.cancel(id);
    }
    for (const id of ids) {
      expect(Number.isSafeInteger(id)).toBe(true);
      expect(id).toBeGreaterThanOrEqual(2 ** 30);
    }
    expect(NO_EVENT < Math.min(...ids)).toBe(true);
    expect(queue.cancel(NO_EVENT)).toBe(false);
    expect(queue.isPending(NO_EVENT)).toBe(false);
    expect(queue.retime(NO_EVENT, 1)).toBe(false);
  });

  it("grows past its initial capacity without losing order", () => {
    const queue = new EventQueue(4);
    const order: number[] = [];
    for (let i = 999; i >= 0; i--) queue.schedule(i, () => order.push(i));
    while (queue.length > 0) queue.popHandler()(queue.lastTime);
    expect(order).toEqual([...Array(1000).keys()]);
  });
});
