import { describe, expect, it } from "vitest";
import { ThermalNetwork } from "../../../src/device/dynamics/thermal-network.ts";
import { makeDevice, sd855 } from "./helpers.ts";

const GPU_TO_PACKAGE_K_PER_W = sd855.thermal.links.find(
  (link) => link.between[0] === "gpu" && link.between[1] === "package",
)!.resistance;

describe("a pre-heated phone (σ1/σ2)", () => {
  it("starts the preheated node at its temperature and the rest at the steady state of the load that holds it there", () => {
    const network = new ThermalNetwork(sd855.thermal, {
      ambientC: 25,
      preheatC: { gpu: 70 },
      tickSeconds: 0.01,
    });
    const gpu = network.indexOf("gpu");
    const packageNode = network.indexOf("package");
    const skin = network.indexOf("skin");
    expect(network.temperatures[gpu]).toBeCloseTo(70, 9);
    expect(network.temperatures[packageNode]).toBeGreaterThan(network.temperatures[skin]!);
    expect(network.temperatures[skin]).toBeGreaterThan(25);
    // The GPU's own power, the heat leaving it, keeps every node where it is: a steady state.
    const powers = new Float64Array(network.nodeIds.length);
    powers[gpu] =
      (network.temperatures[gpu]! - network.temperatures[packageNode]!) / GPU_TO_PACKAGE_K_PER_W;
    const start = Float64Array.from(network.temperatures);
    for (let step = 0; step < 1000; step++) network.step(powers);
    network.temperatures.forEach((celsius, node) => {
      expect(celsius).toBeCloseTo(start[node]!, 6);
    });
  });

  it("meters the heat a held node supplies as external heat, apart from device energy", () => {
    const held = makeDevice({ holdTempsC: { gpu: 70 } });
    const free = makeDevice({});
    for (const { simulator } of [held, free]) simulator.run({ until: 10e9 });
    const heldStatistics = held.device.statistics();
    const freeStatistics = free.device.statistics();
    expect(held.device.monitor.processor("gpu").temperatureC).toBe(70);
    // An idle GPU held at 70 °C feeds the package at up to (70 − 25) K / R for the ten seconds.
    expect(heldStatistics.external_heat_j).toBeGreaterThan(0);
    expect(heldStatistics.external_heat_j).toBeLessThan(((70 - 25) / GPU_TO_PACKAGE_K_PER_W) * 10);
    expect(freeStatistics.external_heat_j).toBe(0);
    // Holding is not device energy: the meters differ only by leakage at the warmer package.
    expect(heldStatistics.energy_j).toBeLessThan(freeStatistics.energy_j * 1.1);
    for (const { device } of [held, free]) device.dispose();
  });
});
