import { unknownNameMessage } from "../../core/nearest.ts";
import type { Simulator } from "../../core/simulator.ts";
import type { DType, OpKind } from "../../graph/op-kinds.ts";
import type { ProcessorKind } from "../schema/processor-schema.ts";
import type { DeviceMonitor, ProcessorMonitor } from "./device-api.ts";
import type { Processor } from "./processor.ts";
import type { ThermalNetwork } from "./thermal-network.ts";

/** A live, read-only view of one processor: state only, nothing of the cost model. */
export class ProcessorView implements ProcessorMonitor {
  readonly id: string;
  readonly kind: ProcessorKind;
  readonly dtypes: readonly DType[];

  constructor(
    private readonly processor: Processor,
    private readonly simulator: Simulator,
    private readonly temperatures: Float64Array,
    readonly supportedOps: ReadonlySet<OpKind>,
  ) {
    this.id = processor.id;
    this.kind = processor.kind;
    this.dtypes = processor.spec.support.dtypes;
  }

  get frequencyHz(): number {
    return this.processor.frequency;
  }

  get maxFrequencyHz(): number {
    return this.processor.points.maxFrequency;
  }

  get capFrequencyHz(): number {
    return this.processor.points.frequencies[this.processor.capPoint]!;
  }

  get temperatureC(): number {
    return this.temperatures[this.processor.node]!;
  }

  get utilization(): number {
    return this.processor.utilizationAt(this.simulator.now);
  }

  get busyNs(): number {
    return this.processor.busyNsAt(this.simulator.now);
  }

  get queueLength(): number {
    const processor = this.processor;
    return processor.runningJobs + (processor.queue?.waitingCount ?? 0);
  }

  get busy(): boolean {
    return this.processor.busy;
  }
}

/** The device's monitor: every processor's view, by id, and the skin (ambient when there is no skin node). */
export function deviceMonitor(
  views: readonly ProcessorView[],
  network: ThermalNetwork,
  skinNode: number,
): DeviceMonitor {
  const byId = new Map(views.map((view) => [view.id, view]));
  const temperatures = network.temperatures;
  return {
    processors: views,
    processor(id: string): ProcessorMonitor {
      const view = byId.get(id);
      if (view === undefined)
        throw new Error(unknownNameMessage("processor", id, [...byId.keys()]));
      return view;
    },
    get skinTemperatureC() {
      return skinNode < 0 ? network.ambientC : temperatures[skinNode]!;
    },
  };
}
