/**
 * The pending-event set: a binary min-heap ordered by (time, sequence).
 *
 * Events live in slots (parallel typed arrays); the heap holds slot numbers and
 * each slot remembers its heap position, so cancelling and re-timing an event
 * are O(log n). The sequence number is a global insertion counter: two events
 * at the same instant fire in the order they were scheduled (or last re-timed),
 * which is what makes runs reproducible bit for bit.
 *
 * An EventId packs the slot with a generation counter so that a stale id (an
 * event that already fired or was cancelled) is recognised and refused.
 */

export type EventHandler = (time: number) => void;
export type EventId = number;

const SLOT_BITS = 2 ** 24;
const NOT_IN_HEAP = -1;

export class EventQueue {
  private capacity: number;
  private size = 0;
  private nextSequence = 0;
  private heap: Int32Array;
  private slotTime: Float64Array;
  private slotSequence: Float64Array;
  private slotPosition: Int32Array;
  private slotGeneration: Float64Array;
  private slotHandler: (EventHandler | undefined)[];
  private freeSlots: Int32Array;
  private freeCount: number;

  constructor(initialCapacity = 64) {
    this.capacity = Math.max(4, initialCapacity);
    this.heap = new Int32Array(this.capacity);
    this.slotTime = new Float64Array(this.capacity);
    this.slotSequence = new Float64Array(this.capacity);
    this.slotPosition = new Int32Array(this.capacity).fill(NOT_IN_HEAP);
    this.slotGeneration = new Float64Array(this.capacity);
    this.slotHandler = new Array<EventHandler | undefined>(this.capacity).fill(undefined);
    this.freeSlots = new Int32Array(this.capacity);
    for (let i = 0; i < this.capacity; i++) this.freeSlots[i] = this.capacity - 1 - i;
    this.freeCount = this.capacity;
  }

  get length(): number {
    return this.size;
  }

  /** Time of the earliest pending event, or Infinity when none is pending. */
  peekTime(): number {
    return this.size === 0 ? Number.POSITIVE_INFINITY : this.slotTime[this.heap[0]!]!;
  }

  schedule(time: number, handler: EventHandler): EventId {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount]!;
    this.slotTime[slot] = time;
    this.slotSequence[slot] = this.nextSequence++;
    this.slotHandler[slot] = handler;
    const position = this.size++;
    this.heap[position] = slot;
    this.slotPosition[slot] = position;
    this.siftUp(position);
    return this.slotGeneration[slot]! * SLOT_BITS + slot;
  }

  /** True when the id names an event that is still pending. */
  isPending(id: EventId): boolean {
    return this.slotOf(id) >= 0;
  }

  /** Time at which a pending event will fire; NaN for a stale id. */
  timeOf(id: EventId): number {
    const slot = this.slotOf(id);
    return slot < 0 ? Number.NaN : this.slotTime[slot]!;
  }

  /** Removes a pending event; false when it already fired or was cancelled. */
  cancel(id: EventId): boolean {
    const slot = this.slotOf(id);
    if (slot < 0) return false;
    this.removeAt(this.slotPosition[slot]!);
    this.release(slot);
    return true;
  }

  /**
   * Moves a pending event to a new time, exactly as cancel + schedule would
   * order it (it takes a fresh sequence number) but keeping its id.
   */
  retime(id: EventId, time: number): boolean {
    const slot = this.slotOf(id);
    if (slot < 0) return false;
    const oldTime = this.slotTime[slot]!;
    this.slotTime[slot] = time;
    this.slotSequence[slot] = this.nextSequence++;
    const position = this.slotPosition[slot]!;
    // A fresh sequence only ever moves an event later among equals, so an
    // unchanged or later time sifts down, an earlier one sifts up.
    if (time < oldTime) this.siftUp(position);
    else this.siftDown(position);
    return true;
  }

  /**
   * Removes the earliest event and returns its handler; its time is left in
   * `lastTime`. The caller must check `length > 0` first.
   */
  popHandler(): EventHandler {
    const slot = this.heap[0]!;
    const handler = this.slotHandler[slot]!;
    this.lastTime = this.slotTime[slot]!;
    this.removeAt(0);
    this.release(slot);
    return handler;
  }

  lastTime = 0;

  private slotOf(id: EventId): number {
    const slot = id % SLOT_BITS;
    if (slot < 0 || slot >= this.capacity || !Number.isInteger(id)) return -1;
    if (this.slotPosition[slot] === NOT_IN_HEAP) return -1;
    if (this.slotGeneration[slot]! !== Math.floor(id / SLOT_BITS)) return -1;
    return slot;
  }

  private release(slot: number): void {
    this.slotPosition[slot] = NOT_IN_HEAP;
    this.slotHandler[slot] = undefined;
    this.slotGeneration[slot] = this.slotGeneration[slot]! + 1;
    this.freeSlots[this.freeCount++] = slot;
  }

  private removeAt(position: number): void {
    const last = --this.size;
    if (position === last) return;
    const moved = this.heap[last]!;
    this.heap[position] = moved;
    this.slotPosition[moved] = position;
    this.siftDown(position);
    if (this.heap[position] === moved) this.siftUp(position);
  }

  private before(a: number, b: number): boolean {
    const ta = this.slotTime[a]!;
    const tb = this.slotTime[b]!;
    return ta < tb || (ta === tb && this.slotSequence[a]! < this.slotSequence[b]!);
  }

  private siftUp(start: number): void {
    const heap = this.heap;
    const slot = heap[start]!;
    let position = start;
    while (position > 0) {
      const parentPosition = (position - 1) >> 1;
      const parent = heap[parentPosition]!;
      if (!this.before(slot, parent)) break;
      heap[position] = parent;
      this.slotPosition[parent] = position;
      position = parentPosition;
    }
    heap[position] = slot;
    this.slotPosition[slot] = position;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const size = this.size;
    const slot = heap[start]!;
    let position = start;
    for (;;) {
      let child = 2 * position + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && this.before(heap[right]!, heap[child]!)) child = right;
      const childSlot = heap[child]!;
      if (!this.before(childSlot, slot)) break;
      heap[position] = childSlot;
      this.slotPosition[childSlot] = position;
      position = child;
    }
    heap[position] = slot;
    this.slotPosition[slot] = position;
  }

  private grow(): void {
    const oldCapacity = this.capacity;
    const capacity = oldCapacity * 2;
    if (capacity > SLOT_BITS) throw new RangeError(`more than ${SLOT_BITS} pending events`);
    const widen = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.heap = widen(this.heap, (n) => new Int32Array(n));
    this.slotTime = widen(this.slotTime, (n) => new Float64Array(n));
    this.slotSequence = widen(this.slotSequence, (n) => new Float64Array(n));
    this.slotGeneration = widen(this.slotGeneration, (n) => new Float64Array(n));
    const positions = new Int32Array(capacity).fill(NOT_IN_HEAP);
    positions.set(this.slotPosition);
    this.slotPosition = positions;
    this.slotHandler.length = capacity;
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < oldCapacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = oldCapacity;
    this.capacity = capacity;
  }
}
