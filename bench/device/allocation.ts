import { Session } from "node:inspector/promises";

interface SamplingNode {
  readonly selfSize: number;
  readonly children: readonly SamplingNode[];
}

/**
 * Bytes `work` allocates, from V8's sampling heap profiler with collected
 * objects included (every 64 bytes allocated on average is sampled, so small
 * totals are estimates). The profiler's own messages add a few kB.
 */
export async function allocatedBytes(work: () => void): Promise<number> {
  const session = new Session();
  session.connect();
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 64,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  work();
  const { profile } = await session.post("HeapProfiler.stopSampling");
  session.disconnect();
  const total = (node: SamplingNode): number =>
    node.children.reduce((sum, child) => sum + total(child), node.selfSize);
  return total(profile.head as SamplingNode);
}
