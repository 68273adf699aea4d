import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Results } from "../../src/metrics/results.ts";
import { runReportHtml, sweepReportHtml } from "../../src/report/report-pages.ts";
import { type ExperimentOutcome, runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";
import type { ResultsLine } from "../../src/scenario/sweep/results-file.ts";

/** Debian's package; CI installs it (.ci/run). */
const CHROMIUM = "/usr/bin/chromium";
const WORKLOAD = new URL("../../workloads/seed-trio.yaml", import.meta.url).pathname;

/** What the page shows once loaded: per figure, its declared series, its marks' labels and its axes' descriptions and tick labels. */
interface PageFigure {
  readonly title: string;
  readonly series: string[];
  readonly marks: string[];
  readonly axes: { readonly label: string; readonly ticks: string[] }[];
}

interface Rendered {
  readonly figures: PageFigure[];
  readonly problems: string[];
}

/** Opens `html` in headless Chromium; `problems` lists console errors, page errors and any request beyond the page itself. */
async function render(html: string, name: string): Promise<Rendered> {
  const file = join(mkdtempSync(join(tmpdir(), "socsim-report-")), name);
  writeFileSync(file, html);
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  const problems: string[] = [];
  try {
    const page = await browser.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`failed request: ${request.url()}`));
    page.on("request", (request) => {
      if (request.url() !== `file://${file}`) problems.push(`request: ${request.url()}`);
    });
    await page.goto(`file://${file}`, { waitUntil: "load" });
    const figures = await page.$$eval("figure", (nodes) =>
      nodes.map((figure) => ({
        title: figure.querySelector("h2")?.textContent ?? "",
        series: JSON.parse(figure.getAttribute("data-series") ?? "null") as string[],
        marks: [...figure.querySelectorAll('svg [role="graphics-symbol"]')].map(
          (mark) => mark.getAttribute("aria-label") ?? "",
        ),
        axes: [...figure.querySelectorAll('svg g.role-axis[aria-roledescription="axis"]')].map(
          (axis) => ({
            label: axis.getAttribute("aria-label") ?? "",
            ticks: [...axis.querySelectorAll("g.role-axis-label text")]
              .map((text) => text.textContent ?? "")
              .filter((text) => text !== ""),
          }),
        ),
      })),
    );
    return { figures, problems };
  } finally {
    await browser.close();
  }
}

/** Every figure draws a mark for each series it declares, and every axis has ticks and a domain wider than a point. */
function expectDrawn(rendered: Rendered): void {
  expect(rendered.problems).toEqual([]);
  expect(rendered.figures.length).toBeGreaterThan(0);
  for (const figure of rendered.figures) {
    expect(figure.series.length, figure.title).toBeGreaterThan(0);
    const missing = figure.series.filter((series) => !figure.marks.includes(series));
    expect(missing, `${figure.title}: series without a mark`).toEqual([]);
    expect(figure.axes.length, figure.title).toBeGreaterThan(0);
    for (const axis of figure.axes) {
      expect(axis.ticks.length, `${figure.title}: ${axis.label}`).toBeGreaterThan(0);
      const range = /values from (\S+) to (\S+)$/.exec(axis.label);
      if (range) expect(range[1], `${figure.title}: ${axis.label}`).not.toBe(range[2]);
    }
  }
}

function appPolicySeries(results: Results): string[] {
  return results.runs.flatMap((run) => run.models.map((model) => `${model.app} · ${run.label}`));
}

function figuresTitled(rendered: Rendered, pattern: RegExp): PageFigure[] {
  const found = rendered.figures.filter((figure) => pattern.test(figure.title));
  expect(found.length, String(pattern)).toBeGreaterThan(0);
  return found;
}

/** The bundled camera workload under two schedulers for 2 s after warm-up, with report.html's series. */
async function shortRun(seed: number): Promise<ExperimentOutcome> {
  const folder = mkdtempSync(join(tmpdir(), "socsim-report-scenario-"));
  const file = join(folder, "short.yaml");
  writeFileSync(
    file,
    [
      "kind: scenario",
      "name: short",
      "soc: snapdragon-855",
      `workload: ${WORKLOAD}`,
      "schedulers: [single-cpu, single-dsp]",
      "duration: 2.5 s",
      "warmup: 0.5 s",
      `seed: ${seed}`,
      "",
    ].join("\n"),
  );
  const scenario = await loadScenario(file);
  return runExperiment(scenario, { seed, trace: false, series: true });
}

const browserMissing = !existsSync(CHROMIUM);
if (browserMissing && process.env.CI) {
  // In CI a missing browser is a broken install step (.ci/run), not a reason to skip.
  describe("report.html in a browser", () => {
    it("needs Chromium", () => {
      throw new Error(`${CHROMIUM} is missing; .ci/run installs it with apt-get`);
    });
  });
} else {
  if (browserMissing) {
    console.warn(`report.html browser tests skipped: no ${CHROMIUM} (apt-get install chromium)`);
  }
  describe.skipIf(browserMissing)("report.html in a browser", () => {
    it("a run's report draws every app under every scheduler in its CDF, timelines and bars, and each processor's counters", async () => {
      const outcome = await shortRun(1);
      const rendered = await render(
        await runReportHtml(outcome.results, outcome.series),
        "report.html",
      );
      expectDrawn(rendered);
      const expected = appPolicySeries(outcome.results);
      for (const figure of figuresTitled(rendered, /^Latency CDF$|by scheduler$/)) {
        expect(figure.series, figure.title).toEqual(expect.arrayContaining(expected));
      }
      for (const run of outcome.results.runs) {
        const [timeline] = figuresTitled(rendered, new RegExp(`^Timeline: ${run.label}$`));
        const apps = run.models.map((model) => `${model.app} · ${run.label}`);
        expect(timeline!.series).toEqual(expect.arrayContaining(apps));
        for (const figure of figuresTitled(rendered, /over time$/)) {
          const processors = run.processors.map((p) => `${p.id} · ${run.label}`);
          expect(figure.series, figure.title).toEqual(expect.arrayContaining(processors));
        }
      }
    });

    it("a sweep's report draws every app under every scheduler with its spread across seeds, and against each axis", async () => {
      const runs = (await Promise.all([1, 2].map(shortRun))).map((outcome) => outcome.results);
      const lines: ResultsLine[] = runs.map((results, index) => ({
        sweep: "seeds",
        id: `00000000000${index}`,
        axes: { seed: results.seed, "workload.apps[scene].arrival.fps": 10 + index },
        socsim: results.socsim,
        results,
        host: {},
      }));
      const rendered = await render(await sweepReportHtml("seeds", lines), "report.html");
      expectDrawn(rendered);
      const expected = appPolicySeries(runs[0]!);
      const figures = [
        ...figuresTitled(rendered, /by scheduler$/),
        ...figuresTitled(rendered, /^Against workload\.apps\[scene\]\.arrival\.fps$/),
      ];
      for (const figure of figures) {
        expect(figure.series, figure.title).toEqual(expect.arrayContaining(expected));
      }
    });
  });
}
