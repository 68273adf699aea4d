import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isPair, isSeq, type Node, type Pair, parseDocument, visit } from "yaml";
import { loadSoc, type SocSpec } from "../device/index.ts";
import { socFile } from "../device/load-soc.ts";
import type { SocVariant } from "./arbitraries/soc.ts";
import { GENERATED } from "./generated.ts";

const QUANTITY = /^([-+]?\d*\.?\d+(?:e[-+]?\d+)?)\s*(MHz|GHz|K\/W|J\/K|nF|mW)$/;

function scaleOf(variant: SocVariant, unit: string): number {
  if (unit === "MHz" || unit === "GHz") return variant.frequencyScale;
  if (unit === "K/W" || unit === "J/K") return variant.thermalScale;
  return variant.powerScale;
}

/** The file name a variant is written under. */
export function socVariantFileName(variant: SocVariant): string {
  return `${variant.base}-variant.yaml`;
}

/**
 * A variant as a SoC file: the bundled file with its moved numbers
 * rewritten and marked as generated (a row of a list, `{freq: …}`, is
 * marked on the list's key line, where the file's own comment stood).
 */
export function socVariantText(variant: SocVariant): string {
  const document = parseDocument(readFileSync(socFile(variant.base), "utf8"));
  visit(document, {
    Scalar(_key, node, path) {
      if (typeof node.value !== "string") return;
      const match = QUANTITY.exec(node.value.trim());
      if (match === null) return;
      const scaled = Number(match[1]) * scaleOf(variant, match[2]!);
      node.value = `${Number(scaled.toPrecision(6))} ${match[2]}`;
      markGenerated(node, path);
    },
  });
  document.set("id", `${variant.base}-variant`);
  return document.toString({ lineWidth: 0 });
}

function markGenerated(node: Node, path: readonly unknown[]): void {
  const flowAt = path.findIndex(
    (ancestor) =>
      typeof ancestor === "object" &&
      ancestor !== null &&
      (ancestor as { flow?: boolean }).flow === true,
  );
  if (flowAt < 0) {
    node.comment = GENERATED;
    return;
  }
  for (let index = flowAt - 1; index >= 0; index--) {
    const ancestor = path[index];
    if (isPair(ancestor) && isSeq(ancestor.value) && !ancestor.value.flow) {
      (ancestor as Pair<Node, Node>).key.comment = GENERATED;
      return;
    }
  }
  (path[flowAt] as Node).comment = GENERATED;
}

const loaded = new Map<string, SocSpec>();
let folder: string | undefined;

/** A variant loaded as its file would be (written once per process to a temporary folder). */
export function loadSocVariant(variant: SocVariant): SocSpec {
  const key = JSON.stringify(variant);
  let soc = loaded.get(key);
  if (soc === undefined) {
    folder ??= mkdtempSync(join(tmpdir(), "socsim-testing-socs-"));
    const file = join(folder, `${loaded.size}-${socVariantFileName(variant)}`);
    writeFileSync(file, socVariantText(variant));
    soc = loadSoc(file);
    loaded.set(key, soc);
  }
  return soc;
}
