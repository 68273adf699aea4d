import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/index.ts";
import { validateFile } from "../../src/scenario/validate-file.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-bad-"));
let counter = 0;
function fileWith(content: string | Uint8Array): string {
  const file = join(folder, `case-${counter++}.yaml`);
  writeFileSync(file, content);
  return file;
}

const scenarioHead =
  "kind: scenario\nname: x\nsoc: snapdragon-855\nworkload: w.yaml\nschedulers: [single-cpu]\n";

/** Each bad file, and the line the CLI must print after `socsim: FILE`. */
const BAD_FILES: [string, string | Uint8Array, RegExp][] = [
  ["an empty file", "", /: is empty$/],
  ["a byte-order mark and blank lines only", "\uFEFF\n \n", /: is empty$/],
  ["blank lines and a NUL", "\n\u0000\n", /: is a binary file/],
  ["a binary file", new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]), /: is a binary file/],
  ["a YAML syntax error", "kind: scenario\nname: x\n  bad: [\n", /:\d+:\d+: YAML syntax error/],
  ["a duplicate key", "kind: scenario\nname: a\nname: b\n", /:3:1: duplicate key/],
  [
    "tab indentation",
    "kind: scenario\nwhat_if:\n\tambient: 30 degC\n",
    /:3:1: tab used for indentation/,
  ],
  [
    "an alias bomb",
    "a: &a [1,2,3,4,5,6,7,8,9]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\nkind: soc\n",
    /cannot be expanded/,
  ],
  ["a list at the top", "- kind: scenario\n", /:1:1: the top level must be a mapping/],
  ["no kind", "name: x\n", /:1:1: missing "kind:"/],
  ["an unknown kind", "kind: phone\n", /:1:7: kind: unknown kind "phone"/],
  ["a wrong unit", `${scenarioHead}duration: 3 GHz\n`, /:6:11: duration: "3 GHz" is not a time/],
  ["an unknown field", `${scenarioHead}duration: 3 s\nspeed: 2\n`, /:7:1: speed: unknown field/],
  ["a wrong type", `${scenarioHead}duration: 3 s\nseed: lots\n`, /:7:7: seed: /],
  ["a missing field", "kind: scenario\nname: x\n", /:1:1: .*missing required field/],
  [
    "a negative rate",
    "kind: workload\nname: w\napps:\n  - name: a\n    model: resnet18\n    arrival: { process: poisson, rate: -2 }\n",
    /:6:40: apps\[0\]\.arrival\.rate: .*must be > 0/,
  ],
];

describe("bad input files", () => {
  it.each(BAD_FILES)("reports %s on one line with its place", async (_what, content, expected) => {
    const file = fileWith(content);
    let error: unknown;
    try {
      await validateFile(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const line = (error as InputError).describe();
    expect(line.startsWith(file)).toBe(true);
    expect(line).not.toContain("\n");
    expect(line).toMatch(expected);
  });

  it("reports a missing file without a position", async () => {
    await expect(validateFile(join(folder, "nowhere.yaml"))).rejects.toThrow(/no such file/);
  });

  it("turns any random bytes into an InputError or a valid file, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        await expectOnlyInputErrors(fileWith(bytes));
      }),
      { numRuns: 150 },
    );
  });

  it("turns any random YAML document into an InputError or a valid file, never a crash", async () => {
    const kinds = fc.constantFrom("soc", "model", "workload", "scenario", "sweep", "x");
    const yamlish = fc.record({ kind: kinds, rest: fc.jsonValue({ maxDepth: 3 }) });
    await fc.assert(
      fc.asyncProperty(yamlish, async ({ kind, rest }) => {
        const body =
          typeof rest === "object" && rest !== null && !Array.isArray(rest)
            ? rest
            : { value: rest };
        await expectOnlyInputErrors(fileWith(JSON.stringify({ kind, ...body })));
      }),
      { numRuns: 150 },
    );
  });
});

async function expectOnlyInputErrors(file: string): Promise<void> {
  try {
    await validateFile(file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
}
