import { InvalidArgumentError } from "@commander-js/extra-typings";
import { describe, expect, it } from "vitest";
import { parseThreadCount } from "../../src/cli/options.ts";

describe("profile --threads", () => {
  it("takes digits only: text, a sign or a fraction is bad usage before any SoC is read", () => {
    expect(parseThreadCount("4")).toBe(4);
    expect(parseThreadCount("0")).toBe(0); // the SoC's bounds reject it, naming them (exit 1)
    for (const text of ["abc", "2.5", "-1", ""])
      expect(() => parseThreadCount(text)).toThrow(InvalidArgumentError);
  });
});
