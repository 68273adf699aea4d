import type { Device, ModelCosts, OpCycles } from "../device/index.ts";
import { type DType, type Graph, type SplitAxis, unitSliceRanges } from "../graph/index.ts";
import type { Done, JobTag, OpRunner } from "./device-port.ts";

/** One slice of a split unit: the axis, the slice's [from, to) share of the unit's output, its dtype. */
export interface UnitSliceSpec {
  readonly target: string;
  /** Op ids of the unit, in topological order. */
  readonly ops: readonly number[];
  readonly axis: SplitAxis;
  readonly shares: readonly [number, number];
  readonly dtype?: DType;
}

/**
 * Runs the ops of one slice of a split unit as the slices they are: each
 * op's own range (a rows slice's halo propagated back through the unit,
 * CoDL's Eq. 1) priced once, when the runner is built, by the device's
 * slice pricing; `run` then submits the kept counts.
 */
export class SliceRunner implements OpRunner {
  private readonly cycles = new Map<number, OpCycles>();

  constructor(
    private readonly device: Device<JobTag>,
    costs: ModelCosts,
    graph: Graph,
    private readonly spec: UnitSliceSpec,
    /** The app is the foreground one: its threads are top-app. */
    private readonly topApp: boolean,
  ) {
    const ranges = unitSliceRanges(graph, spec.ops, spec.axis, spec.shares);
    spec.ops.forEach((opId, index) => {
      const slice = { axis: spec.axis, range: ranges[index]!, dtype: spec.dtype };
      const counts = costs.sliceCycles(opId, spec.target, slice);
      this.cycles.set(opId, counts);
    });
  }

  run(opId: number, _share: number, tag: JobTag, done: Done): void {
    const counts = this.cycles.get(opId);
    if (counts === undefined)
      throw new Error(`op ${opId} is not in the slice's unit on ${this.spec.target}`);
    const topApp = this.topApp;
    this.device.submit({ target: this.spec.target, cycles: counts, topApp, tag, onDone: done });
  }
}
