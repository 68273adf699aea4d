import type { SocSpec } from "../device/index.ts";
import type { GpuMemory } from "../sched/scheduler.ts";

/** The GPU memory object the framework's GPU back-end uses, or null when it drives no GPU. */
export function gpuMemoryOf(soc: SocSpec, framework: string): GpuMemory | null {
  return soc.frameworks[framework]?.backends.gpu?.memory ?? null;
}

/**
 * The SoC with the framework's GPU back-end set to another memory object:
 * the device prices kernels and transfers from the back-end's `memory`, so a
 * scheduler entry's choice is a change of data, not of code.
 */
export function withGpuMemory(soc: SocSpec, framework: string, memory: GpuMemory): SocSpec {
  const profile = soc.frameworks[framework]!;
  const gpu = profile.backends.gpu;
  if (gpu === undefined || gpu.memory === memory) return soc;
  return {
    ...soc,
    frameworks: {
      ...soc.frameworks,
      [framework]: { ...profile, backends: { ...profile.backends, gpu: { ...gpu, memory } } },
    },
  };
}
