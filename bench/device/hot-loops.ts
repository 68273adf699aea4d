import { Simulator } from "../../src/core/index.ts";
import { tunableScaling } from "../../src/device/dynamics/barrier-wait.ts";
import { NICE_0_WEIGHT } from "../../src/device/dynamics/cfs-weights.ts";
import { FluidJob } from "../../src/device/dynamics/fluid-job.ts";
import { FluidJobSet } from "../../src/device/dynamics/fluid-jobs.ts";
import { busyJobCost } from "../../src/device/dynamics/job-costs.ts";
import { MemoryContention } from "../../src/device/dynamics/memory-contention.ts";
import { Processor } from "../../src/device/dynamics/processor.ts";
import { ThermalNetwork } from "../../src/device/dynamics/thermal-network.ts";
import type { SocSpec } from "../../src/device/index.ts";

/**
 * The device's two hot loops, alone: re-timing the running jobs after a
 * frequency step, and one step of the thermal network.
 */
export function retimeLoop(soc: SocSpec, jobCount: number) {
  const simulator = new Simulator();
  const processors = Object.entries(soc.processors).map(
    ([id, spec], index) =>
      new Processor(index, id, spec, index, soc.power.leakage_reference_voltage, 0),
  );
  const meter = { dramBytes: 0 };
  const jobs = new FluidJobSet(
    simulator,
    processors,
    new MemoryContention(soc.memory.peak_bandwidth * 0.8, undefined),
    meter,
    soc.memory.energy_per_byte,
    tunableScaling(8),
  );
  for (let index = 0; index < jobCount; index++) {
    const processor = processors[index % processors.length]!;
    const cost = busyJobCost(processor, 1 + (index % 3), NICE_0_WEIGHT, 1000, 4e9, 15e9, 1e6);
    const job = new FluidJob<unknown>(index, cost, undefined, () => {}, 0);
    jobs.add(job, 0);
    processor.addThreads(cost.threads[0]!, cost.weight);
  }
  for (const processor of processors) processor.refreshLoad();
  jobs.retime(0);
  let now = 0;
  return (turns: number): number => {
    const before = jobs.retimings;
    for (let turn = 0; turn < turns; turn++) {
      now += 1000;
      jobs.advance(now);
      for (const processor of processors) processor.advance(now);
      // A frequency step on one domain changes that domain's rates and, through the bus, everyone's.
      const stepped = processors[turn % processors.length]!;
      stepped.requestedPoint = stepped.point === 0 ? stepped.points.top : 0;
      stepped.applyPoint();
      for (const processor of processors) processor.refreshPower();
      jobs.retime(now);
    }
    return jobs.retimings - before;
  };
}

export function thermalLoop(soc: SocSpec) {
  const network = new ThermalNetwork(soc.thermal, { ambientC: 25, tickSeconds: 0.01 });
  const powers = Float64Array.from(network.nodeIds, (_, index) => 0.1 * index);
  return (ticks: number): number => {
    for (let tick = 0; tick < ticks; tick++) network.step(powers);
    return network.temperatures[0]!;
  };
}
