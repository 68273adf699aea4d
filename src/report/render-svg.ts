import type { TopLevelSpec } from "vega-lite";

/**
 * Renders vega-lite specs to SVG strings in Node. vega and vega-lite are
 * imported here, on first use, so that commands writing no report never
 * load them (they are most of a cold start's module graph otherwise).
 */
export async function renderSvgs(specs: readonly TopLevelSpec[]): Promise<string[]> {
  const [vega, vegaLite] = await importRenderer();
  const svgs: string[] = [];
  for (const spec of specs) {
    const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
    svgs.push(await view.toSVG());
    view.finalize();
  }
  return svgs;
}

const importRenderer = () => Promise.all([import("vega"), import("vega-lite")]);

/** Starts loading vega and vega-lite for a report rendered later (a sweep's, during its runs). */
export function preloadRenderer(): void {
  // A failure to load is renderSvgs' to report, when the report is written.
  importRenderer().catch(() => undefined);
}
