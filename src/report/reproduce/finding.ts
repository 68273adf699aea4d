import type { FindingRuns } from "./finding-runs.ts";

/** What socsim shows for one claim of the study. */
export type Measurement =
  | {
      /** socsim shows the study's direction. */
      readonly holds: boolean;
      /** Comparable with the paper's figure, in its unit (share, ratio, ms). */
      readonly value?: number;
      /** Per model and method, comparable with the paper's cells. */
      readonly cells?: Readonly<Record<string, number>>;
      /** socsim's figure as the row prints it. */
      readonly shown: string;
      /** The numbers behind it, one line each, for the finding's section. */
      readonly detail?: readonly string[];
    }
  /** The claim needs something socsim cannot express yet. */
  | { readonly notExpressible: string };

/** One direction of a finding, as a row of the comparison. */
export interface Claim {
  /** Key of the paper's figure in scenarios/paper/phones.yaml. */
  readonly figure: string;
  /** The direction the phones showed, in words socsim's runs can confirm or not. */
  readonly direction: string;
  readonly measure: (runs: FindingRuns) => Measurement;
  /** The most likely reason in the model when socsim shows the opposite. */
  readonly ifOpposite: string;
}

/** One finding of the seed study and how socsim reproduces it. */
export interface Finding {
  readonly id: string;
  readonly title: string;
  /** The scenario or sweep, relative to scenarios/paper/. */
  readonly file: string;
  /** Why the file may be missing (a feature not in this socsim yet), shown when it is. */
  readonly missingFile?: string;
  /** The paper's figure or table, when it plotted the finding. */
  readonly paperPlot?: string;
  /** Axis values that shorten every run under `--quick`. */
  readonly quick: Readonly<Record<string, unknown>>;
  readonly claims: readonly Claim[];
}
