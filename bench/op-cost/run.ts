import {
  compileCpuTarget,
  compileProcessorTarget,
  loadSoc,
  type OpCycles,
  opCyclesOn,
  opSeconds,
  type Target,
} from "../../src/device/index.ts";
import { buildModel } from "../../src/graph/index.ts";

/**
 * Op-cost evaluations per second with the device's one pricing path: every
 * op of ResNet-50 counted once per target of the Snapdragon 855 under MACE
 * (`opCyclesOn`, what the simulation and the fit use), then priced over and
 * over with `opSeconds` at changing operating points, hit rates and
 * bandwidth shares. Prints one JSON line (and a summary on stderr).
 */
const soc = loadSoc("snapdragon-855");
const graph = buildModel("resnet50", "fp32");
const targets: Target[] = [
  compileCpuTarget(soc, "mace"),
  ...Object.keys(soc.processors)
    .map((id) => compileProcessorTarget(soc, "mace", id))
    .filter((target): target is Target => target !== undefined),
];

const buildStart = performance.now();
const cycles: (OpCycles | null)[][] = targets.map((target) =>
  graph.ops.map((op) => opCyclesOn(soc, target, graph, op.id)),
);
const buildSeconds = (performance.now() - buildStart) / 1e3;

/** Per target, per operating-point index: the frequency of each of its domains at that index (clamped). */
const pointFrequencies = targets.map((target) => {
  const tables = target.domains.map((domain) => soc.processors[domain]!.operating_points);
  const count = Math.max(...tables.map((table) => table.length));
  return Array.from({ length: count }, (_, index) =>
    Float64Array.from(tables, (table) => table[Math.min(index, table.length - 1)]!.freq),
  );
});

function sweep(rounds: number): { evaluations: number; checksum: number } {
  let checksum = 0;
  let evaluations = 0;
  const ops = graph.ops.length;
  for (let round = 0; round < rounds; round++) {
    const hit = (round % 10) / 10;
    const share = 0.25 + (round % 4) * 0.25;
    for (let op = 0; op < ops; op++) {
      for (let index = 0; index < targets.length; index++) {
        const opCycles = cycles[index]![op];
        if (opCycles === null || opCycles === undefined) continue;
        const points = pointFrequencies[index]!;
        checksum += opSeconds(
          opCycles,
          targets[index]!,
          points[(op + round) % points.length]!,
          hit,
          share,
        );
        evaluations++;
      }
    }
  }
  return { evaluations, checksum };
}

sweep(200);
const started = performance.now();
const { evaluations, checksum } = sweep(20000);
const seconds = (performance.now() - started) / 1e3;
const perSecond = evaluations / seconds;
process.stderr.write(
  `op cost: ${(perSecond / 1e6).toFixed(1)} M evaluations/s (${evaluations} in ${seconds.toFixed(2)} s); counts for ${graph.ops.length} ops x ${targets.length} targets built in ${(buildSeconds * 1e3).toFixed(1)} ms (checksum ${checksum.toExponential(3)})\n`,
);
process.stdout.write(
  `${JSON.stringify({ bench: "op-cost", evaluations_per_s: Math.round(perSecond), table_build_ms: buildSeconds * 1e3, ops: graph.ops.length, targets: targets.length, node: process.version })}\n`,
);
