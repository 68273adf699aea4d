import type { z } from "zod";
import type { Graph } from "../graph/index.ts";
import { ParamError } from "./params.ts";
import type { ModelPlan } from "./plan.ts";
import type {
  Decision,
  GpuMemory,
  PlanningContext,
  SchedulerFactory,
  TargetInfo,
} from "./scheduler.ts";
import type { SchedulerView } from "./view.ts";

/**
 * The policy contract, version 2: a definition that says, as data, what the
 * policy takes and needs, and builds the policy from validated parameters.
 * The runtime reads the defaults, validates every decision, and prices the
 * work the policy reports with its own cost functions.
 */
export interface PolicyDefinition<Params = unknown> {
  readonly contract: 2;
  readonly id: string;
  /** Parameters with their defaults; a bad one is an input error at `schedulers[i].params.X`. */
  readonly params: z.ZodType<Params>;
  /** The framework profile it runs on unless the entry says otherwise (default: the scenario's). */
  readonly framework?: string;
  /** The GPU memory object it uses unless the entry says otherwise (default: the framework's), given the SoC's targets. */
  readonly gpuMemory?: (targets: readonly TargetInfo[]) => GpuMemory | undefined;
  /** Frameworks it can run with (default: any). */
  readonly frameworks?: readonly string[];
  /** Weight of the newest observation in the runtime profile (default 0.1). */
  readonly emaFactor?: number;
  /** Window (ns) of the view's busy fractions (default 100 ms). */
  readonly utilisationWindowNs?: number;
  /** Simulated ns of pending work with none of its jobs running after which the policy is stalled (default 1 s). */
  readonly stallAfterNs?: number;
  /**
   * What happens to a unit whose delegate invocation fails
   * (`what_if.unavailable`): `cpu_fallback` (default) runs it on the
   * framework's CPU at once, as TFLite's invoke-with-CPU-fallback does;
   * `replan` hands it back as ready with `failedOn` set, for the policy to
   * place again (Band's workers hand failed jobs back to the planner).
   */
  readonly onDelegateFailure?: "cpu_fallback" | "replan";
  /**
   * Longest wait (ns) of a unit after a later request of its app ran first
   * that the testing kit's starvation checker allows this policy (default
   * 100 ms); a policy whose design lets a request wait for a busy processor
   * while later ones take idle ones declares its bound and says why.
   */
  readonly starvationBoundNs?: number;
  /** Host planning cost (ns) of the work counted while planning one app; reported, never simulated. */
  readonly planningCostNs?: (work: number) => number;
  /** Simulated CPU time (ns) of one `decide` call, from the work it counted; run on one core before its decisions apply. */
  readonly decisionCostNs?: (work: number) => number;
  create(params: Params): Policy;
}

/** The policy itself: plans, then decides. */
export interface Policy {
  /** Rewrites an app's graph before planning (NN-Stretch's branching); undefined keeps it. */
  rewrite?(app: PlanningContext): Graph | undefined;
  plan(app: PlanningContext): ModelPlan;
  decide(view: SchedulerView): readonly Decision[];
}

/** A registry or module entry: a version-2 definition, or a version-1 factory. */
export type PolicyEntry = PolicyDefinition<unknown> | SchedulerFactory;

export const DEFAULT_EMA_FACTOR = 0.1;
export const DEFAULT_UTILISATION_WINDOW_NS = 100_000_000;
export const DEFAULT_STALL_AFTER_NS = 1_000_000_000;

/** Typed construction of a definition (the params type flows from the schema to `create`). */
export function definePolicy<Params>(
  definition: Omit<PolicyDefinition<Params>, "contract">,
): PolicyDefinition<unknown> {
  return { contract: 2, ...definition } as PolicyDefinition<unknown>;
}

export function isDefinition(entry: PolicyEntry): entry is PolicyDefinition<unknown> {
  return typeof entry === "object" && entry !== null && entry.contract === 2;
}

/** A policy ready to plan: validated params in, the policy and its definition out. */
export interface BuiltPolicy {
  readonly definition: PolicyDefinition<unknown>;
  readonly policy: Policy;
}

/**
 * Validates the entry's parameters and builds the policy. Throws ParamError
 * naming the first bad parameter; a version-1 factory validates its own.
 */
export function buildPolicy(
  entry: PolicyEntry,
  id: string,
  params: Readonly<Record<string, unknown>>,
): BuiltPolicy {
  const definition = isDefinition(entry) ? entry : fromVersion1(entry, id);
  const parsed = definition.params.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // An unknown key's issue sits on the params mapping itself: the key is the parameter to name.
    const unknown = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
    const param = String(issue.path[0] ?? unknown ?? Object.keys(params)[0] ?? "");
    throw new ParamError(param, `${definition.id}: ${issue.message}`);
  }
  return { definition, policy: definition.create(parsed.data) };
}

/** A version-1 factory as a definition: params pass through to it, its constant decision cost stays. */
function fromVersion1(factory: SchedulerFactory, id: string): PolicyDefinition<unknown> {
  let decisionCost = 0;
  const passThrough = {
    safeParse: (value: unknown) => ({ success: true as const, data: value }),
  } as unknown as z.ZodType<unknown>;
  return {
    contract: 2,
    id,
    params: passThrough,
    decisionCostNs: () => decisionCost,
    create(params) {
      const scheduler = factory(params as Readonly<Record<string, unknown>>);
      decisionCost = scheduler.decisionCostNs ?? 0;
      return {
        plan: (app) => scheduler.plan(app),
        decide: (view) => scheduler.decide(view),
      };
    },
  };
}
