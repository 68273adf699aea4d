import { z } from "zod";
import {
  type Graph,
  processorsNeeded,
  STRETCH,
  type StretchConfig,
  stretchConfigsOf,
  stretchModel,
} from "../../graph/index.ts";
import { OneInferencePerApp } from "../interpreter-order.ts";
import type { PlanUnit } from "../plan.ts";
import { wholeUnit } from "../plan.ts";
import { definePolicy } from "../policy.ts";
import type { PlanningContext, TargetInfo } from "../scheduler.ts";

/**
 * NN-Stretch (MobiSys 2023; docs/policies/nn-stretch.md): each app's model
 * is replaced by its released multi-branch configuration, every branch is a
 * unit pinned to its processor, stem, merges and head are units on the CPU.
 * Nothing is decided at run time beyond starting each app's next request
 * when its previous one is done (the TFLite interpreter runs one inference
 * of a model at a time); ready units start in the order they became ready.
 */
const params = z
  .object({
    /** App name → configuration id; an app not listed gets its model's default (see below). */
    configurations: z.record(z.string(), z.string()).default({}),
    /** The artifact converts every model to full-integer int8 TFLite. */
    dtype: z.enum(["int8", "fp16", "fp32"]).default("int8"),
  })
  .strict();

export const nnStretch = definePolicy({
  id: "nn-stretch",
  params,
  framework: "tflite",
  frameworks: ["tflite"],
  create({ configurations, dtype }) {
    const order = new OneInferencePerApp();
    return {
      rewrite(app) {
        return stretchModel(chooseConfig(app, configurations[app.appName]), dtype).graph;
      },
      plan(app) {
        order.addApp(app.appIndex);
        const units = placedUnits(app.graph, (kind) => targetOf(app.targets, kind));
        const fallbackOps = units.reduce((sum, unit) => sum + unsupportedOps(app, unit).length, 0);
        return { units: withFallbacks(app, units), fallbackOps };
      },
      decide: (view) => order.decide(view),
    };
  },
});

/**
 * The configuration named for the app, or else the model's bundled
 * configuration using the most processor kinds the SoC has (bundle order
 * breaks ties: the Xiaomi files come first). Refuses a model with none and
 * a configuration needing a processor kind the SoC lacks.
 */
function chooseConfig(app: PlanningContext, named: string | undefined): StretchConfig {
  const kinds = new Set(app.targets.map((target) => target.kind));
  const runnable = (config: StretchConfig) =>
    processorsNeeded(config).every((kind) => kinds.has(kind));
  if (named !== undefined) {
    const config = STRETCH.get(named);
    if (config.base !== app.graph.name)
      throw new Error(`nn-stretch: ${named} stretches ${config.base}, not ${app.graph.name}`);
    const missing = processorsNeeded(config).filter((kind) => !kinds.has(kind));
    if (missing.length > 0)
      throw new Error(
        `nn-stretch: ${named} needs a ${missing.join(" and a ")}, which the SoC lacks`,
      );
    return config;
  }
  const candidates = stretchConfigsOf(app.graph.name);
  if (candidates.length === 0)
    throw new Error(
      `nn-stretch: no configuration for ${app.appName}'s model ${app.graph.name} (bundled for resnet50, resnet34, regnetx-1.6gf, regnetx-4.0gf)`,
    );
  const usable = candidates.filter(runnable);
  if (usable.length === 0)
    throw new Error(
      `nn-stretch: every configuration of ${app.graph.name} needs a processor the SoC lacks (${candidates.map((config) => `${config.id}: ${processorsNeeded(config).join("+")}`).join(", ")})`,
    );
  return usable.reduce((best, config) =>
    processorsNeeded(config).length > processorsNeeded(best).length ? config : best,
  );
}

/** The SoC's target for a processor kind: the one named like the kind, else the first of it; the CPU is the framework's whole-CPU target. */
function targetOf(targets: readonly TargetInfo[], kind: string): string {
  if (kind === "cpu") return "cpu";
  const ofKind = targets.filter((target) => target.kind === kind);
  return (ofKind.find((target) => target.id === kind) ?? ofKind[0])!.id;
}

/** One unit per stem, branch (stage × processor), merge and head, each op in topological order. */
function placedUnits(graph: Graph, target: (kind: string) => string): PlanUnit[] {
  const groups = new Map<string, { target: string; ops: number[] }>();
  for (const op of graph.ops) {
    const placement = op.placement;
    if (placement === undefined)
      throw new Error(`nn-stretch: op ${op.name} of ${graph.name} has no placement`);
    const key = `${placement.part}:${placement.stage ?? 0}:${placement.processor}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { target: target(placement.processor), ops: [] };
      groups.set(key, group);
    }
    group.ops.push(op.id);
  }
  return [...groups.values()].map((group, id) => wholeUnit(id, group.ops, group.target));
}

/** Ops of a unit its target cannot run (by the framework's own placement). */
function unsupportedOps(app: PlanningContext, unit: PlanUnit): number[] {
  const target = unit.options[0]!.slices[0]!.target;
  if (target === "cpu") return [];
  const placement = app.frameworkPlacement(target);
  return unit.ops.filter((opId) => placement[opId] !== target);
}

/**
 * Ops a branch's processor cannot run fall back to the CPU, as the
 * framework's delegate would leave them: each maximal run of them inside a
 * branch becomes its own CPU unit between the branch's supported runs.
 */
function withFallbacks(app: PlanningContext, units: readonly PlanUnit[]): PlanUnit[] {
  const result: PlanUnit[] = [];
  for (const unit of units) {
    const target = unit.options[0]!.slices[0]!.target;
    const unsupported = new Set(unsupportedOps(app, unit));
    let run: number[] = [];
    let runTarget = "";
    const flush = () => {
      if (run.length > 0) result.push(wholeUnit(result.length, run, runTarget));
      run = [];
    };
    for (const opId of unit.ops) {
      const where = unsupported.has(opId) ? "cpu" : target;
      if (where !== runTarget) flush();
      runTarget = where;
      run.push(opId);
    }
    flush();
  }
  return result;
}
