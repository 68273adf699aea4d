/**
 * The pending-event set: a binary min-heap ordered by (time, sequence).
 *
 * The heap keeps each entry's time and sequence in heap order (parallel
 * typed arrays, so comparisons touch no other memory) plus the slot that
 * holds its handler; every slot remembers its heap position, so cancelling
 * and re-timing are O(log n). The sequence number is a global insertion
 * counter: events at the same instant fire in the order they were scheduled
 * (or last re-timed), which makes runs reproducible bit for bit.
 *
 * An EventId packs the slot with a generation counter so that a stale id (an
 * event that already fired or was cancelled) is recognised and refused.
 */

export type EventHandler = (time: number) => void;
export type EventId = number;

const SLOT_LIMIT = 2 ** 24;
const NOT_IN_HEAP = -1;

export class EventQueue {
  /** Time of the event popped last. */
  lastTime = 0;
  private capacity: number;
  private size = 0;
  private nextSequence = 0;
  private heapTime: Float64Array;
  private heapSequence: Float64Array;
  private heapSlot: Int32Array;
  private slotPosition: Int32Array;
  private slotGeneration: Float64Array;
  private slotHandler: (EventHandler | undefined)[];
  private freeSlots: Int32Array;
  private freeCount: number;

  constructor(initialCapacity = 64) {
    const capacity = Math.max(4, initialCapacity);
    this.capacity = capacity;
    this.heapTime = new Float64Array(capacity);
    this.heapSequence = new Float64Array(capacity);
    this.heapSlot = new Int32Array(capacity);
    this.slotPosition = new Int32Array(capacity).fill(NOT_IN_HEAP);
    this.slotGeneration = new Float64Array(capacity);
    this.slotHandler = new Array<EventHandler | undefined>(capacity).fill(undefined);
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  get length(): number {
    return this.size;
  }

  /** Time of the earliest pending event, or Infinity when none is pending. */
  peekTime(): number {
    return this.size === 0 ? Number.POSITIVE_INFINITY : this.heapTime[0]!;
  }

  schedule(time: number, handler: EventHandler): EventId {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount]!;
    this.slotHandler[slot] = handler;
    this.siftUp(this.size++, time, this.nextSequence++, slot);
    return this.slotGeneration[slot]! * SLOT_LIMIT + slot;
  }

  /** True when the id names an event that is still pending. */
  isPending(id: EventId): boolean {
    return this.slotOf(id) >= 0;
  }

  /** Time at which a pending event will fire; NaN for a stale id. */
  timeOf(id: EventId): number {
    const slot = this.slotOf(id);
    return slot < 0 ? Number.NaN : this.heapTime[this.slotPosition[slot]!]!;
  }

  /** Removes a pending event; false when it already fired or was cancelled. */
  cancel(id: EventId): boolean {
    const slot = this.slotOf(id);
    if (slot < 0) return false;
    const position = this.slotPosition[slot]!;
    const last = --this.size;
    if (position !== last) {
      // Refill the hole with the last entry, which may belong above or below it.
      const time = this.heapTime[last]!;
      const sequence = this.heapSequence[last]!;
      const moved = this.heapSlot[last]!;
      if (position > 0 && this.precedes(time, sequence, (position - 1) >> 1)) {
        this.siftUp(position, time, sequence, moved);
      } else {
        this.siftDown(position, time, sequence, moved);
      }
    }
    this.release(slot);
    return true;
  }

  /**
   * Moves a pending event to a new time, ordered exactly as cancel + schedule
   * would order it (it takes a fresh sequence number), keeping its id.
   */
  retime(id: EventId, time: number): boolean {
    const slot = this.slotOf(id);
    if (slot < 0) return false;
    const position = this.slotPosition[slot]!;
    const sequence = this.nextSequence++;
    // A fresh sequence only moves an event later among equals, so an earlier
    // time sifts up and anything else sifts down.
    if (time < this.heapTime[position]!) this.siftUp(position, time, sequence, slot);
    else this.siftDown(position, time, sequence, slot);
    return true;
  }

  /**
   * Removes the earliest event and returns its handler; its time is left in
   * `lastTime`. The caller checks `length > 0` first.
   */
  popHandler(): EventHandler {
    const slot = this.heapSlot[0]!;
    const handler = this.slotHandler[slot]!;
    this.lastTime = this.heapTime[0]!;
    const last = --this.size;
    if (last > 0)
      this.siftDown(0, this.heapTime[last]!, this.heapSequence[last]!, this.heapSlot[last]!);
    this.release(slot);
    return handler;
  }

  private slotOf(id: EventId): number {
    if (!Number.isInteger(id) || id < 0) return -1;
    const slot = id % SLOT_LIMIT;
    if (slot >= this.capacity || this.slotPosition[slot] === NOT_IN_HEAP) return -1;
    return this.slotGeneration[slot] === Math.floor(id / SLOT_LIMIT) ? slot : -1;
  }

  private release(slot: number): void {
    this.slotPosition[slot] = NOT_IN_HEAP;
    this.slotHandler[slot] = undefined;
    this.slotGeneration[slot] = this.slotGeneration[slot]! + 1;
    this.freeSlots[this.freeCount++] = slot;
  }

  /** True when (time, sequence) comes before the entry at heap position `position`. */
  private precedes(time: number, sequence: number, position: number): boolean {
    const other = this.heapTime[position]!;
    return time < other || (time === other && sequence < this.heapSequence[position]!);
  }

  /** Places (time, sequence, slot) at `start` or above it. */
  private siftUp(start: number, time: number, sequence: number, slot: number): void {
    const heapTime = this.heapTime;
    const heapSequence = this.heapSequence;
    const heapSlot = this.heapSlot;
    let position = start;
    while (position > 0) {
      const parent = (position - 1) >> 1;
      const parentTime = heapTime[parent]!;
      if (parentTime < time || (parentTime === time && heapSequence[parent]! < sequence)) break;
      heapTime[position] = parentTime;
      heapSequence[position] = heapSequence[parent]!;
      const parentSlot = heapSlot[parent]!;
      heapSlot[position] = parentSlot;
      this.slotPosition[parentSlot] = position;
      position = parent;
    }
    heapTime[position] = time;
    heapSequence[position] = sequence;
    heapSlot[position] = slot;
    this.slotPosition[slot] = position;
  }

  /** Places (time, sequence, slot) at `start` or below it, among the first `size` entries. */
  private siftDown(start: number, time: number, sequence: number, slot: number): void {
    const heapTime = this.heapTime;
    const heapSequence = this.heapSequence;
    const heapSlot = this.heapSlot;
    const size = this.size;
    let position = start;
    for (;;) {
      let child = 2 * position + 1;
      if (child >= size) break;
      let childTime = heapTime[child]!;
      const right = child + 1;
      if (right < size) {
        const rightTime = heapTime[right]!;
        if (
          rightTime < childTime ||
          (rightTime === childTime && heapSequence[right]! < heapSequence[child]!)
        ) {
          child = right;
          childTime = rightTime;
        }
      }
      if (time < childTime || (time === childTime && sequence < heapSequence[child]!)) break;
      heapTime[position] = childTime;
      heapSequence[position] = heapSequence[child]!;
      const childSlot = heapSlot[child]!;
      heapSlot[position] = childSlot;
      this.slotPosition[childSlot] = position;
      position = child;
    }
    heapTime[position] = time;
    heapSequence[position] = sequence;
    heapSlot[position] = slot;
    this.slotPosition[slot] = position;
  }

  private grow(): void {
    const oldCapacity = this.capacity;
    const capacity = oldCapacity * 2;
    if (capacity > SLOT_LIMIT) throw new RangeError(`more than ${SLOT_LIMIT} pending events`);
    const widenFloat = (old: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(old);
      return next;
    };
    const widenInt = (old: Int32Array, fill: number) => {
      const next = new Int32Array(capacity).fill(fill);
      next.set(old);
      return next;
    };
    this.heapTime = widenFloat(this.heapTime);
    this.heapSequence = widenFloat(this.heapSequence);
    this.slotGeneration = widenFloat(this.slotGeneration);
    this.heapSlot = widenInt(this.heapSlot, 0);
    this.slotPosition = widenInt(this.slotPosition, NOT_IN_HEAP);
    this.slotHandler.length = capacity;
    this.slotHandler.fill(undefined, oldCapacity);
    // Every old slot is in use (that is why we grow), so the free list is the new half.
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < oldCapacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = oldCapacity;
    this.capacity = capacity;
  }
}
