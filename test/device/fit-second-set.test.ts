import { describe, expect, it } from "vitest";
import { readSecondSet } from "../../scripts/fit/rows-set-2.ts";
import { bundledSocIds, loadSoc } from "../../src/device/index.ts";
import { ZOO } from "../../src/graph/index.ts";

const profiled = new Map(
  bundledSocIds().map((id) => {
    const soc = loadSoc(id);
    const kinds = (backends: object) =>
      Object.keys(soc.processors).filter(
        (processor) => soc.processors[processor]!.kind in backends,
      );
    return [
      id,
      new Map(
        Object.entries(soc.frameworks).map(([name, profile]) => [
          name,
          ["cpu", ...kinds(profile.backends)],
        ]),
      ),
    ] as const;
  }),
);
const { rows, setAside } = readSecondSet(profiled);

describe("calibration set 2 as fit rows", () => {
  it("accounts for every one of the 814 rows: fitted or set aside with a reason", () => {
    expect(rows.length + setAside.length).toBe(814);
    for (const row of setAside) expect(row.why.length).toBeGreaterThan(10);
  });

  it("fits only calibration-only zoo models, never a workload model", () => {
    for (const row of rows) expect(ZOO.get(row.model).calibrationOnly, row.model).toBe(true);
  });

  it("sets aside the SUSPECT rows and the QCS8250 upper bounds", () => {
    const why = new Map(setAside.map((row) => [row.id, row.why]));
    expect(why.get("PDL-091")).toMatch(/SUSPECT/);
    expect(rows.some((row) => row.source === "qualcomm_ai_hub_qcs8250")).toBe(false);
  });

  it("keeps the Kirin NPU's newer HiAI build and sets the superseded DDK 310 rows aside as version spread", () => {
    const why = new Map(setAside.map((row) => [row.id, row.why]));
    for (const id of ["PLT-236", "PLT-240"]) expect(why.get(id), id).toMatch(/historical/);
    const fitted = new Set(rows.map((row) => row.section));
    for (const id of ["PLT-170", "PLT-190"]) expect(fitted.has(id), id).toBe(true);
  });
});
