import type { PathSegment } from "../../core/input-error.ts";
import type { YamlSource } from "../../core/yaml-source.ts";
import type { SocSpec } from "../load-soc.ts";
import type { DeviceOptions, GovernorName } from "./device-api.ts";

/** The scenario's `what_if:` knobs the device reads (field names as in the scenario file, SI units). */
export interface WhatIfKnobs {
  readonly ambient?: number;
  readonly initial_temps?: Readonly<Record<string, number>>;
  readonly hold_temps?: Readonly<Record<string, number>>;
  readonly governors?: Readonly<Record<string, string>>;
  readonly fixed_freq?: Readonly<Record<string, number>>;
  readonly cache_hit_rate?: number;
}

/**
 * Checks the what-if knobs against the SoC: node and domain names, governor
 * names (with the nearest known one), held temperatures not below ambient,
 * fixed frequencies inside the domain's range, `userspace` with a frequency.
 * Throws the InputError of the first problem at its field under `path`.
 */
export function validateWhatIf(
  _source: YamlSource,
  _soc: SocSpec,
  _whatIf: WhatIfKnobs,
  _path: readonly PathSegment[] = ["what_if"],
): void {}

/** Device options from validated what-if knobs (plus what the scenario sets elsewhere). */
export function deviceOptionsFromWhatIf(
  whatIf: WhatIfKnobs,
  rest: Omit<
    DeviceOptions,
    "ambientC" | "initialTempsC" | "holdTempsC" | "governors" | "fixedFrequencyHz" | "cacheHitRate"
  > = {},
): DeviceOptions {
  return {
    ...rest,
    ...(whatIf.ambient === undefined ? {} : { ambientC: whatIf.ambient }),
    ...(whatIf.initial_temps === undefined ? {} : { initialTempsC: whatIf.initial_temps }),
    ...(whatIf.hold_temps === undefined ? {} : { holdTempsC: whatIf.hold_temps }),
    ...(whatIf.governors === undefined
      ? {}
      : { governors: whatIf.governors as Readonly<Record<string, GovernorName>> }),
    ...(whatIf.fixed_freq === undefined ? {} : { fixedFrequencyHz: whatIf.fixed_freq }),
    ...(whatIf.cache_hit_rate === undefined ? {} : { cacheHitRate: whatIf.cache_hit_rate }),
  };
}
