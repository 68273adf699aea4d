import { streamsLatencyMs } from "./competing-streams.ts";
import { PINNED_SD855, sigmaRun } from "./sigma.ts";

const BY_PROCESSOR = [
  { processor: "CPU", scheduler: "single-cpu", dtype: "fp32" },
  { processor: "GPU", scheduler: "single-gpu", dtype: "fp16" },
  { processor: "DSP", scheduler: "single-dsp", dtype: "int8" },
] as const;

/** A streaming co-runner on the little cores: always runnable, `bandwidth` GB/s from DRAM, 2 MB of cache. */
const memoryHog = (bandwidth: number) =>
  `{ name: stream, processor: cpu-little, duty_cycle: 1, footprint: 2 MB, bandwidth: ${bandwidth} GB/s }`;

/** `perCore` always-runnable threads on each core of MACE's CPU clusters. */
const cpuHogs = (perCore: number) => [
  `{ name: big, processor: cpu-big, threads: ${3 * perCore}, duty_cycle: 1 }`,
  `{ name: prime, processor: cpu-prime, threads: ${perCore}, duty_cycle: 1 }`,
];

async function latencyMs(
  model: string,
  scheduler: string,
  dtype: string,
  competing: readonly string[],
  whatIf: readonly string[] = [],
): Promise<number> {
  const run = await sigmaRun(model, scheduler, [...PINNED_SD855, ...whatIf], 6, competing, dtype);
  return run.meanLatencyMs;
}

/** Latency change of one model under a co-runner, in per cent: one table row. */
export interface CoRunnerRow {
  readonly model: string;
  readonly processor: string;
  readonly condition: string;
  readonly aloneMs: number;
  readonly changePercent: number;
}

/** Memory co-runners and CPU load against models on each processor (SD855, MACE, clocks pinned). */
export async function coRunnerRows(): Promise<CoRunnerRow[]> {
  const rows: CoRunnerRow[] = [];
  const add = async (
    model: string,
    entry: (typeof BY_PROCESSOR)[number],
    condition: string,
    competing: readonly string[],
    whatIf: readonly string[] = [],
  ) => {
    const alone = await latencyMs(model, entry.scheduler, entry.dtype, []);
    const loaded = await latencyMs(model, entry.scheduler, entry.dtype, competing, whatIf);
    rows.push({
      model,
      processor: entry.processor,
      condition,
      aloneMs: alone,
      changePercent: (loaded / alone - 1) * 100,
    });
  };
  for (const model of ["vgg16", "resnet50"])
    for (const entry of BY_PROCESSOR.slice(0, 2)) {
      await add(model, entry, "20 GB/s memory stream on the little cores", [memoryHog(20)]);
      await add(model, entry, "σ3: cache hit rate pinned at 20 %", [], ["cache_hit_rate: 0.2"]);
    }
  for (const entry of BY_PROCESSOR.slice(1))
    for (const perCore of [1, 2, 3])
      await add(
        "resnet50",
        entry,
        `${perCore} CPU hog${perCore > 1 ? "s" : ""} per core of the host clusters`,
        cpuHogs(perCore),
      );
  return rows;
}

/** Slowdown of each processor's ResNet-50 with 1–3 competing streams (SD855, clocks pinned). */
export async function competingStreamRows(): Promise<{ processor: string; slowdowns: number[] }[]> {
  const rows: { processor: string; slowdowns: number[] }[] = [];
  for (const entry of BY_PROCESSOR) {
    const latency = (streams: number) =>
      streamsLatencyMs(
        "snapdragon-855",
        "resnet50",
        entry.dtype,
        entry.scheduler,
        streams,
        PINNED_SD855,
      );
    const alone = await latency(1);
    const slowdowns: number[] = [];
    for (const competing of [1, 2, 3]) slowdowns.push((await latency(competing + 1)) / alone);
    rows.push({ processor: entry.processor, slowdowns });
  }
  return rows;
}
