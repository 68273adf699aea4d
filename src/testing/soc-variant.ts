import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Document,
  isMap,
  isPair,
  isSeq,
  type Node,
  type Pair,
  parseDocument,
  visit,
} from "yaml";
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
  cutStructure(document, variant);
  document.set("id", `${variant.base}-variant`);
  return document.toString({ lineWidth: 0 });
}

/** Keeps the rows of the list at `path` that `keep` accepts (their plain values). */
function filterRows(document: Document, path: readonly string[], keep: (row: unknown) => boolean) {
  const rows = document.getIn(path, true);
  if (!isSeq(rows)) return;
  rows.items = rows.items.filter((item) =>
    keep((item as { toJSON?: () => unknown }).toJSON?.() ?? item),
  );
}

/** Drops the variant's accelerators (and every reference to them), op kinds and frameworks. */
function cutStructure(document: Document, variant: SocVariant): void {
  for (const id of variant.droppedProcessors ?? []) {
    // Accelerator ids are their kinds (gpu, dsp, npu): frameworks' back-ends
    // and the memory's sustained fractions are keyed by kind.
    document.deleteIn(["processors", id]);
    document.deleteIn(["transfers", id]);
    document.deleteIn(["memory", "sustained_fraction", id]);
    document.deleteIn(["thermal", "nodes", id]);
    filterRows(document, ["thermal", "links"], (row) => {
      const between = (row as { between?: unknown }).between;
      return !(Array.isArray(between) && between.includes(id));
    });
    filterRows(document, ["thermal", "trips"], (row) => {
      const trip = row as { node?: unknown; processor?: unknown };
      return trip.node !== id && trip.processor !== id;
    });
    filterRows(document, ["thermal", "shutdown"], (row) => (row as { node?: unknown }).node !== id);
    const controllers = document.getIn(["thermal", "power_controllers"], true);
    if (isSeq(controllers)) {
      controllers.items.forEach((_, index) => {
        filterRows(
          document,
          ["thermal", "power_controllers", String(index), "processors"],
          (row) => (row as { processor?: unknown }).processor !== id,
        );
      });
      filterRows(document, ["thermal", "power_controllers"], (row) => {
        const processors = (row as { processors?: unknown }).processors;
        return !Array.isArray(processors) || processors.length > 0;
      });
    }
    const frameworks = document.getIn(["frameworks"], true);
    if (isMap(frameworks))
      for (const pair of frameworks.items)
        document.deleteIn([
          "frameworks",
          String((pair.key as { value?: unknown }).value ?? pair.key),
          "backends",
          id,
        ]);
  }
  for (const [id, kinds] of Object.entries(variant.removedOps ?? {})) {
    const ops = document.getIn(["processors", id, "support", "ops"], true);
    if (isSeq(ops))
      ops.items = ops.items.filter(
        (item) => !kinds.includes(String((item as { value?: unknown }).value ?? item)),
      );
    else {
      const except = document.getIn(["processors", id, "support", "except"], true);
      if (isSeq(except)) for (const kind of kinds) except.add(kind);
      else document.setIn(["processors", id, "support", "except"], [...kinds]);
    }
  }
  const dropped = variant.droppedFrameworks ?? [];
  for (const name of dropped) document.deleteIn(["frameworks", name]);
  if (dropped.includes(String(document.get("default_framework")))) {
    const frameworks = document.getIn(["frameworks"], true);
    if (isMap(frameworks) && frameworks.items.length > 0) {
      const first = frameworks.items[0]!.key as { value?: unknown };
      document.set("default_framework", String(first.value ?? first));
    }
  }
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
