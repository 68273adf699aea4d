import { objectList, truncateList } from "../../core/object-list.ts";

/**
 * The work given to a GPU, DSP or NPU: one kernel runs at a time, without
 * preemption, and the rest wait in the order they were given.
 */
export class AcceleratorQueue<Job> {
  private readonly waiting: Job[] = objectList();
  private head = 0;
  running: Job | undefined;

  get waitingCount(): number {
    return this.waiting.length - this.head;
  }

  push(job: Job): void {
    this.waiting.push(job);
  }

  /** The next job to start, in submission order. */
  shift(): Job | undefined {
    if (this.head === this.waiting.length) return undefined;
    const job = this.waiting[this.head++];
    // Drop consumed slots now and then, so the array neither grows without bound nor shifts per pop;
    // in place, so that the list keeps its backing store.
    const waiting = this.waiting;
    if (this.head >= 64 && this.head * 2 >= waiting.length) {
      const left = waiting.length - this.head;
      for (let index = 0; index < left; index++) waiting[index] = waiting[this.head + index]!;
      truncateList(waiting, left);
      this.head = 0;
    }
    return job;
  }
}
