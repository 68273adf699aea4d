import type { Command } from "@commander-js/extra-typings";
import { loadSoc, type ProcessorSpec, type SocSpec } from "../../device/index.ts";
import { DTYPES } from "../../graph/index.ts";

/** Peak MACs per second of a processor at its highest operating point, per dtype it has. */
function peaks(processor: ProcessorSpec): Record<string, number> {
  const top = processor.operating_points.at(-1)!.freq;
  const result: Record<string, number> = {};
  for (const dtype of DTYPES) {
    const perCycle = processor.macs_per_cycle[dtype];
    if (perCycle !== undefined) result[dtype] = perCycle * processor.cores * top;
  }
  return result;
}

const PREFIXES = [
  [1e12, "T"],
  [1e9, "G"],
  [1e6, "M"],
  [1e3, "k"],
  [1, ""],
  [1e-3, "m"],
  [1e-6, "µ"],
  [1e-9, "n"],
  [1e-12, "p"],
] as const;

/** `0.000601e-6` F → `601 pF`. */
function si(value: number, unit: string): string {
  const [scale, prefix] =
    PREFIXES.find(([threshold]) => Math.abs(value) >= threshold) ?? PREFIXES.at(-1)!;
  return `${Number((value / scale).toPrecision(4))} ${prefix}${unit}`;
}

function describe(soc: SocSpec): string {
  const lines = [`${soc.name} (${soc.id}), as in the ${soc.device}; ${soc.process}`, ""];
  lines.push("processors");
  for (const [id, processor] of Object.entries(soc.processors)) {
    const points = processor.operating_points;
    const peak = Object.entries(peaks(processor))
      .map(([dtype, value]) => `${dtype} ${si(value, "MAC/s")}`)
      .join(", ");
    lines.push(
      `  ${id.padEnd(11)} ${processor.kind} ${processor.microarchitecture} x${processor.cores}; ` +
        `${points.length} operating points ${si(points[0]!.freq, "Hz")} @ ${points[0]!.voltage} V .. ` +
        `${si(points.at(-1)!.freq, "Hz")} @ ${points.at(-1)!.voltage} V; peak ${peak}; governor ${processor.governor.kind}`,
    );
    lines.push(
      `  ${"".padEnd(11)} C ${si(processor.power.dynamic_capacitance, "F")}, leakage ${si(processor.power.leakage, "W")}, ` +
        `idle ${si(processor.power.idle, "W")}; ops ${processor.support.ops === "all" ? "all" : processor.support.ops.length} in ${processor.support.dtypes.join("/")}`,
    );
  }
  const memory = soc.memory;
  lines.push(
    "",
    `memory       ${memory.type}: ${si(memory.peak_bandwidth, "B/s")} peak, system cache ${si(memory.system_cache, "B")}, ${si(memory.energy_per_byte, "J/B")}`,
  );
  for (const [id, transfer] of Object.entries(soc.transfers)) {
    lines.push(
      `transfer     cpu <-> ${id}: sync ${si(transfer.sync, "s")}, copy ${si(transfer.copy_bandwidth, "B/s")}, conversion ${si(transfer.conversion_bandwidth, "B/s")}`,
    );
  }
  const thermal = soc.thermal;
  lines.push(
    `thermal      ambient ${thermal.ambient} °C; nodes ${Object.keys(thermal.nodes).join(", ")}; ${thermal.links.length} links; ${thermal.trips.length} trips${thermal.power_controllers.length > 0 ? `; ${thermal.power_controllers.length} PID power-budget controllers` : ""}`,
    `power        uncore ${si(soc.power.uncore_active, "W")} while busy, platform idle ${si(soc.power.platform_idle, "W")}`,
    "",
    "frameworks",
  );
  for (const [name, framework] of Object.entries(soc.frameworks)) {
    const mark = name === soc.default_framework ? " (default)" : "";
    lines.push(
      `  ${(name + mark).padEnd(20)} cpu: ${framework.cpu.threads} threads on ${framework.cpu.clusters.join(", ")}; back-ends ${Object.keys(framework.backends).join(", ")} — ${framework.about}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export function addSocCommand(program: Command): void {
  program
    .command("soc")
    .description(
      "a SoC's processors, operating points, peaks, memory, thermal and power parameters, framework profiles",
    )
    .argument("<name>", "a bundled SoC id (socsim list socs) or a SoC file")
    .option("--json", "print the SoC as JSON (SI units, °C)")
    .action((name, options) => {
      const soc = loadSoc(name);
      if (options.json) {
        const processors = Object.fromEntries(
          Object.entries(soc.processors).map(([id, processor]) => [
            id,
            { ...processor, peak_macs_per_s: peaks(processor) },
          ]),
        );
        const { file: _file, ...data } = soc;
        process.stdout.write(`${JSON.stringify({ ...data, processors })}\n`);
        return;
      }
      process.stdout.write(describe(soc));
    });
}
