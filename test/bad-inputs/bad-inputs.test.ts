import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type PathSegment, parseYaml } from "../../src/core/index.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";
import { validateFile } from "../../src/scenario/validate-file.ts";
import { inputErrorOf } from "../support/input-error.ts";
import { BAD_CASES, type BadCase } from "./cases.ts";
import { writeCase } from "./fixture.ts";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The single set-edit whose field the case names, to check the reported line against. */
function editedPath(badCase: BadCase): readonly PathSegment[] | undefined {
  const edit = badCase.edits.find((one) => "set" in one && one.file === badCase.file);
  if (edit === undefined || !("set" in edit)) return undefined;
  const dotted = edit.set.map((segment) =>
    typeof segment === "number" ? `[${segment}]` : `.${segment}`,
  );
  return dotted.join("").replace(/^\./, "") === badCase.field ? edit.set : undefined;
}

describe(`the bad-input corpus (${BAD_CASES.length} cases)`, () => {
  it.each(BAD_CASES.map((badCase) => [badCase.name, badCase] as const))(
    "%s: one located line, the same from run and validate",
    async (_name, badCase) => {
      const folder = writeCase(badCase.edits);
      const scenario = join(folder, "scenario.yaml");
      const path = join(folder, badCase.file);
      const fromRun = (await inputErrorOf(() => loadScenario(scenario))).describe();
      const fromValidate = (await inputErrorOf(() => validateFile(scenario))).describe();
      expect(fromValidate).toBe(fromRun);
      expect(fromRun).not.toContain("\n");

      const place =
        badCase.field !== undefined
          ? `${escapeRegExp(path)}:(\\d+):\\d+: ${escapeRegExp(badCase.field)}[^:\\s]*: `
          : badCase.line !== undefined
            ? `${escapeRegExp(path)}:${badCase.line}:1: `
            : `${escapeRegExp(path)}: `;
      expect(fromRun).toMatch(new RegExp(`^${place}`));
      expect(fromRun).toMatch(badCase.message);

      const at = editedPath(badCase);
      if (at !== undefined) {
        const reportedLine = Number(new RegExp(`^${place}`).exec(fromRun)![1]);
        const source = parseYaml(path, readFileSync(path, "utf8"));
        expect(reportedLine).toBe(source.positionOf(at).line);
      }
      const standalone = badCase.file.endsWith(".yaml") && badCase.file !== "scenario.yaml";
      if (standalone && badCase.field !== undefined && !badCase.needsScenario) {
        expect((await inputErrorOf(() => validateFile(path))).describe()).toBe(fromRun);
      }
    },
  );
});
