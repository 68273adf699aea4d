import { existsSync, readdirSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import {
  InputError,
  readTextFile,
  readYamlFile,
  unknownNameMessage,
  validateSource,
} from "../core/index.ts";
import { type SocData, socSchema } from "./schema/soc-schema.ts";
import { checkSourceComments } from "./source-comments.ts";

/** A validated SoC file, units resolved to SI (temperatures in °C). */
export interface SocSpec extends SocData {
  readonly file: string;
}

const BUNDLED_SOCS = fileURLToPath(new URL("../../socs/", import.meta.url));

/** Ids of the SoC files shipped in `socs/`. */
export function bundledSocIds(): string[] {
  if (!existsSync(BUNDLED_SOCS)) return [];
  return readdirSync(BUNDLED_SOCS)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => name.slice(0, -".yaml".length))
    .sort();
}

/** The file a SoC id or path names; bare ids are looked up in `socs/`. */
export function socFile(idOrFile: string): string {
  if (/\.ya?ml$/.test(idOrFile) || idOrFile.includes("/")) return idOrFile;
  const ids = bundledSocIds();
  if (!ids.includes(idOrFile))
    throw new InputError(idOrFile, unknownNameMessage("SoC", idOrFile, ids));
  return `${BUNDLED_SOCS}${idOrFile}.yaml`;
}

/**
 * SoC files already validated in this process, by path, with the text they
 * were read from: a sweep checks each axis value by loading its scenario,
 * so one file is otherwise parsed and validated once per value. Frozen, so
 * that no caller can change what the next one is handed.
 */
const validated = new Map<string, { readonly text: string; readonly spec: SocSpec }>();
/** Every spec loadSoc handed out: what is computed from one stays true for the process (see cost/shared-costs.ts). */
const handedOut = new WeakSet<SocSpec>();

/** Whether `spec` is one loadSoc handed out, deep-frozen. */
export function isLoadedSoc(spec: SocSpec): boolean {
  return handedOut.has(spec);
}

/** Reads, validates and checks the source comments of a SoC file (throws InputError). */
export function loadSoc(idOrFile: string): SocSpec {
  const file = socFile(idOrFile);
  const text = readTextFile(file);
  const known = validated.get(file);
  if (known?.text === text) return known.spec;
  const spec = deepFreeze(readSoc(file));
  validated.set(file, { text, spec });
  handedOut.add(spec);
  return spec;
}

function readSoc(file: string): SocSpec {
  const source = readYamlFile(file);
  if (source.kind !== "soc")
    throw source.errorAt(["kind"], `expected a SoC file, found kind "${source.kind}"`);
  const data = validateSource(source, socSchema);
  if (file.startsWith(BUNDLED_SOCS) && data.id !== basename(file, ".yaml")) {
    throw source.errorAt(
      ["id"],
      `a bundled SoC's id must match its file name ("${basename(file, ".yaml")}")`,
    );
  }
  checkSourceComments(source, new Set(Object.keys(data.sources)));
  return { ...data, file };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export interface SocSummary {
  readonly id: string;
  readonly name: string;
  /** `cpu` (the frameworks' whole-CPU configuration) and every processor of the file. */
  readonly processors: string[];
}

export function listSocs(): SocSummary[] {
  return bundledSocIds().map((id) => {
    const soc = loadSoc(id);
    return { id: soc.id, name: soc.name, processors: ["cpu", ...Object.keys(soc.processors)] };
  });
}
