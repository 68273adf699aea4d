import { unknownNameMessage, type YamlSource } from "../core/index.ts";
import type { SocSpec } from "../device/index.ts";

/**
 * `what_if.unavailable` names accelerators whose delegate invocations fail:
 * each key must be a processor of the SoC that is not a CPU cluster (the CPU
 * is where a failed delegate's work falls back, never a delegate itself).
 * Throws the InputError at the key.
 */
export function checkUnavailableOnSoc(
  source: YamlSource,
  unavailable: Readonly<Record<string, unknown>>,
  soc: SocSpec,
): void {
  const accelerators = Object.keys(soc.processors).filter(
    (id) => soc.processors[id]!.kind !== "cpu",
  );
  for (const id of Object.keys(unavailable)) {
    if (accelerators.includes(id)) continue;
    const detail =
      soc.processors[id] === undefined
        ? unknownNameMessage("accelerator", id, accelerators)
        : `"${id}" is a CPU cluster of ${soc.id}, not a delegate (its accelerators: ${accelerators.join(", ")})`;
    throw source.errorAt(["what_if", "unavailable", id], detail);
  }
}
