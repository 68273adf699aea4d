import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { checkPolicy } from "socsim/testing";
import policy from "./my-policy.ts";

// Run with: node --import tsx --test my-policy.test.ts (SOCSIM_CHECK_RUNS=20 for a quick look).
test("my-policy passes every socsim/testing checker on random scenarios", () => {
  const report = checkPolicy(policy, {
    module: fileURLToPath(new URL("./my-policy.ts", import.meta.url)),
  });
  assert.ok(report.scenarios > 0);
});
