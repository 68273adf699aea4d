import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "@commander-js/extra-typings";
import { afterEach, describe, expect, it, vi } from "vitest";
import { addModelCommand } from "../../src/cli/commands/model.ts";
import { InputError } from "../../src/core/input-error.ts";
import { buildModel, modelStats } from "../../src/graph/index.ts";
import { MIXED_NET_YAML } from "../support/dtype-models.ts";

function run(...args: string[]): string {
  const program = new Command("socsim").exitOverride();
  addModelCommand(program);
  let printed = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    printed += String(chunk);
    return true;
  });
  program.parse(["node", "socsim", "model", ...args]);
  vi.restoreAllMocks();
  return printed;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("socsim model", () => {
  it("prints the contract's JSON with --json and nothing else", () => {
    const json = JSON.parse(run("vgg16", "--json"));
    expect(json).toEqual(modelStats(buildModel("vgg16")));
    expect(Object.keys(json)).toEqual([
      "model",
      "ops",
      "edges",
      "macs",
      "params",
      "activation_bytes",
      "op_kinds",
    ]);
  });

  it("prints a readable summary without --json, in the dtype asked for", () => {
    const text = run("mobilenet-v2", "--dtype", "int8");
    expect(text).toMatch(/^model\s+mobilenet-v2: /m);
    expect(text).toMatch(/^MACs\s+300\.8\d* M$/m);
    expect(text).toMatch(/^activations\s+.*\(int8/m);
  });

  it("labels the activations of a model whose ops differ in dtype mixed", () => {
    const file = join(mkdtempSync(join(tmpdir(), "socsim-model-command-")), "mixed.yaml");
    writeFileSync(file, MIXED_NET_YAML);
    expect(run(file)).toMatch(/^activations\s+.*\(mixed, /m);
  });

  it("refuses --input-shape for a bundled model, whose shapes are fixed", () => {
    expect(() => run("resnet18", "--input-shape", "x=1x3x64x64")).toThrow(InputError);
  });

  it("fails with an InputError naming a nearest model for an unknown name", () => {
    expect(() => run("mobilenet-v3")).toThrow(InputError);
    expect(() => run("mobilenet-v3")).toThrow(/did you mean "mobilenet-v\d"/);
  });
});
