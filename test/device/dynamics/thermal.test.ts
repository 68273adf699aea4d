import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ThermalNetwork } from "../../../src/device/dynamics/thermal-network.ts";
import type { ThermalSpec } from "../../../src/device/index.ts";
import { makeDevice, sd855 } from "./helpers.ts";

const oneNode: ThermalSpec = {
  ambient: 25,
  nodes: { chip: { heat_capacity: 1 } },
  links: [{ between: ["chip", "ambient"], resistance: 2 }],
  trips: [],
  shutdown: [],
  power_controllers: [],
};

describe("thermal network", () => {
  it("steps exactly: one RC node under constant power follows its closed form", () => {
    const network = new ThermalNetwork(oneNode, { ambientC: 25, tickSeconds: 0.01 });
    const powers = Float64Array.of(3);
    for (let step = 1; step <= 500; step++) {
      network.step(powers);
      const seconds = step * 0.01;
      expect(network.temperatures[0]).toBeCloseTo(25 + 3 * 2 * (1 - Math.exp(-seconds / 2)), 10);
    }
  });

  it("gives the same temperatures whatever the tick, under constant power", () => {
    const powers = Float64Array.from(Object.keys(sd855.thermal.nodes), (_, index) => index * 0.2);
    const temperaturesAfter = (tickSeconds: number) => {
      const network = new ThermalNetwork(sd855.thermal, { ambientC: 25, tickSeconds });
      for (let step = 0; step < Math.round(2 / tickSeconds); step++) network.step(powers);
      return [...network.temperatures];
    };
    const coarse = temperaturesAfter(0.01);
    temperaturesAfter(0.001).forEach((celsius, node) => {
      expect(celsius).toBeCloseTo(coarse[node]!, 8);
    });
  });

  it("settles at the steady state, and holds a held node for the whole run", () => {
    const network = new ThermalNetwork(sd855.thermal, {
      ambientC: 25,
      heldC: { gpu: 70 },
      tickSeconds: 1,
    });
    const gpu = network.indexOf("gpu");
    const powers = new Float64Array(network.nodeIds.length).fill(0.5);
    const steady = network.steadyState(powers);
    for (let step = 0; step < 20_000; step++) network.step(powers);
    expect(network.temperatures[gpu]).toBe(70);
    network.temperatures.forEach((celsius, node) => {
      expect(celsius).toBeCloseTo(steady[node]!, 6);
    });
    // Heat flows out of the held GPU into the package.
    expect(network.temperatures[network.indexOf("package")]).toBeGreaterThan(25);
  });

  it("stays between ambient and the steady state of the highest power applied", () => {
    const nodes = Object.keys(sd855.thermal.nodes).length;
    const powerSteps = fc.array(
      fc.array(fc.double({ min: 0, max: 4, noNaN: true }), {
        minLength: nodes,
        maxLength: nodes,
      }),
      { minLength: 1, maxLength: 200 },
    );
    fc.assert(
      fc.property(powerSteps, (steps) => {
        const network = new ThermalNetwork(sd855.thermal, { ambientC: 25, tickSeconds: 0.05 });
        const highest = new Float64Array(nodes);
        for (const step of steps) {
          step.forEach((watts, node) => {
            highest[node] = Math.max(highest[node]!, watts);
          });
          network.step(Float64Array.from(step));
          const ceiling = network.steadyState(highest);
          network.temperatures.forEach((celsius, node) => {
            expect(celsius).toBeGreaterThanOrEqual(25 - 1e-9);
            expect(celsius).toBeLessThanOrEqual(ceiling[node]! + 1e-9);
          });
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("thermal what-ifs on the device", () => {
  it("starts nodes at their initial temperatures and uses the ambient given", () => {
    const { simulator, device } = makeDevice({ ambientC: 35, initialTempsC: { skin: 40 } });
    expect(device.monitor.skinTemperatureC).toBe(40);
    expect(device.monitor.processor("gpu").temperatureC).toBe(35);
    simulator.run({ until: 600e9 });
    // With nothing to run the phone cools towards the warmer ambient, not below it.
    expect(device.monitor.skinTemperatureC).toBeGreaterThan(35);
    expect(device.monitor.skinTemperatureC).toBeLessThan(40);
  });

  it("throttles under a hot skin: the governor's point never exceeds the trip cap", () => {
    const { simulator, device } = makeDevice({
      holdTempsC: { skin: 50 },
      governors: { "cpu-prime": "performance", gpu: "performance" },
    });
    simulator.run({ until: 100e6 });
    const gpu = device.monitor.processor("gpu");
    // Trips above 43, 45, 47 and 49 °C are active; the 50 °C one is not (50 is not above 50).
    expect(gpu.capFrequencyHz).toBe(427e6);
    expect(gpu.frequencyHz).toBe(427e6);
    expect(device.monitor.processor("cpu-prime").frequencyHz).toBe(1056e6);
    const statistics = device.statistics();
    const prime = statistics.processors.find((processor) => processor.id === "cpu-prime")!;
    expect(prime.throttled_s).toBeCloseTo(0.09, 9);
    expect(statistics.max_skin_temp_c).toBe(50);
  });
});
