import type { RequestRecorder } from "../metrics/request-recorder.ts";
import type { EnergyBreakdown } from "../metrics/results.ts";
import type { DeviceStatistics } from "./device-adapter.ts";
import { type JobTag, UI_WORK } from "./device-port.ts";

/**
 * Where a run's energy went (results.json `energy_breakdown_j`). The device
 * charges every job its threads' capacity share of their cores' power and
 * its DRAM bytes; the ledger files each charge by whose work it was: a
 * request's (the recorder keeps it with the request until it completes or
 * not), the UI's, the scheduler's, or a competing process's. What no job
 * drew (idle cores, the uncore, the platform floor) comes from the device's
 * meters, so the parts add up to the run's `energy_j`.
 */
export class EnergyLedger {
  private ui = 0;
  private scheduling = 0;
  private competing = 0;
  /** App work of requests the recorder does not report: they arrived during warm-up. */
  private unreported = 0;

  constructor(private readonly recorder: RequestRecorder) {}

  readonly charge = (tag: JobTag, competingLoad: string | undefined, joules: number): void => {
    if (competingLoad !== undefined) this.competing += joules;
    else if (tag.request >= 0) {
      if (!this.recorder.charge(tag.request, joules)) this.unreported += joules;
    } else if (tag.app === UI_WORK) this.ui += joules;
    else this.scheduling += joules;
  };

  /** Opens the statistics window: what was charged before it is forgotten. */
  reset(): void {
    this.ui = 0;
    this.scheduling = 0;
    this.competing = 0;
    this.unreported = 0;
  }

  /** The window's breakdown; `stats` must be read after the running jobs were charged. */
  breakdown(stats: DeviceStatistics): EnergyBreakdown {
    return {
      apps: this.recorder.tallies.reduce((sum, tally) => sum + tally.energyJ, 0),
      incomplete: this.unreported + this.recorder.incompleteEnergyJ(),
      scheduling: this.scheduling,
      ui: this.ui,
      competing: this.competing,
      idle: stats.idleJ,
      platform: stats.platformJ,
    };
  }
}
