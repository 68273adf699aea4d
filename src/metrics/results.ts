/** The shape of `results.json` (CLI-CONTRACT.md). Units are in the field names; temperatures in °C. */

/** Every field is null when the app completed no request in the reported window. */
export interface LatencySummary {
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly max: number | null;
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
  /** Null when the app has no SLO. */
  readonly slo_ms: number | null;
  /** Late completions, drops and requests in flight past their deadline, over the requests with an outcome; null without an SLO or such a request. */
  readonly slo_violation_rate: number | null;
  /** Null when the app completed nothing. */
  readonly energy_per_inference_mj: number | null;
  readonly fallback_ops: number;
  /** Of the graph the run executed (after a policy's rewrite). Every run writes these four; results built by hand may omit them. */
  readonly ops?: number;
  readonly macs?: number;
  readonly params?: number;
  /** Whether the policy rewrote the app's graph at plan time. */
  readonly rewritten?: boolean;
  /** The element type the run executed the model in (a policy's rewrite may change the app's: NN-Stretch's int8), "mixed" when its ops differ. */
  readonly dtype?: string;
  /** Units (subgraphs) the policy planned for the app. */
  readonly subgraphs?: number;
  /** Resident memory of the planned app: weights (a host copy, and one per accelerator a unit may run on), every op's output, and each unit boundary's copy of the tensors crossing it. */
  readonly memory_bytes?: number;
  /** Threads of the app's CPU work: its workload `threads:`, else the run's framework's own count. */
  readonly threads?: number;
  /** Present when the app's workload entry turns reuse on (docs/data-reuse.md). */
  readonly reuse?: ReuseResult;
  /** Delegate invocations that failed in a `what_if.unavailable` window; written only when the scenario has one. */
  readonly failed_invocations?: number;
}

/** An app's result reuse over the reported window; reused_frames + computed_frames = completed. */
export interface ReuseResult {
  readonly level: "frame" | "layer";
  /** Completed frames that took the last computed result, with no inference. */
  readonly reused_frames: number;
  /** Of the computed frames, those that took the prefix's cached outputs and ran the rest. */
  readonly layer_reused_frames: number;
  /** Completed frames that ran inference, whole or after the prefix. */
  readonly computed_frames: number;
  /** Ops the completed frames did not run because of reuse. */
  readonly skipped_ops: number;
  /** Nominal CPU time of the similarity checks of the reported frames. */
  readonly check_cpu_ms: number;
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

/** What the policy's planning and decisions cost; planning is reported, decisions ran on a CPU core. */
export interface SchedulingResult {
  readonly planning_ms: number;
  readonly decisions: number;
  readonly decision_cpu_ms: number;
}

export interface UiResult {
  readonly frames: number;
  readonly dropped: number;
  readonly drop_rate: number;
}

/**
 * A run's `energy_j` by whose work drew it (J). Jobs are charged their
 * threads' capacity share of their cores' power and their DRAM bytes.
 */
export interface EnergyBreakdown {
  /** The work of reported requests that completed: energy per inference is an app's part over its completions. */
  readonly apps: number;
  /** The work of requests that did not complete in the window (dropped, in flight at the end) or arrived during warm-up. */
  readonly incomplete: number;
  /** Scheduler decisions run on a CPU core. */
  readonly scheduling: number;
  readonly ui: number;
  /** Competing processes. */
  readonly competing: number;
  /** Idle cores of the processors (power-collapsed ones draw nothing). */
  readonly idle: number;
  /** The uncore (interconnect, memory controller) while it is awake, and the platform's idle floor. */
  readonly platform: number;
}

export interface RunResult {
  readonly scheduler: string;
  /** The scheduler entry's label (default: its name); unique within a scenario. */
  readonly label: string;
  readonly params: Record<string, unknown>;
  /** The framework profile and GPU memory object in force (entry, else policy default, else scenario). Every run writes these three; results built by hand may omit them. */
  readonly framework?: string;
  readonly gpu_memory?: "image" | "buffer" | null;
  readonly scheduling?: SchedulingResult;
  readonly models: ModelResult[];
  readonly processors: ProcessorResult[];
  readonly energy_j: number;
  /** Parts of `energy_j`, adding up to it. Every run writes it; results built by hand may omit it. */
  readonly energy_breakdown_j?: EnergyBreakdown;
  readonly avg_power_w: number;
  readonly max_skin_temp_c: number;
  /** Heat that what_if.hold_temps put into the phone to hold its nodes (J; negative when holding cooled them); not part of energy_j. */
  readonly external_heat_j: number;
  /** PREMA's figures; null when any app completed nothing (its slowdown is unbounded). */
  readonly antt: number | null;
  readonly stp: number | null;
  readonly fairness: number | null;
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
