/**
 * The pending-event set: a binary min-heap of (time, sequence, slot)
 * entries in parallel typed arrays, ordered by (time, sequence). The
 * sequence number is a global insertion counter: events at the same instant
 * fire in the order they were scheduled (or last re-timed), which makes runs
 * reproducible bit for bit.
 *
 * Cancelling and re-timing are lazy: a slot remembers the sequence of its
 * live entry, and a heap entry whose sequence no longer matches is stale and
 * skipped when it reaches the top. Re-timing pushes a fresh entry, so both
 * are O(log n) and the sift loops move no bookkeeping besides the entries.
 * A stale entry lives until its own time comes up, which bounds the heap by
 * the live events plus the re-timings still ahead of the clock.
 *
 * An EventId packs the slot with a generation counter so that a stale id (an
 * event that already fired or was cancelled) is recognised and refused.
 */

export type EventHandler = (time: number) => void;
export type EventId = number;

/**
 * "No event" for a field that holds an EventId. Like every id it is not a
 * small integer (see FIRST_GENERATION), so the field keeps one
 * representation whether it holds an id or not; it is below every id, so
 * `id >= 0` tells a pending one, and cancelling it does nothing.
 */
export const NO_EVENT: EventId = Number.NEGATIVE_INFINITY;

const SLOT_LIMIT = 2 ** 24;
/**
 * Generations start here so that every id is at least 2^30: never one of
 * V8's small integers. A field holding ids then keeps one representation,
 * where ids outgrowing small integers mid-run would re-shape its objects
 * and throw away the JIT code that relied on their shape.
 */
const FIRST_GENERATION = 64;
const NO_ENTRY = -1;

export class EventQueue {
  /** Time of the event popped last. */
  lastTime = 0;
  private heapSize = 0;
  private live = 0;
  private nextSequence = 0;
  private heapTime: Float64Array;
  private heapSequence: Float64Array;
  private heapSlot: Int32Array;
  private slotCapacity: number;
  /** Sequence of the slot's live heap entry, or NO_ENTRY when the slot is free. */
  private slotSequence: Float64Array;
  private slotGeneration: Float64Array;
  private slotHandler: (EventHandler | undefined)[];
  private freeSlots: Int32Array;
  private freeCount: number;

  constructor(initialCapacity = 64) {
    const capacity = Math.max(4, initialCapacity);
    this.heapTime = new Float64Array(capacity);
    this.heapSequence = new Float64Array(capacity);
    this.heapSlot = new Int32Array(capacity);
    this.slotCapacity = capacity;
    this.slotSequence = new Float64Array(capacity).fill(NO_ENTRY);
    this.slotGeneration = new Float64Array(capacity).fill(FIRST_GENERATION);
    this.slotHandler = new Array<EventHandler | undefined>(capacity).fill(undefined);
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  /** Pending (live) events. */
  get length(): number {
    return this.live;
  }

  /** Time of the earliest pending event, or Infinity when none is pending. */
  peekTime(): number {
    this.dropStaleTop();
    return this.heapSize === 0 ? Number.POSITIVE_INFINITY : this.heapTime[0]!;
  }

  schedule(time: number, handler: EventHandler): EventId {
    if (this.freeCount === 0) this.growSlots();
    const slot = this.freeSlots[--this.freeCount]!;
    this.slotHandler[slot] = handler;
    this.live++;
    this.push(time, slot);
    return this.slotGeneration[slot]! * SLOT_LIMIT + slot;
  }

  /** True when the id names an event that is still pending. */
  isPending(id: EventId): boolean {
    return this.slotOf(id) >= 0;
  }

  /** Removes a pending event; false when it already fired or was cancelled. */
  cancel(id: EventId): boolean {
    const slot = this.slotOf(id);
    if (slot < 0) return false;
    this.live--;
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
    this.push(time, slot);
    return true;
  }

  /**
   * Removes the earliest event and returns its handler; its time is left in
   * `lastTime`. The caller checks `length > 0` first.
   */
  popHandler(): EventHandler {
    this.dropStaleTop();
    return this.popLiveTop();
  }

  /**
   * `popHandler` for a caller that has just called `peekTime` (which left a
   * live event at the top): the run loop's path, one check shorter.
   */
  popLiveTop(): EventHandler {
    const slot = this.heapSlot[0]!;
    const handler = this.slotHandler[slot]!;
    this.lastTime = this.heapTime[0]!;
    this.removeTop();
    this.live--;
    this.release(slot);
    return handler;
  }

  private dropStaleTop(): void {
    while (this.heapSize > 0 && this.slotSequence[this.heapSlot[0]!] !== this.heapSequence[0])
      this.removeTop();
  }

  private slotOf(id: EventId): number {
    if (!Number.isInteger(id) || id < 0) return -1;
    const slot = id % SLOT_LIMIT;
    if (slot >= this.slotCapacity || this.slotSequence[slot] === NO_ENTRY) return -1;
    return this.slotGeneration[slot] === Math.floor(id / SLOT_LIMIT) ? slot : -1;
  }

  private release(slot: number): void {
    this.slotSequence[slot] = NO_ENTRY;
    this.slotHandler[slot] = undefined;
    this.slotGeneration[slot] = this.slotGeneration[slot]! + 1;
    this.freeSlots[this.freeCount++] = slot;
  }

  /** Adds a fresh entry for `slot`, which makes any older entry of the slot stale. */
  private push(time: number, slot: number): void {
    if (this.heapSize === this.heapTime.length) this.growHeap();
    const sequence = this.nextSequence++;
    this.slotSequence[slot] = sequence;
    const heapTime = this.heapTime;
    const heapSequence = this.heapSequence;
    const heapSlot = this.heapSlot;
    let position = this.heapSize++;
    while (position > 0) {
      const parent = (position - 1) >> 1;
      const parentTime = heapTime[parent]!;
      // A fresh sequence is the largest, so among equal times it never moves above.
      if (parentTime <= time) break;
      heapTime[position] = parentTime;
      heapSequence[position] = heapSequence[parent]!;
      heapSlot[position] = heapSlot[parent]!;
      position = parent;
    }
    heapTime[position] = time;
    heapSequence[position] = sequence;
    heapSlot[position] = slot;
  }

  private removeTop(): void {
    const size = --this.heapSize;
    if (size === 0) return;
    const heapTime = this.heapTime;
    const heapSequence = this.heapSequence;
    const heapSlot = this.heapSlot;
    const time = heapTime[size]!;
    const sequence = heapSequence[size]!;
    const slot = heapSlot[size]!;
    let position = 0;
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
      heapSlot[position] = heapSlot[child]!;
      position = child;
    }
    heapTime[position] = time;
    heapSequence[position] = sequence;
    heapSlot[position] = slot;
  }

  private growHeap(): void {
    const capacity = this.heapTime.length * 2;
    const heapTime = new Float64Array(capacity);
    heapTime.set(this.heapTime);
    const heapSequence = new Float64Array(capacity);
    heapSequence.set(this.heapSequence);
    const heapSlot = new Int32Array(capacity);
    heapSlot.set(this.heapSlot);
    this.heapTime = heapTime;
    this.heapSequence = heapSequence;
    this.heapSlot = heapSlot;
  }

  private growSlots(): void {
    const oldCapacity = this.slotCapacity;
    const capacity = oldCapacity * 2;
    if (capacity > SLOT_LIMIT) throw new RangeError(`more than ${SLOT_LIMIT} pending events`);
    const widen = (old: Float64Array, fill: number) => {
      const next = new Float64Array(capacity).fill(fill);
      next.set(old);
      return next;
    };
    this.slotSequence = widen(this.slotSequence, NO_ENTRY);
    this.slotGeneration = widen(this.slotGeneration, FIRST_GENERATION);
    this.slotHandler.length = capacity;
    this.slotHandler.fill(undefined, oldCapacity);
    // Every old slot is in use (that is why we grow), so the free list is the new half.
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < oldCapacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = oldCapacity;
    this.slotCapacity = capacity;
  }
}
