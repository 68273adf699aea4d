import { RandomStreams, Simulator } from "../../src/core/index.ts";
import { SimulatedDevice } from "../../src/device/dynamics/device.ts";
import { loadSoc } from "../../src/device/index.ts";
import { allocatedBytes } from "./allocation.ts";
import { retimeLoop, thermalLoop } from "./hot-loops.ts";

/**
 * Device dynamics speed on the Snapdragon 855: re-timings and thermal ticks
 * per second, in the hot loops alone (with the garbage collections they
 * cause, which should be none) and inside a whole simulated device under a
 * busy mixed load. Prints one JSON line (and a summary on stderr).
 */
const soc = loadSoc("snapdragon-855");

function timed<T>(work: () => T): { seconds: number; result: T } {
  const started = performance.now();
  const result = work();
  return { seconds: (performance.now() - started) / 1e3, result };
}

// Hot loop 1: re-timing 12 running jobs after each frequency step. The kernel re-times lazily
// (the old heap entry stays until it surfaces), so its heap grows with every re-timing of a job
// that does not finish; the warm-up grows it past what the measured turns need.
const retime = retimeLoop(soc, 12);
retime(600_000);
const retimeRun = timed(() => retime(400_000));
const retimeBytes = await allocatedBytes(() => retime(200_000));

// Hot loop 2: thermal steps of the 8-node network.
const thermal = thermalLoop(soc);
thermal(20_000);
const thermalTicks = 2_000_000;
const thermalRun = timed(() => thermal(thermalTicks));
const thermalBytes = await allocatedBytes(() => thermal(thermalTicks));

// The whole device: 60 simulated seconds of a busy phone.
function wholeDevice() {
  const simulator = new Simulator();
  const random = new RandomStreams(1);
  const device = new SimulatedDevice<string>(simulator, soc, { random });
  device.addCompetingLoad({
    name: "game",
    processor: "gpu",
    dutyCycle: 0.5,
    periodSeconds: 1 / 60,
    bandwidth: 6e9,
  });
  device.addCompetingLoad({
    name: "sync",
    processor: "cpu-little",
    threads: 2,
    dutyCycle: 0.3,
    periodSeconds: 0.01,
    footprintBytes: 2e6,
  });
  device.addCompetingLoad({
    name: "browser",
    processor: "cpu-big",
    threads: 2,
    dutyCycle: 0.4,
    periodSeconds: 0.02,
    bandwidth: 3e9,
  });
  const draws = random.stream("bench");
  const processors = ["cpu-prime", "cpu-big", "cpu-little", "gpu", "dsp"];
  const submit = (now: number): void => {
    device.submitBusy({
      processor: processors[draws.integer(0, processors.length - 1)]!,
      threads: draws.integer(1, 2),
      nominalSeconds: draws.exponential(0.0004),
      dramBandwidth: draws.uniform(0, 8e9),
      workingSetBytes: draws.uniform(0, 4e6),
      tag: "op",
      onDone: () => {},
    });
    if (draws.random() < 0.2)
      device.submitTransfer({
        from: "cpu",
        to: "gpu",
        bytes: draws.uniform(1e4, 2e6),
        tag: "copy",
        onDone: () => {},
      });
    simulator.at(now + Math.round(draws.exponential(1_000_000)), submit);
  };
  simulator.at(0, submit);
  simulator.run({ until: 60e9 });
  return { events: simulator.eventCount, retimings: device.retimings, ticks: 6000 };
}
wholeDevice();
const whole = timed(wholeDevice);

// The whole tick of an idle device (meters, network step, leakage, trips, rates): 1,000 simulated seconds.
function idleDevice(): number {
  const simulator = new Simulator();
  new SimulatedDevice<string>(simulator, soc, {});
  simulator.run({ until: 1000e9 });
  return simulator.eventCount;
}
idleDevice();
const idle = timed(idleDevice);

const summary = {
  bench: "device",
  retimings_per_s: Math.round(retimeRun.result / retimeRun.seconds),
  bytes_per_retiming: retimeBytes / (retimeRun.result / 2),
  thermal_ticks_per_s: Math.round(thermalTicks / thermalRun.seconds),
  bytes_per_thermal_tick: thermalBytes / thermalTicks,
  device_thermal_ticks_per_s: Math.round(idle.result / idle.seconds),
  device_events_per_s: Math.round(whole.result.events / whole.seconds),
  device_retimings_per_s: Math.round(whole.result.retimings / whole.seconds),
  device_simulated_s_per_wall_s: 60 / whole.seconds,
  device_events: whole.result.events,
  device_retimings: whole.result.retimings,
  node: process.version,
};
process.stderr.write(
  `re-timing loop: ${(summary.retimings_per_s / 1e6).toFixed(2)} M re-timings/s, ${summary.bytes_per_retiming.toFixed(1)} bytes allocated per re-timing\n` +
    `thermal loop: ${(summary.thermal_ticks_per_s / 1e6).toFixed(2)} M ticks/s, ${summary.bytes_per_thermal_tick.toFixed(3)} bytes allocated per tick\n` +
    `idle device: ${(summary.device_thermal_ticks_per_s / 1e6).toFixed(2)} M whole thermal ticks/s\n` +
    `whole device, 60 s of a busy phone: ${whole.result.events} events and ${whole.result.retimings} re-timings in ${whole.seconds.toFixed(2)} s wall ` +
    `(${(summary.device_events_per_s / 1e6).toFixed(2)} M events/s, ${(summary.device_retimings_per_s / 1e6).toFixed(2)} M re-timings/s)\n`,
);
process.stdout.write(`${JSON.stringify(summary)}\n`);
