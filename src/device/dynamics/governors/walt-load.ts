/** Windows of a task's history WALT keeps (sched_ravg_hist_size). */
const HISTORY_WINDOWS = 5;

/**
 * Qualcomm's Window-Assisted Load Tracking as the Snapdragon phones' schedutil
 * reads it, for one cluster: time is cut into fixed windows aligned to zero;
 * a window's load is its busy time scaled by f / f_max, over the window. The
 * governor sees the previous complete window's load and its average capacity
 * (average f / f_max), and, while the cluster runs, the predicted demand of
 * its work: the larger of the latest and the mean of the last five windows
 * that had any load (WINDOW_STATS_MAX_RECENT_AVG; idle windows are dropped,
 * so the demand survives a sleep, unlike a decaying average). The cluster's
 * work stands in for WALT's per-task demand: socsim runs one thread per core.
 */
export class WindowLoad {
  private windowStartNs = 0;
  private lastNs = 0;
  private busyScaledNs = 0;
  private capacityNs = 0;
  private readonly history = new Float64Array(HISTORY_WINDOWS);
  private historyCount = 0;
  private historyNext = 0;
  /** Load of the window just before the current one (0 if that window was empty). */
  previousLoad = 0;
  /** Average f / f_max over that window. */
  previousCapacity = 0;
  /** Predicted demand of the cluster's work, kept across idle windows. */
  demand = 0;

  constructor(
    readonly windowNs: number,
    initialCapacity: number,
  ) {
    this.previousCapacity = initialCapacity;
  }

  /** Start of the window after the current one: where the governor re-reads the load. */
  get nextWindowNs(): number {
    return this.windowStartNs + this.windowNs;
  }

  /** True while the current or the previous window holds load: a rollover would still change what the governor reads. */
  get active(): boolean {
    return this.busyScaledNs > 0 || this.previousLoad > 0;
  }

  /** Accounts the time since the last call at `busy` and `capacity` (f / f_max), closing any windows that ended. */
  advance(now: number, busy: boolean, capacity: number): void {
    const window = this.windowNs;
    while (now >= this.windowStartNs + window) {
      const end = this.windowStartNs + window;
      this.account(end, busy, capacity);
      this.close();
      // Whole windows past the first closed one add nothing but idle or full load.
      if (now >= end + window && !busy) {
        this.previousLoad = 0;
        this.previousCapacity = capacity;
        this.windowStartNs = end + Math.floor((now - end) / window) * window;
        this.lastNs = this.windowStartNs;
      }
    }
    this.account(now, busy, capacity);
  }

  /**
   * Busy time of a short thread (a host thread's kernel launch) on a cluster
   * otherwise idle, booked in the current window at `capacity`; call after
   * `advance` to its start.
   */
  addBusy(busyNs: number, capacity: number): void {
    this.busyScaledNs += busyNs * capacity;
  }

  private account(until: number, busy: boolean, capacity: number): void {
    const elapsed = until - this.lastNs;
    if (elapsed <= 0) return;
    this.capacityNs += elapsed * capacity;
    if (busy) this.busyScaledNs += elapsed * capacity;
    this.lastNs = until;
  }

  private close(): void {
    const window = this.windowNs;
    const load = this.busyScaledNs / window;
    this.previousLoad = load;
    this.previousCapacity = this.capacityNs / window;
    if (load > 0) {
      this.history[this.historyNext] = load;
      this.historyNext = (this.historyNext + 1) % HISTORY_WINDOWS;
      if (this.historyCount < HISTORY_WINDOWS) this.historyCount++;
      let sum = 0;
      for (let i = 0; i < this.historyCount; i++) sum += this.history[i]!;
      this.demand = Math.max(load, sum / this.historyCount);
    }
    this.busyScaledNs = 0;
    this.capacityNs = 0;
    this.windowStartNs += window;
  }
}
