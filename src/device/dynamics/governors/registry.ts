import { Registry } from "../../../core/registry.ts";
import { GOVERNOR_NAMES, type GovernorName } from "../device-api.ts";
import { performance, powersave, userspace } from "./fixed-point.ts";
import type { GovernorFactory } from "./governor.ts";
import { schedutil } from "./schedutil.ts";
import { simpleOndemand } from "./simple-ondemand.ts";

/** Governor name → factory. Adding a governor: its file, one line here, one name in GOVERNOR_NAMES. */
export const GOVERNORS = new Registry<GovernorFactory>("governor");
const factories: Record<GovernorName, GovernorFactory> = {
  performance,
  powersave,
  userspace,
  schedutil,
  simple_ondemand: simpleOndemand,
};
for (const name of GOVERNOR_NAMES) GOVERNORS.register(name, factories[name]);

/** The governor a SoC file's governor kind stands for (`bw_hwmon` polls like simple_ondemand). */
export function governorOfKind(kind: string): GovernorName {
  return kind === "bw_hwmon" ? "simple_ondemand" : (kind as GovernorName);
}
