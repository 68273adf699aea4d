/**
 * Slots for the trace: each running thread of a CPU cluster, or each
 * transfer in flight at one end, holds the lowest free slot. CPU lanes
 * beyond the core count appear only while the cluster is oversubscribed
 * (threads then share cores); transfers run side by side on the bus, so
 * concurrent ones need tracks of their own.
 */
export class LanePool {
  private used = new Uint8Array(8);

  acquire(): number {
    let lane = this.used.indexOf(0);
    if (lane < 0) {
      lane = this.used.length;
      const grown = new Uint8Array(lane * 2);
      grown.set(this.used);
      this.used = grown;
    }
    this.used[lane] = 1;
    return lane;
  }

  release(lane: number): void {
    this.used[lane] = 0;
  }
}
