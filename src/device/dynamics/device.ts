import type { Simulator } from "../../core/simulator.ts";
import type { SocSpec } from "../load-soc.ts";
import type { Device, DeviceOptions } from "./device-api.ts";

/**
 * Builds the device for one run on `simulator`. The device keeps periodic
 * events (thermal tick, governor polls), so run the simulator with `until`.
 */
export function createDevice<Tag = unknown>(
  _simulator: Simulator,
  _soc: SocSpec,
  _options: DeviceOptions = {},
): Device<Tag> {
  throw new Error("createDevice: being written (issue 6)");
}
