import { readFileSync, writeFileSync } from "node:fs";
import { SCHEDULERS } from "../../src/sched/index.ts";
import { type ClaimFigures, measureMix } from "./measure.ts";
import { MIXES, PHONES, SEEDS, SINGLE_PROCESSOR } from "./mixes.ts";

/**
 * `npm run claims:adms`: ADMS's claims as directions (issue 16 item 5) on
 * five mixes × three seeds on each of the paper's phones; writes the figures
 * between the markers of docs/policies/adms.md. Band joins once registered.
 */
const DOC = new URL("../../docs/policies/adms.md", import.meta.url);
const BEGIN = "<!-- adms-claims:begin -->";
const END = "<!-- adms-claims:end -->";

const band = SCHEDULERS.has("band");
const policies = ["adms", ...SINGLE_PROCESSOR, ...(band ? ["band"] : [])];

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const geomean = (values: readonly number[]) =>
  Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
const fixed = (value: number | null, digits: number) =>
  value === null ? "—" : value.toFixed(digits);

const lines: string[] = [];
for (const soc of PHONES) {
  lines.push(`### ${soc}`, "");
  lines.push(
    "| mix | policy | multi-DNN latency (ms) | closed-loop FPS | inferences / J |",
    "|---|---|---:|---:|---:|",
  );
  /** Per comparison, ADMS over the other policy, one entry per mix and seed. */
  const latencyRatios = new Map<string, number[]>();
  const fpsRatios: number[] = [];
  const efficiencyRatios: number[] = [];
  let latencyWins = 0;
  let latencyCases = 0;
  for (const mix of MIXES) {
    const bySeed: ClaimFigures[][] = [];
    for (const seed of SEEDS) {
      process.stderr.write(`${soc} ${mix.name} seed ${seed}\n`);
      bySeed.push(await measureMix(mix, soc, seed, policies));
    }
    for (const policy of policies) {
      const runs = bySeed.flatMap((figures) => figures.filter((f) => f.policy === policy));
      if (runs.length === 0) {
        lines.push(`| ${mix.name} | ${policy} | refused | | |`);
        continue;
      }
      const latencies = runs.map((run) => run.multiDnnLatencyMs);
      const latency = latencies.includes(null) ? null : mean(latencies as number[]);
      lines.push(
        `| ${mix.name} | ${policy} | ${fixed(latency, 1)} | ${mean(runs.map((r) => r.throughputFps)).toFixed(1)} | ${mean(runs.map((r) => r.inferencesPerJoule)).toFixed(2)} |`,
      );
    }
    for (const figures of bySeed) {
      const adms = figures.find((f) => f.policy === "adms")!;
      const singles = figures.filter((f) =>
        (SINGLE_PROCESSOR as readonly string[]).includes(f.policy),
      );
      latencyCases++;
      // A single-processor policy that left an app without a completion has an unbounded latency.
      if (
        adms.multiDnnLatencyMs !== null &&
        singles.every(
          (f) => f.multiDnnLatencyMs === null || adms.multiDnnLatencyMs! < f.multiDnnLatencyMs,
        )
      )
        latencyWins++;
      for (const single of singles) {
        if (single.multiDnnLatencyMs === null || adms.multiDnnLatencyMs === null) continue;
        const list = latencyRatios.get(single.policy) ?? [];
        list.push(single.multiDnnLatencyMs / adms.multiDnnLatencyMs);
        latencyRatios.set(single.policy, list);
      }
      const other = figures.find((f) => f.policy === "band");
      if (other !== undefined) {
        fpsRatios.push(adms.throughputFps / other.throughputFps);
        efficiencyRatios.push(adms.inferencesPerJoule / other.inferencesPerJoule);
      }
    }
  }
  lines.push("");
  lines.push(
    `ADMS's multi-DNN latency is below every single-processor policy's in ${latencyWins} of ${latencyCases} mix × seed cases.`,
  );
  for (const [policy, ratios] of latencyRatios)
    lines.push(
      `- ${policy} / ADMS latency: geometric mean ${geomean(ratios).toFixed(2)}× (range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×, ${ratios.length} cases with both defined)`,
    );
  if (band)
    lines.push(
      `- ADMS / Band closed-loop FPS: geometric mean ${geomean(fpsRatios).toFixed(2)}× (range ${Math.min(...fpsRatios).toFixed(2)}–${Math.max(...fpsRatios).toFixed(2)}×)`,
      `- ADMS / Band inferences per joule: geometric mean ${geomean(efficiencyRatios).toFixed(2)}× (range ${Math.min(...efficiencyRatios).toFixed(2)}–${Math.max(...efficiencyRatios).toFixed(2)}×)`,
    );
  else lines.push("- Band is not registered: no FPS or efficiency comparison with it.");
  lines.push("");
}

const doc = readFileSync(DOC, "utf8");
const start = doc.indexOf(BEGIN);
const end = doc.indexOf(END);
if (start < 0 || end < start)
  throw new Error(`docs/policies/adms.md lacks the ${BEGIN} … ${END} markers`);
writeFileSync(DOC, `${doc.slice(0, start + BEGIN.length)}\n${lines.join("\n")}\n${doc.slice(end)}`);
process.stderr.write("docs/policies/adms.md updated\n");
