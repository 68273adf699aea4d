import { describe, expect, it } from "vitest";
import { Simulator } from "../../../src/core/index.ts";
import { SimulatedDevice } from "../../../src/device/dynamics/device.ts";
import { loadSoc } from "../../../src/device/index.ts";
import { convGraph } from "./helpers.ts";

const tensor = loadSoc("tensor-g1");
const PERIOD_S = 7;

/** The GPU's thermal cap (MHz) at every controller period while it runs convolutions back to back with the skin held. */
function gpuCaps(skinC: number, seconds: number): number[] {
  const simulator = new Simulator();
  const device = new SimulatedDevice<string>(simulator, tensor, { holdTempsC: { skin: skinC } });
  const graph = convGraph(256, 56, 256, 3);
  const cycles = device.costs(graph).cycles(0, "gpu");
  const submit = (): void => {
    device.submit({ target: "gpu", cycles, tag: "load", onDone: submit });
  };
  submit();
  const gpu = device.monitor.processors.find((processor) => processor.id === "gpu")!;
  const caps: number[] = [];
  for (let second = PERIOD_S; second <= seconds; second += PERIOD_S)
    simulator.at(second * 1e9 + 1, () => caps.push(gpu.capFrequencyHz / 1e6));
  simulator.run({ until: seconds * 1e9 + 2 });
  device.dispose();
  return caps;
}

describe("the Pixel thermal HAL's PID power budget (tensor-g1, skin held)", () => {
  it("leaves the GPU alone below the LIGHT severity (37 °C)", () => {
    expect(new Set(gpuCaps(36, 70))).toEqual(new Set([848]));
  });

  it("throttles the GPU one operating point per 7 s period at most", () => {
    const ladder = tensor.processors.gpu!.operating_points.map((point) => point.freq / 1e6);
    const caps = gpuCaps(44, 140);
    expect(caps.at(-1)!).toBeLessThan(848);
    for (let period = 1; period < caps.length; period++)
      expect(ladder.indexOf(caps[period - 1]!) - ladder.indexOf(caps[period]!)).toBeLessThanOrEqual(
        1,
      );
  });

  it("grants the GPU less the hotter the skin, and never caps it below its CdevCeiling (202 MHz)", () => {
    const cool = gpuCaps(39, 210).at(-1)!;
    const warm = gpuCaps(44, 210).at(-1)!;
    const hot = gpuCaps(46, 210);
    expect(warm).toBeLessThan(cool);
    expect(hot.at(-1)!).toBeLessThanOrEqual(warm);
    expect(Math.min(...hot)).toBeGreaterThanOrEqual(202);
  });
});
