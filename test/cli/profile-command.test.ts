import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "@commander-js/extra-typings";
import { afterEach, describe, expect, it, vi } from "vitest";
import { addProfileCommand } from "../../src/cli/commands/profile.ts";
import { INT8_NET_YAML, MIXED_NET_YAML } from "../support/dtype-models.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-profile-command-"));

function modelFile(name: string, text: string): string {
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
}

const INT8_NET = modelFile("int8-net.yaml", INT8_NET_YAML);
const MIXED_NET = modelFile("mixed-net.yaml", MIXED_NET_YAML);

/** `socsim profile ARGS --soc snapdragon-855 --processor cpu --json`, parsed. */
function profile(...args: string[]): { dtype: string } {
  const program = new Command("socsim").exitOverride();
  addProfileCommand(program);
  let printed = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    printed += String(chunk);
    return true;
  });
  program.parse([
    "node",
    "socsim",
    "profile",
    ...args,
    "--soc",
    "snapdragon-855",
    "--processor",
    "cpu",
    "--json",
  ]);
  vi.restoreAllMocks();
  return JSON.parse(printed);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("socsim profile", () => {
  it("profiles a model file in its own dtype unless --dtype says otherwise", () => {
    expect(profile(INT8_NET).dtype).toBe("int8");
    expect(profile(INT8_NET, "--dtype", "fp16").dtype).toBe("fp16");
    expect(profile("mobilenet-v2").dtype).toBe("fp32");
  });

  it("refuses --input-shape for a model that is not an ONNX file, not ignoring it", () => {
    expect(() => profile(INT8_NET, "--input-shape", "image=1x3x64x64")).toThrow(
      /--input-shape gives the sizes of an ONNX model's symbolic inputs; this model is not an \.onnx file/,
    );
  });

  it("labels a model whose ops differ in dtype mixed, as run's results.json does", () => {
    expect(profile(MIXED_NET).dtype).toBe("mixed");
  });
});
