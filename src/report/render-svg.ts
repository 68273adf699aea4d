import type { TopLevelSpec } from "vega-lite";

/**
 * Renders vega-lite specs to SVG strings in Node. vega and vega-lite are
 * imported here, on first use, so that commands writing no report never
 * load them (they are most of a cold start's module graph otherwise).
 */
export async function renderSvgs(specs: readonly TopLevelSpec[]): Promise<string[]> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const svgs: string[] = [];
  for (const spec of specs) {
    const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
    svgs.push(await view.toSVG());
    view.finalize();
  }
  return svgs;
}
