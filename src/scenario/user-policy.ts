import { existsSync, statSync } from "node:fs";
import { extname } from "node:path";
import { pathToFileURL } from "node:url";
import type { PathSegment, YamlSource } from "../core/index.ts";
import {
  isDefinition,
  ParamError,
  type PolicyEntry,
  type SchedulerFactory,
} from "../sched/index.ts";

const TYPESCRIPT = new Set([".ts", ".mts", ".cts"]);

let typescriptLoader: Promise<void> | undefined;
/**
 * tsx's hooks for both module systems, registered the first time a policy
 * is TypeScript, so that socsim's start-up never pays for them. Both are
 * needed: a `.ts` file that no `"type": "module"` claims is CommonJS to
 * Node, and with only the ES module hooks Node refuses it as a require()
 * cycle. Registered hooks, unlike tsx's isolated tsImport, let a policy
 * under `"type": "module"` share socsim's own module instances.
 */
function registerTypescript(): Promise<void> {
  typescriptLoader ??= (async () => {
    const [commonJs, esModules] = await Promise.all([import("tsx/cjs/api"), import("tsx/esm/api")]);
    commonJs.register();
    esModules.register();
  })();
  return typescriptLoader;
}

/** Node reads JavaScript of either module system itself (detecting ES module syntax). */
async function importModule(file: string): Promise<Record<string, unknown>> {
  if (TYPESCRIPT.has(extname(file))) await registerTypescript();
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

/**
 * What a policy module offers as its policy: its default export, else its
 * `createScheduler`. A module that ran as CommonJS (a `.ts` file with no
 * `"type": "module"` above it, which tsx compiles to CommonJS) arrives with
 * all its exports as the default export, and is looked into.
 */
export function policyExportOf(module: Readonly<Record<string, unknown>>): unknown {
  const inner = module.default;
  const exports =
    typeof inner === "object" &&
    inner !== null &&
    ("default" in inner || "createScheduler" in inner)
      ? (inner as Record<string, unknown>)
      : module;
  return exports.default ?? exports.createScheduler;
}

/**
 * A user's policy: a module (`.ts`, `.mts`, `.js`, `.mjs`, with or without
 * a package.json beside it, where its imports of socsim and zod resolve) whose default export, or `createScheduler`, is
 * a version-2 definition (`definePolicy`) or a version-1 factory. Every
 * failure is an input error at the scenario's entry.
 */
export async function userPolicy(
  source: YamlSource,
  path: readonly PathSegment[],
  file: string,
): Promise<PolicyEntry> {
  if (!existsSync(file) || !statSync(file).isFile())
    throw source.errorAt(path, `no such policy module: ${file}`);
  let entry: unknown;
  try {
    entry = policyExportOf(await importModule(file));
  } catch (error) {
    throw source.errorAt(
      path,
      `the policy module ${file} cannot be imported: ${firstLineOf(error)}${packageHint(error)}`,
    );
  }
  // A definition is recognised by its contract number, so one made by another copy of socsim counts too.
  if (typeof entry === "object" && entry !== null && isDefinition(entry as PolicyEntry))
    return entry as PolicyEntry;
  if (typeof entry !== "function") {
    throw source.errorAt(
      path,
      `the policy module ${file} exports no policy (a default export or createScheduler: a definePolicy definition or a scheduler factory)`,
    );
  }
  return withParamErrorsOfThisCopy(entry as SchedulerFactory);
}

/** What to do when the module could not find socsim or zod (Node looks in node_modules at or above it). */
function packageHint(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : "";
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return "";
  if (!/['"](socsim|zod)(\/[^'"]*)?['"]/.test(message)) return "";
  return " (a policy module finds socsim and zod in a node_modules folder at or above it: keep it in a project with both installed)";
}

/** The line of an import failure that says what is wrong (tsx puts it after a heading). */
function firstLineOf(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split("\n");
  return /^Transform failed with \d+ errors?:$/.test(lines[0]!) && lines[1] ? lines[1] : lines[0]!;
}

/**
 * A policy can reach socsim through another copy of it (its own install,
 * or the CommonJS build tsx makes for a `.ts` file outside any
 * `"type": "module"`), whose ParamError is another class. Such an error is
 * recognised by its class name and re-thrown as ours, so that it still
 * points at the parameter.
 */
function withParamErrorsOfThisCopy(factory: SchedulerFactory): SchedulerFactory {
  return (params) => {
    try {
      return factory(params);
    } catch (error) {
      const param = (error as { param?: unknown } | null)?.param;
      const foreign =
        error instanceof Error &&
        !(error instanceof ParamError) &&
        error.constructor.name === "ParamError" &&
        typeof param === "string";
      throw foreign ? new ParamError(param as string, error.message) : error;
    }
  };
}
