import { Simulator } from "../../core/simulator.ts";
import { nsToMs } from "../../core/time.ts";
import { ModelBuilder } from "../../graph/builder.ts";
import type { Graph } from "../../graph/ir.ts";
import { splitOp } from "../../graph/partition/split-op.ts";
import type { SocSpec } from "../load-soc.ts";
import { createDevice } from "./device.ts";
import type { DeviceOptions } from "./device-api.ts";

/** A square convolution, [1, channels, size, size] → [1, out, size, size]. */
export interface ConvShape {
  readonly channels: number;
  readonly size: number;
  readonly out: number;
  readonly kernel: number;
}

export interface SplitOutcome {
  /** Share of the output channels the CPU computes. */
  readonly cpuShare: number;
  readonly latencyMs: number;
  /** Time spent moving data between CPU and GPU (input to the CPU, its output back). */
  readonly sharingMs: number;
}

export interface SplitExperiment {
  readonly gpuAloneMs: number;
  readonly cpuAloneMs: number;
  /** Every split tried, in the order given. */
  readonly splits: readonly SplitOutcome[];
  /** The fastest split. */
  readonly best: SplitOutcome;
}

function convGraph(shape: ConvShape): Graph {
  const builder = new ModelBuilder("split-slice", "fp32");
  const input = builder.input("x", [1, shape.channels, shape.size, shape.size]);
  builder.conv("conv", input, { kernel: shape.kernel, out: shape.out });
  return builder.build();
}

/** Runs one device until every job submitted by `start` is done; returns the last completion (ns). */
function measure(
  soc: SocSpec,
  options: DeviceOptions,
  start: (device: ReturnType<typeof createDevice<string>>, done: (time: number) => void) => void,
): number {
  const simulator = new Simulator();
  const device = createDevice<string>(simulator, soc, options);
  let finished = Number.NaN;
  start(device, (time) => {
    finished = time;
  });
  simulator.run({ stopWhen: () => !Number.isNaN(finished) });
  device.dispose();
  return finished;
}

/**
 * CoDL §2 as an experiment: one convolution whose input lives on the GPU
 * (the model runs there), either alone on the GPU or split by output
 * channels between the framework's whole-CPU target and the GPU. The CPU
 * slice needs the whole input (a convolution mixes every input channel), so
 * the input crosses to the CPU first, and the CPU's output slice crosses
 * back for the join; both crossings pay the SoC's transfer costs and share
 * the DRAM bus with the GPU slice running meanwhile.
 */
export function splitExperiment(
  soc: SocSpec,
  shape: ConvShape,
  cpuShares: readonly number[],
  options: DeviceOptions = {},
): SplitExperiment {
  const whole = convGraph(shape);
  const alone = (target: string) =>
    nsToMs(
      measure(soc, options, (device, done) => {
        device.submit({
          target,
          cycles: device.costs(whole).cycles(0, target),
          tag: target,
          onDone: done,
        });
      }),
    );
  const splits = cpuShares.map((cpuShare): SplitOutcome => {
    const cpuChannels = Math.min(shape.out - 1, Math.max(1, Math.round(shape.out * cpuShare)));
    const split = splitOp(whole, 0, "channels", [cpuChannels, shape.out - cpuChannels]);
    const cpuSlice = split.slices[0]!;
    let sharingNs = 0;
    const latencyNs = measure(soc, options, (device, done) => {
      // Each side runs its channel slice of the one convolution, priced by the slice's shape.
      const slice = (target: string, range: readonly [number, number]) =>
        device.costs(whole).sliceCycles(0, target, { axis: "channels", range });
      let pending = 2;
      const join = (time: number) => {
        if (--pending === 0) done(time);
      };
      device.submit({
        target: "gpu",
        cycles: slice("gpu", [cpuChannels, shape.out]),
        tag: "gpu slice",
        onDone: join,
      });
      const inputSent = device.submitTransfer({
        from: "gpu",
        to: "cpu",
        bytes: cpuSlice.inputBytes,
        tag: "input to cpu",
        onDone: (sentAt) => {
          sharingNs += sentAt - inputSent.startNs;
          device.submit({
            target: "cpu",
            cycles: slice("cpu", [0, cpuChannels]),
            tag: "cpu slice",
            onDone: () => {
              const outputSent = device.submitTransfer({
                from: "cpu",
                to: "gpu",
                bytes: cpuSlice.outputBytes,
                tag: "cpu output to gpu",
                onDone: (time) => {
                  sharingNs += time - outputSent.startNs;
                  join(time);
                },
              });
            },
          });
        },
      });
    });
    return {
      cpuShare: cpuChannels / shape.out,
      latencyMs: nsToMs(latencyNs),
      sharingMs: nsToMs(sharingNs),
    };
  });
  const best = splits.reduce((fastest, split) =>
    split.latencyMs < fastest.latencyMs ? split : fastest,
  );
  return { gpuAloneMs: alone("gpu"), cpuAloneMs: alone("cpu"), splits, best };
}
