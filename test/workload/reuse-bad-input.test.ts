import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorkload } from "../../src/scenario/load-scenario.ts";
import { inputErrorOf } from "../support/input-error.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-reuse-bad-"));
let counter = 0;

/** Writes a one-app workload whose app has this `reuse:` block (YAML lines, indented under it). */
function workloadWith(reuseLines: string, arrival = "{ process: periodic, fps: 30 }"): string {
  const file = join(folder, `w${counter++}.yaml`);
  writeFileSync(
    file,
    `kind: workload\nname: w\napps:\n  - name: video\n    model: mobilenet-v2\n    arrival: ${arrival}\n    reuse:\n${reuseLines}`,
  );
  return file;
}

describe("a bad reuse block is one line at its field", () => {
  const cases: [string, string, string, RegExp][] = [
    ["an unknown level", "      level: frames\n", "apps[0].reuse.level", /frame|layer|off/],
    [
      "a probability above 1",
      "      level: frame\n      similarity: { process: markov, stay_similar: 1.5 }\n",
      "apps[0].reuse.similarity.stay_similar",
      /between 0 and 1/,
    ],
    [
      "a negative probability",
      "      level: frame\n      similarity: { process: markov, become_similar: -0.1 }\n",
      "apps[0].reuse.similarity.become_similar",
      /between 0 and 1/,
    ],
    [
      "a threshold of 0",
      "      level: frame\n      threshold: 0\n",
      "apps[0].reuse.threshold",
      /> 0/,
    ],
    [
      "a prefix at the frame level",
      "      level: frame\n      prefix: 0.5\n",
      "apps[0].reuse.prefix",
      /only to level: layer/,
    ],
    [
      "a prefix fraction of 1",
      "      level: layer\n      prefix: 1\n",
      "apps[0].reuse.prefix",
      /< 1/,
    ],
    [
      "a prefix op the model does not have",
      "      level: layer\n      prefix: no-such-op\n",
      "apps[0].reuse.prefix",
      /mobilenet-v2 has no op "no-such-op"/,
    ],
    [
      "a missing similarity trace",
      "      level: frame\n      similarity: { process: trace, file: missing.csv }\n",
      "apps[0].reuse.similarity.file",
      /no such file/,
    ],
  ];
  for (const [name, lines, field, message] of cases) {
    it(name, async () => {
      const file = workloadWith(lines);
      const error = await inputErrorOf(() => loadWorkload(file));
      expect(error.file).toBe(file);
      expect(error.position?.line).toBeGreaterThan(6);
      expect(error.describe()).toContain(field);
      expect(error.describe()).toMatch(message);
    });
  }

  it("a similarity outside [0, 1] in a trace is its file's line", async () => {
    const trace = join(folder, "similarity.csv");
    writeFileSync(trace, "similarity\n0.5\n1\n1.2\n");
    const file = workloadWith(
      "      level: frame\n      similarity: { process: trace, file: similarity.csv }\n",
    );
    const error = await inputErrorOf(() => loadWorkload(file));
    expect(error.describe()).toBe(`${trace}:4:1: similarity 1.2 is not between 0 and 1`);
  });

  it("a free check in a closed loop with no think time, where time would stand still", async () => {
    const file = workloadWith(
      "      level: frame\n      check_per_element: 0 s\n",
      "{ process: closed, outstanding: 1 }",
    );
    const error = await inputErrorOf(() => loadWorkload(file));
    expect(error.describe()).toMatch(/apps\[0\]\.reuse\.check_per_element: a closed loop/);
  });

  it("a good trace and a named prefix load", async () => {
    writeFileSync(join(folder, "good.csv"), "0.95\n0.2\n");
    const file = workloadWith(
      "      level: layer\n      prefix: 0.25\n      similarity: { process: trace, file: good.csv }\n",
    );
    expect(loadWorkload(file).similarityTraces.get("video")).toEqual([0.95, 0.2]);
  });
});
