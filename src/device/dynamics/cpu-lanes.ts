/**
 * Core slots of a CPU cluster for the trace: each running thread holds the
 * lowest free lane. Lanes beyond the core count appear only while the
 * cluster is oversubscribed (threads then share cores fairly).
 */
export class CpuLanes {
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
