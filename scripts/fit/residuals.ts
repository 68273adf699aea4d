import { median } from "../../src/core/index.ts";
import {
  computeSeconds,
  memorySeconds,
  placementCycles,
  runIsolated,
} from "../../src/device/index.ts";
import type { Op } from "../../src/graph/index.ts";
import type { PreparedRow } from "./evaluate.ts";
import type { FitSetup } from "./fit.ts";
import { groupBy, relativeError } from "./statistics.ts";

/**
 * `npm run fit -- --residuals`: signed in-sample residuals grouped by
 * configuration and by what dominates each row's predicted time, to look for
 * structure the model lacks (a group whose rows all miss one way).
 */
export function residualReport(
  setup: FitSetup,
  values: ArrayLike<number>,
  predictedMs: ArrayLike<number>,
): string {
  const items = setup.rows.map((prepared, index) => ({
    prepared,
    error: relativeError(predictedMs[index]!, prepared.row.measuredMs),
    ...timeShares(prepared),
  }));
  const lines = setup.parameters.map(
    (parameter, index) =>
      `${parameter.name.padEnd(58)} ${values[index]!.toPrecision(3)} (prior ${parameter.initial.toPrecision(3)})`,
  );
  const section = (title: string, key: (item: (typeof items)[number]) => string) => {
    lines.push(`\n## ${title}`);
    const groups = [...groupBy(items, key)].sort((a, b) => b[1].length - a[1].length);
    for (const [name, group] of groups) {
      const errors = group.map((item) => item.error);
      const above = errors.filter((error) => error > 0).length;
      lines.push(
        `${name.padEnd(58)} ${String(group.length).padStart(4)} rows  median ${signed(median(errors))}  ` +
          `|median| ${signed(median(errors.map(Math.abs)))}  above ${above}/${group.length}`,
      );
    }
  };
  section("SoC × framework × processor", ({ prepared: { row } }) =>
    [row.soc, row.framework, row.processor].join(" "),
  );
  section("SoC × framework × processor × threads × dtype", ({ prepared: { row } }) =>
    [row.soc, row.framework, row.processor, `t${row.threads ?? "-"}`, row.dtype].join(" "),
  );
  section("framework × processor × threads", ({ prepared: { row } }) =>
    [row.framework, row.processor, `t${row.threads ?? "-"}`].join(" "),
  );
  section("framework × processor × dominant op kind (predicted time)", (item) =>
    [item.prepared.row.framework, item.prepared.row.processor, item.dominant].join(" "),
  );
  section("processor × dispatch share of predicted time", (item) =>
    [item.prepared.row.processor, `dispatch ${bucket(item.dispatchShare)}`].join(" "),
  );
  section("processor × memory-bound share of predicted time", (item) =>
    [item.prepared.row.processor, `memory-bound ${bucket(item.memoryShare)}`].join(" "),
  );
  section("framework × model family", ({ prepared: { row } }) =>
    [row.framework, row.family].join(" "),
  );
  lines.push("\n## Every row (error, dominant op, dispatch and memory-bound shares)");
  for (const item of items) {
    const { row } = item.prepared;
    lines.push(
      [
        row.section,
        row.soc,
        row.framework,
        row.processor,
        `t${row.threads ?? "-"}`,
        row.model,
        row.dtype,
        signed(item.error),
        item.dominant,
        `dispatch ${(100 * item.dispatchShare).toFixed(0)} %`,
        `memory ${(100 * item.memoryShare).toFixed(0)} %`,
      ].join("\t"),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** What a row's predicted time is spent on: the op kind taking most, the dispatch share, the memory-bound share. */
function timeShares(prepared: PreparedRow): {
  dominant: string;
  dispatchShare: number;
  memoryShare: number;
} {
  const { placement } = prepared;
  const cycles = placementCycles(placement);
  const run = runIsolated(prepared.soc, placement, prepared.conditions, cycles);
  const byKind = new Map<string, number>();
  let dispatch = 0;
  let memoryBound = 0;
  let total = 0;
  run.opSeconds.forEach((seconds, op) => {
    const name = opClass(placement.graph.ops[op]!);
    byKind.set(name, (byKind.get(name) ?? 0) + seconds);
    const opCycles = cycles[op]!;
    dispatch += opCycles.dispatchSeconds;
    const target = placement.onTarget[op] ? placement.target : placement.fallback;
    const compute = computeSeconds(opCycles, target.nominalFrequencies);
    if (memorySeconds(opCycles, target, opCycles.nominalHit, 1) > compute) memoryBound += seconds;
    total += seconds;
  });
  const [dominant, most] = [...byKind].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  return {
    dominant: `${dominant} ${bucket(most / total)}`,
    dispatchShare: dispatch / total,
    memoryShare: memoryBound / total,
  };
}

/** An op's kind, convolutions told apart by how frameworks implement them (GEMM, Winograd, im2col). */
function opClass(op: Op): string {
  if (op.kind !== "conv2d") return op.kind;
  const kernel = op.attrs.kernel ?? [1, 1];
  if (kernel[0] === 1 && kernel[1] === 1) return "conv 1×1";
  if ((op.attrs.groups ?? 1) > 1) return "conv grouped";
  const unitStride = (op.attrs.stride ?? [1, 1]).every((step) => step === 1);
  return `conv ${kernel[0]}×${kernel[1]}${unitStride ? "" : " strided"}`;
}

function bucket(share: number): string {
  const lower = Math.min(80, Math.floor((100 * share) / 20) * 20);
  return `${lower}–${lower === 80 ? 100 : lower + 20} %`;
}

function signed(share: number): string {
  return `${share >= 0 ? "+" : ""}${(100 * share).toFixed(1)} %`.padStart(8);
}
