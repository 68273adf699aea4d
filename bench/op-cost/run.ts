import {
  compileCpuTarget,
  compileProcessorTarget,
  loadSoc,
  OpCostTable,
  type Target,
} from "../../src/device/index.ts";
import { buildModel } from "../../src/graph/index.ts";

/**
 * Op-cost evaluations per second in the simulator's hot path: a table for
 * ResNet-50 on every target of the Snapdragon 855 under MACE, then priced
 * over and over at changing operating points, hit rates and bandwidth
 * shares. Prints one JSON line (and a summary on stderr).
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
const table = new OpCostTable(soc, graph, targets);
const buildSeconds = (performance.now() - buildStart) / 1e3;

const singleDomain = targets
  .map((target, index) => ({
    index,
    points: soc.processors[target.domains[0]!]!.operating_points.length,
  }))
  .filter(({ index }) => targets[index]!.domains.length === 1);
const cpuIndex = 0;
const cpuFrequencies = new Float64Array(
  targets[cpuIndex]!.domains.map((domain) => soc.processors[domain]!.operating_points.at(-1)!.freq),
);

function sweep(rounds: number): { evaluations: number; checksum: number } {
  let checksum = 0;
  let evaluations = 0;
  const ops = graph.ops.length;
  for (let round = 0; round < rounds; round++) {
    const hit = (round % 10) / 10;
    const share = 0.25 + (round % 4) * 0.25;
    for (let op = 0; op < ops; op++) {
      for (const { index, points } of singleDomain) {
        if (!table.supported(op, index)) continue;
        checksum += table.secondsAt(op, index, (op + round) % points, hit, share);
        evaluations++;
      }
      checksum += table.seconds(op, cpuIndex, cpuFrequencies, hit, share);
      evaluations++;
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
  `op cost: ${(perSecond / 1e6).toFixed(1)} M evaluations/s (${evaluations} in ${seconds.toFixed(2)} s); table for ${graph.ops.length} ops x ${targets.length} targets built in ${(buildSeconds * 1e3).toFixed(1)} ms (checksum ${checksum.toExponential(3)})\n`,
);
process.stdout.write(
  `${JSON.stringify({ bench: "op-cost", evaluations_per_s: Math.round(perSecond), table_build_ms: buildSeconds * 1e3, ops: graph.ops.length, targets: targets.length, node: process.version })}\n`,
);
