import { describe, expect, it } from "vitest";
import { InputError, parseYaml } from "../../src/core/index.ts";

describe("YAML sources", () => {
  it("refuses a key that is a list or a mapping at its own line, without Node's stringify warning", () => {
    const warnings: unknown[] = [];
    const listen = (warning: unknown) => warnings.push(warning);
    process.on("warning", listen);
    try {
      const text = "kind: scenario\nname: x\n? [a, b]\n: c\n";
      let error: unknown;
      try {
        parseYaml("s.yaml", text);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).describe()).toBe(
        "s.yaml:3:3: a key must be a plain value (a name), not a list or a mapping",
      );
    } finally {
      process.off("warning", listen);
    }
    expect(warnings).toEqual([]);
  });

  it("refuses __proto__ as a key, which a JavaScript object would take as its prototype", () => {
    expect(() =>
      parseYaml("s.yaml", "kind: scenario\nwhat_if:\n  initial_temps: { __proto__: 30 degC }\n"),
    ).toThrow(/__proto__ cannot be a key/);
  });
});
