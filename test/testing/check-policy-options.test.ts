import { describe, expect, it } from "vitest";
import { checkPolicy } from "../../src/testing/check-policy.ts";
import policy from "../runtime/fixtures/whole-model-v2.ts";

const module = new URL("../runtime/fixtures/whole-model-v2.ts", import.meta.url).pathname;
type Options = Parameters<typeof checkPolicy>[1];

/** What checkPolicy throws for these options, before any scenario runs. */
function refusal(options: unknown): string {
  try {
    checkPolicy(policy, options as Options);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("checkPolicy accepted the options");
}

describe("checkPolicy's options", () => {
  it("refuses a call without options, without module or with a module that does not exist, naming the option", () => {
    expect(refusal(undefined)).toMatch(/^checkPolicy: expected options with at least \{ module \}/);
    expect(refusal({ runs: 2 })).toMatch(/^checkPolicy: option module is required/);
    expect(refusal({ module: "/nonexistent/x.mjs", runs: 2 })).toBe(
      "checkPolicy: option module: no such file /nonexistent/x.mjs",
    );
  });

  it("refuses a misspelled option, at the top and in scenarios, with the nearest name", () => {
    expect(refusal({ module, rusn: 5 })).toMatch(
      /^checkPolicy: unknown option rusn \(did you mean runs\? known: module, params, runs/,
    );
    expect(refusal({ module, scenarios: { maxApp: 1 } })).toMatch(
      /^checkPolicy: unknown option scenarios\.maxApp \(did you mean scenarios\.maxApps\?/,
    );
  });

  it("reports params the policy's schema refuses as such, not as scenarios refused at plan time", () => {
    expect(refusal({ module, runs: 2, params: { target: "tpu" } })).toMatch(
      /^checkPolicy: option params\.target: whole-model: /,
    );
  });

  it("refuses an unknown model in scenarios.models at once, naming it", () => {
    expect(refusal({ module, runs: 2, scenarios: { models: ["resnet-51"] } })).toBe(
      'workloadArbitrary: models names "resnet-51", which is no zoo model (did you mean "resnet50"?)',
    );
  });
});
