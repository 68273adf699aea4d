import type { JobCost } from "./fluid-job.ts";
import type { Processor } from "./processor.ts";

/**
 * Which cores a thread pool's op wakes on when other pools already hold
 * some. Android's scheduler places a waking task on an idle CPU whose
 * capacity fits it before it stacks tasks on a busy one (EAS's
 * find_energy_efficient_cpu and select_idle_sibling in kernel/sched/fair.c,
 * WALT's placement on the Snapdragon kernels), so two one-thread apps run on
 * the prime core and a gold core, not both on the prime. Pool threads are
 * the runnable threads of CPU op jobs (apps' thread pools); busy work (the
 * UI, competing processes) is left to the fluid shares, as before. A
 * binding is chosen when an op starts and kept until it ends.
 */
export class CoreBinding {
  /** Runnable pool threads per processor index. */
  private readonly poolThreads: Int32Array;
  private held = 0;

  constructor(private readonly processors: readonly Processor[]) {
    this.poolThreads = new Int32Array(processors.length);
  }

  /** Books a CPU op job's threads as held (`sign` 1) or released (−1); other jobs hold no pool cores. */
  hold(cost: JobCost, sign: 1 | -1): void {
    if (!cost.barrier) return;
    for (let domain = 0; domain < cost.domains.length; domain++) {
      this.poolThreads[cost.domains[domain]!]! += sign * cost.threads[domain]!;
      this.held += sign * cost.threads[domain]!;
    }
  }

  /**
   * A number naming the cores other pools hold on each of `clusters`
   * (processor indices): one base-16 digit per cluster, 0 when they hold
   * none (the pool then takes its fastest cores, as compiled). No allocation:
   * it runs at every op's start.
   */
  busyKey(clusters: Int32Array): number {
    if (this.held === 0) return 0;
    let key = 0;
    for (let index = 0; index < clusters.length; index++) {
      const processor = this.processors[clusters[index]!]!;
      const threads = this.poolThreads[processor.index]!;
      key = key * 16 + (threads < processor.cores ? threads : processor.cores);
    }
    return key;
  }

  /** The busy cores a `busyKey` names, by cluster id (compileCpuTarget's `busyCores`). */
  busyCores(clusters: Int32Array, key: number): Record<string, number> {
    const busy: Record<string, number> = {};
    let rest = key;
    for (let index = clusters.length - 1; index >= 0; index--) {
      const cores = rest % 16;
      rest = (rest - cores) / 16;
      if (cores > 0) busy[this.processors[clusters[index]!]!.id] = cores;
    }
    return busy;
  }
}
