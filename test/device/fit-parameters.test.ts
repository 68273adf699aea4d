import { describe, expect, it } from "vitest";
import { PARAMETERS } from "../../scripts/fit/parameters.ts";
import { bundledSocIds, loadSoc } from "../../src/device/index.ts";

const ENQUEUE = PARAMETERS.find((parameter) => parameter.name === "Adreno 6xx OpenCL enqueue")!;

function gpuMicroarchitecture(socId: string): string | undefined {
  return Object.values(loadSoc(socId).processors).find((processor) => processor.kind === "gpu")
    ?.microarchitecture;
}

describe("the fit's parameters land where their structure says", () => {
  it("the Adreno's OpenCL enqueue: every OpenCL GPU back-end of an Adreno SoC, never ncnn's Vulkan nor a Mali's", () => {
    let adrenoSites = 0;
    for (const id of bundledSocIds()) {
      const sites = ENQUEUE.sites(loadSoc(id));
      if (gpuMicroarchitecture(id) !== "adreno-6xx") {
        expect(sites, id).toEqual([]);
        continue;
      }
      const frameworks = sites.map((site) => site[1]);
      expect(frameworks, id).not.toContain("ncnn");
      expect(frameworks, id).toContain("mace");
      for (const site of sites) expect(site.slice(2)).toEqual(["backends", "gpu", "dispatch"]);
      adrenoSites += sites.length;
    }
    expect(adrenoSites).toBeGreaterThan(4);
  });
});
