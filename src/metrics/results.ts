/** The shape of `results.json` (CLI-CONTRACT.md). Units are in the field names; temperatures in °C. */

export interface LatencySummary {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

export interface ModelResult {
  readonly app: string;
  readonly model: string;
  readonly requests: number;
  readonly completed: number;
  readonly dropped: number;
  readonly in_flight: number;
  readonly latency_ms: LatencySummary;
  readonly throughput_fps: number;
  readonly slo_ms: number | null;
  readonly slo_violation_rate: number | null;
  readonly energy_per_inference_mj: number;
  readonly fallback_ops: number;
}

export interface ProcessorResult {
  readonly id: string;
  readonly kind: string;
  readonly utilization: number;
  readonly busy_s: number;
  readonly energy_j: number;
  readonly mean_freq_hz: number;
  readonly max_temp_c: number;
  readonly throttled_s: number;
}

export interface UiResult {
  readonly frames: number;
  readonly dropped: number;
  readonly drop_rate: number;
}

export interface RunResult {
  readonly scheduler: string;
  /** The scheduler entry's label (default: its name); unique within a scenario. */
  readonly label: string;
  readonly params: Record<string, unknown>;
  readonly models: ModelResult[];
  readonly processors: ProcessorResult[];
  readonly energy_j: number;
  readonly avg_power_w: number;
  readonly max_skin_temp_c: number;
  readonly antt: number;
  readonly stp: number;
  readonly fairness: number;
  readonly ui: UiResult | null;
  readonly events: number;
}

export interface Results {
  readonly socsim: string;
  readonly scenario: string;
  readonly seed: number;
  readonly soc: string;
  readonly simulated_s: number;
  readonly runs: RunResult[];
}
