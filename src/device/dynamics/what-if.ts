import type { PathSegment } from "../../core/input-error.ts";
import { nearestName, unknownNameMessage } from "../../core/nearest.ts";
import type { YamlSource } from "../../core/yaml-source.ts";
import type { SocSpec } from "../load-soc.ts";
import { type DeviceOptions, GOVERNOR_NAMES, type GovernorName } from "./device-api.ts";

/** The scenario's `what_if:` knobs the device reads (field names as in the scenario file, SI units). */
export interface WhatIfKnobs {
  readonly ambient?: number | undefined;
  readonly initial_temps?: Readonly<Record<string, number>> | undefined;
  readonly hold_temps?: Readonly<Record<string, number>> | undefined;
  readonly preheat?: Readonly<Record<string, number>> | undefined;
  readonly governors?: Readonly<Record<string, string>> | undefined;
  readonly fixed_freq?: Readonly<Record<string, number>> | undefined;
  readonly cache_hit_rate?: number | undefined;
}

/**
 * Checks the what-if knobs against the SoC: node and domain names, governor
 * names (with the nearest known one), held temperatures not below ambient,
 * fixed frequencies inside the domain's range, `userspace` with a frequency
 * and a frequency without a contradicting governor. Throws the InputError of
 * the first problem, at its field under `path` in `source`.
 */
export function validateWhatIf(
  source: YamlSource,
  soc: SocSpec,
  whatIf: WhatIfKnobs,
  path: readonly PathSegment[] = ["what_if"],
): void {
  const nodes = Object.keys(soc.thermal.nodes);
  const domains = Object.keys(soc.processors);
  const ambient = whatIf.ambient ?? soc.thermal.ambient;
  const fail = (field: readonly PathSegment[], detail: string, atKey = false): never => {
    throw source.errorAt([...path, ...field], detail, atKey);
  };
  const knownName = (field: string, name: string, what: string, known: readonly string[]) => {
    if (!known.includes(name)) fail([field, name], unknownNameMessage(what, name, known), true);
  };
  for (const node of Object.keys(whatIf.initial_temps ?? {}))
    knownName("initial_temps", node, "thermal node", nodes);
  for (const [node, celsius] of Object.entries(whatIf.hold_temps ?? {})) {
    knownName("hold_temps", node, "thermal node", nodes);
    if (celsius < ambient)
      fail(["hold_temps", node], `held at ${celsius} °C, below the ambient ${ambient} °C`);
  }
  for (const [node, celsius] of Object.entries(whatIf.preheat ?? {})) {
    knownName("preheat", node, "thermal node", nodes);
    if (celsius < ambient)
      fail(["preheat", node], `preheated to ${celsius} °C, below the ambient ${ambient} °C`);
    if (whatIf.hold_temps?.[node] !== undefined)
      fail(["preheat", node], `${node} is held by hold_temps: preheat it or hold it, not both`);
    if (whatIf.initial_temps?.[node] !== undefined)
      fail(["preheat", node], `${node} also has an initial_temps entry: give one of them`);
  }
  for (const [domain, governor] of Object.entries(whatIf.governors ?? {})) {
    knownName("governors", domain, "frequency domain", domains);
    if (!(GOVERNOR_NAMES as readonly string[]).includes(governor))
      fail(["governors", domain], unknownGovernorMessage(governor));
    if (governor === "userspace" && whatIf.fixed_freq?.[domain] === undefined)
      fail(["governors", domain], `userspace holds a fixed frequency: give fixed_freq.${domain}`);
  }
  for (const [domain, hz] of Object.entries(whatIf.fixed_freq ?? {})) {
    knownName("fixed_freq", domain, "frequency domain", domains);
    const points = soc.processors[domain]!.operating_points;
    const lowest = points[0]!.freq;
    const highest = points.at(-1)!.freq;
    if (hz < lowest || hz > highest)
      fail(
        ["fixed_freq", domain],
        `${megahertz(hz)} is outside ${domain}'s operating points (${megahertz(lowest)} to ${megahertz(highest)})`,
      );
    const governor = whatIf.governors?.[domain];
    if (governor !== undefined && governor !== "userspace")
      fail(
        ["fixed_freq", domain],
        `a fixed frequency needs the userspace governor, but governors.${domain} is ${governor}`,
      );
  }
}

/** Like unknownNameMessage, but a kernel name inside ours ("ondemand") also points at it. */
function unknownGovernorMessage(name: string): string {
  const nearest =
    nearestName(name, GOVERNOR_NAMES) ??
    GOVERNOR_NAMES.find((known) => known.includes(name.toLowerCase()));
  const hint = nearest === undefined ? "" : `did you mean "${nearest}"? `;
  return `unknown governor "${name}" (${hint}known: ${GOVERNOR_NAMES.join(", ")})`;
}

function megahertz(hz: number): string {
  return `${Number((hz / 1e6).toPrecision(6))} MHz`;
}

/** Device options from validated what-if knobs (plus what the scenario sets elsewhere). */
export function deviceOptionsFromWhatIf(
  whatIf: WhatIfKnobs,
  rest: Omit<
    DeviceOptions,
    | "ambientC"
    | "initialTempsC"
    | "holdTempsC"
    | "preheatTempsC"
    | "governors"
    | "fixedFrequencyHz"
    | "cacheHitRate"
  > = {},
): DeviceOptions {
  return {
    ...rest,
    ...(whatIf.ambient === undefined ? {} : { ambientC: whatIf.ambient }),
    ...(whatIf.initial_temps === undefined ? {} : { initialTempsC: whatIf.initial_temps }),
    ...(whatIf.hold_temps === undefined ? {} : { holdTempsC: whatIf.hold_temps }),
    ...(whatIf.preheat === undefined ? {} : { preheatTempsC: whatIf.preheat }),
    ...(whatIf.governors === undefined
      ? {}
      : { governors: whatIf.governors as Readonly<Record<string, GovernorName>> }),
    ...(whatIf.fixed_freq === undefined ? {} : { fixedFrequencyHz: whatIf.fixed_freq }),
    ...(whatIf.cache_hit_rate === undefined ? {} : { cacheHitRate: whatIf.cache_hit_rate }),
  };
}
