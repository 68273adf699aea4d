import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSweep } from "../../src/scenario/sweep/load-sweep.ts";

describe("the bundled F9 data-reuse sweep", () => {
  it("loads: one video stream with reuse off, frame-level and layer-level", async () => {
    const file = new URL("../../scenarios/paper/f9-reuse.yaml", import.meta.url).pathname;
    const sweep = await loadSweep(file);
    expect(sweep.runs).toHaveLength(3);
    expect(sweep.inputs).toContain(join(dirname(file), "..", "sweeps", "f9-video.yaml"));
  }, 30_000);
});
