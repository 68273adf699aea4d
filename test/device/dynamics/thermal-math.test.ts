import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { THERMAL_FACTORIES, thermalMath } from "../../../src/device/dynamics/thermal-math.ts";

const require = createRequire(import.meta.url);
const root = join(dirname(require.resolve("mathjs/package.json")), "lib/cjs");

/** The factory names mathjs's own dependency lists of expm, matrix and lusolve reach. */
function mathjsClosure(): Set<string> {
  const names = new Set<string>();
  const seen = new Set<object>();
  const walk = (dependencies: Record<string, unknown>) => {
    if (seen.has(dependencies)) return;
    seen.add(dependencies);
    for (const [name, value] of Object.entries(dependencies)) {
      if (name.startsWith("create")) names.add(name);
      else walk(value as Record<string, unknown>);
    }
  };
  for (const name of ["Expm", "Matrix", "Lusolve"])
    walk(require(join(root, `entry/dependenciesAny/dependencies${name}.generated.js`)));
  return names;
}

describe("the thermal network's mathjs", () => {
  it("lists exactly the factories mathjs's dependency lists name, each from a file that exports it", () => {
    expect(new Set(Object.keys(THERMAL_FACTORIES))).toEqual(mathjsClosure());
    for (const [name, file] of Object.entries(THERMAL_FACTORIES))
      expect(typeof (require(join(root, file)) as Record<string, unknown>)[name], name).toBe(
        "function",
      );
  });

  it("computes what mathjs's full instance computes, to the bit", () => {
    const full = require("mathjs") as typeof import("mathjs");
    const generator = [
      [-3.1, 1.2, 0.4, 1.5],
      [0.7, -2.2, 0.9, 0.6],
      [0.2, 0.8, -1.4, 0.4],
      [0, 0, 0, 0],
    ];
    const mine = thermalMath();
    expect(mine.expm(mine.matrix(generator)).toArray()).toEqual(
      full.expm(full.matrix(generator)).toArray(),
    );
    const system = generator.slice(0, 3).map((row) => row.slice(0, 3));
    expect(mine.lusolve(system, [1, 2, 3])).toEqual(full.lusolve(system, [1, 2, 3]));
  });
});
