import type { Figure } from "./figure.ts";
import { renderSvgs } from "./render-svg.ts";

/** What report.html shows: a heading, a few lines of context, the comparison table and the plots. */
export interface ReportPage {
  readonly title: string;
  readonly lines: readonly string[];
  readonly table: { readonly header: readonly string[]; readonly rows: readonly string[][] };
  readonly figures: readonly Figure[];
}

/**
 * report.html: one self-contained page (inline SVG and CSS, no script, no
 * link to load), so that it opens offline and can be mailed or archived as
 * one file. Each figure carries the series it draws (`data-series`), which
 * the browser test checks against the SVG's marks.
 */
export async function reportHtml(page: ReportPage): Promise<string> {
  // A plot with nothing to draw (no app completed anything) is named, not drawn empty.
  const drawn = page.figures.filter((figure) => figure.series.length > 0);
  const empty = page.figures.filter((figure) => figure.series.length === 0);
  const svgs = await renderSvgs(drawn.map((figure) => figure.spec));
  const figures = drawn.map(
    (figure, index) =>
      `<figure data-series="${escapeHtml(JSON.stringify(figure.series))}">\n<h2>${escapeHtml(figure.title)}</h2>\n${svgs[index]}\n<figcaption>${escapeHtml(figure.caption)}</figcaption>\n</figure>`,
  );
  const cells = (tag: string, row: readonly string[]) =>
    `<tr>${row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join("")}</tr>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(page.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; font-size: 0.85em; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: right; }
th { background: #f3f3f3; }
figure { margin: 2em 0; overflow-x: auto; }
h2 { font-size: 1.1em; }
figcaption { font-size: 0.85em; color: #555; max-width: 60em; }
</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
${page.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n")}
<table>
${cells("th", page.table.header)}
${page.table.rows.map((row) => cells("td", row)).join("\n")}
</table>
${figures.join("\n")}
${empty.length === 0 ? "" : `<p>Not plotted, having no values: ${escapeHtml(empty.map((figure) => figure.title).join("; "))}.</p>`}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}
