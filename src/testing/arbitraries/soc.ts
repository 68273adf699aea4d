import fc from "fast-check";
import { loadSoc, type SocSpec } from "../../device/index.ts";
import { OP_KINDS } from "../../graph/op-kinds.ts";
import { BUNDLED_SOCS } from "./scenario.ts";

/**
 * A bundled SoC with its numbers moved: every frequency (operating points,
 * governor and thermal caps alike, so their order holds), every thermal
 * resistance and capacity, every capacitance and static power, each group
 * by one factor; and, optionally, its structure cut down: accelerators
 * dropped (with every reference to them), op kinds removed from an
 * accelerator's support table, framework profiles dropped (the default
 * re-pointed to the first one left). `socVariantText` writes it as a SoC file.
 */
export interface SocVariant {
  readonly base: string;
  readonly frequencyScale: number;
  readonly thermalScale: number;
  readonly powerScale: number;
  /** Accelerator ids removed (never a CPU cluster); absent or empty for none. */
  readonly droppedProcessors?: readonly string[];
  /** Accelerator id → op kinds removed from its support table (at least one kind is left). */
  readonly removedOps?: Readonly<Record<string, readonly string[]>>;
  /** Framework profiles removed (at least one is left). */
  readonly droppedFrameworks?: readonly string[];
}

export interface SocArbitraryConstraints {
  /** Bundled SoC ids to start from (default: every SoC under socs/). */
  readonly socs?: readonly string[];
  /** Largest relative change of each group, in [0, 0.9) (default 0.3: factors 0.7 to 1.3, in steps of 0.01). */
  readonly maxChange?: number;
  /** Drop some of the SoC's accelerators (GPU, DSP, NPU); the CPU clusters always stay (default true). */
  readonly dropAccelerators?: boolean;
  /** Most op kinds removed from one accelerator's support table, a whole number ≥ 0; 0 leaves the tables alone (default 5). */
  readonly maxRemovedOps?: number;
  /** Drop some framework profiles, at least one staying (default true). */
  readonly dropFrameworks?: boolean;
}

const bases = new Map<string, SocSpec>();

function baseSoc(id: string): SocSpec {
  let soc = bases.get(id);
  if (soc === undefined) {
    soc = loadSoc(id);
    bases.set(id, soc);
  }
  return soc;
}

/** Op kinds an accelerator's support table accepts (its list, or every kind for `all`), less its exceptions. */
function supportedOps(soc: SocSpec, id: string): string[] {
  const support = soc.processors[id]!.support;
  const listed: readonly string[] = support.ops === "all" ? OP_KINDS : support.ops;
  return listed.filter((kind) => !support.except.includes(kind as never));
}

function structureArbitrary(
  base: string,
  constraints: { dropAccelerators: boolean; maxRemovedOps: number; dropFrameworks: boolean },
): fc.Arbitrary<Pick<SocVariant, "droppedProcessors" | "removedOps" | "droppedFrameworks">> {
  const soc = baseSoc(base);
  const accelerators = Object.keys(soc.processors).filter(
    (id) => soc.processors[id]!.kind !== "cpu",
  );
  const frameworks = Object.keys(soc.frameworks);
  const removed: Record<string, fc.Arbitrary<string[]>> = {};
  if (constraints.maxRemovedOps > 0)
    for (const id of accelerators) {
      const supported = supportedOps(soc, id);
      const most = Math.min(constraints.maxRemovedOps, supported.length - 1);
      if (most > 0) removed[id] = fc.subarray(supported, { maxLength: most });
    }
  return fc
    .record({
      droppedProcessors:
        constraints.dropAccelerators && accelerators.length > 0
          ? fc.subarray(accelerators)
          : fc.constant<string[]>([]),
      removedOps: fc.record(removed),
      droppedFrameworks:
        constraints.dropFrameworks && frameworks.length > 1
          ? fc.subarray(frameworks, { maxLength: frameworks.length - 1 })
          : fc.constant<string[]>([]),
    })
    .map(({ droppedProcessors, removedOps, droppedFrameworks }) => {
      const kept = Object.fromEntries(
        Object.entries(removedOps).filter(
          ([id, kinds]) => kinds.length > 0 && !droppedProcessors.includes(id),
        ),
      );
      return {
        ...(droppedProcessors.length === 0 ? {} : { droppedProcessors }),
        ...(Object.keys(kept).length === 0 ? {} : { removedOps: kept }),
        ...(droppedFrameworks.length === 0 ? {} : { droppedFrameworks }),
      };
    });
}

/** SoC variants derived from bundled SoCs; shrinks towards the unchanged SoC. */
export function socArbitrary(constraints: SocArbitraryConstraints = {}): fc.Arbitrary<SocVariant> {
  const socs = constraints.socs ?? BUNDLED_SOCS;
  const maxChange = constraints.maxChange ?? 0.3;
  const dropAccelerators = constraints.dropAccelerators ?? true;
  const maxRemovedOps = constraints.maxRemovedOps ?? 5;
  const dropFrameworks = constraints.dropFrameworks ?? true;
  if (socs.length === 0) throw new Error("socArbitrary: socs must name at least one SoC");
  if (!(maxChange >= 0 && maxChange < 0.9))
    throw new Error(`socArbitrary: maxChange must be in [0, 0.9), got ${maxChange}`);
  if (!(Number.isInteger(maxRemovedOps) && maxRemovedOps >= 0))
    throw new Error(`socArbitrary: maxRemovedOps must be a whole number ≥ 0, got ${maxRemovedOps}`);
  const steps = Math.round(maxChange * 100);
  const factor = fc.integer({ min: -steps, max: steps }).map((step) => 1 + step / 100);
  const numbers = fc.record({
    base: fc.constantFrom(...socs),
    frequencyScale: factor,
    thermalScale: factor,
    powerScale: factor,
  });
  if (!dropAccelerators && maxRemovedOps === 0 && !dropFrameworks) return numbers;
  return numbers.chain((variant) =>
    structureArbitrary(variant.base, { dropAccelerators, maxRemovedOps, dropFrameworks }).map(
      (structure): SocVariant => ({ ...variant, ...structure }),
    ),
  );
}
