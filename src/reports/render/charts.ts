/**
 * Charts as PNG, on the server: a Vega-Lite spec per chart, compiled to Vega, drawn to SVG by
 * Vega's headless renderer, then rasterised by resvg (its WebAssembly build, so the same code runs
 * on the x64 build machine and the arm64 Lambda) with a TrueType font shipped beside the bundle
 * (Lambda has no system fonts; without one, resvg drops every glyph).
 *
 * Only the report job loads this module (`import()` from `jobs/report-charts.ts`); the first call
 * compiles the WebAssembly module and reads the font once per process.
 * @see https://vega.github.io/vega-lite/docs/
 * @see https://github.com/yisibl/resvg-js/tree/main/wasm
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import type { Chart } from '../model';

/** The font every chart is drawn in (shipped in `dist/assets/`, from the `dejavu-fonts-ttf` package). */
export const CHART_FONT_FAMILY = 'DejaVu Sans';
/** The files the build copies beside the bundle (`scripts/build.mjs`). */
export const CHART_ASSETS = { wasm: 'resvg.wasm', font: 'DejaVuSans.ttf' } as const;
/** Width of a chart in CSS pixels (the email is 600 px wide, less its padding). */
export const CHART_WIDTH = 560;
/** Pixels per CSS pixel in the PNG, so charts stay sharp on a phone's screen. */
export const CHART_SCALE = 2;

/** A rendered chart. */
export interface ChartImage {
  id: string;
  png: Uint8Array;
  /** Size in pixels of the PNG. */
  width: number;
  height: number;
  alt: string;
  title: string;
}

/** Where the WebAssembly module and the font are read from (tests pass their own, e.g. no font). */
export interface ChartAssets {
  wasm: Uint8Array;
  /** No font at all means no glyphs: what the Lambda would draw without the shipped font. */
  fonts: Uint8Array[];
}

function candidates(file: string, packagePath: string): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const list = [
    join(here, 'assets', file),
    join(here, '..', 'assets', file),
    join(process.cwd(), 'dist', 'assets', file),
  ];
  try {
    list.push(createRequire(import.meta.url).resolve(packagePath));
  } catch {
    // Inside the Lambda bundle there is no node_modules: the copies in assets/ are what is read.
  }
  return list;
}

/** Finds an asset beside the bundle (`assets/`), or in its npm package during development. */
export function assetPath(file: string, packagePath: string): string {
  const found = candidates(file, packagePath).find((p) => existsSync(p));
  if (!found)
    throw new Error(`chart asset ${file} not found (looked in ${candidates(file, packagePath).join(', ')})`);
  return found;
}

/** Reads the resvg WebAssembly module and the font. */
export async function loadChartAssets(): Promise<ChartAssets> {
  const [wasm, font] = await Promise.all([
    readFile(assetPath(CHART_ASSETS.wasm, '@resvg/resvg-wasm/index_bg.wasm')),
    readFile(assetPath(CHART_ASSETS.font, 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  ]);
  return { wasm, fonts: [font] };
}

const palette = ['#1f5f8b', '#c0392b', '#7f8c8d', '#27ae60'];

/** The Vega-Lite spec of a chart. */
export function vegaLiteSpec(chart: Chart): TopLevelSpec {
  const money = chart.unit === 'usd';
  const format = money ? '$,.0f' : ',.0f';
  const values = chart.series.flatMap((s) =>
    s.points.map((p) => ({ x: p.x, y: p.y, series: s.name, mark: s.mark })),
  );
  const names = chart.series.map((s) => s.name);
  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    scale: { domain: names, range: palette.slice(0, names.length) },
    legend: names.length > 1 ? { orient: 'bottom' as const } : null,
  };
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: chart.title, anchor: 'start' as const, fontSize: 14 },
    width: CHART_WIDTH,
    // The whole image (axes, legend, title) is CHART_WIDTH wide, so every PNG has the same width.
    autosize: { type: 'fit' as const, contains: 'padding' as const },
    padding: 8,
    background: 'white',
    config: {
      font: CHART_FONT_FAMILY,
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 11, labelLimit: 170 },
      legend: { labelFontSize: 11 },
    },
    data: { values },
  };
  if (chart.layout === 'categories') {
    return {
      ...base,
      height: Math.max(60, chart.x.length * 22),
      mark: { type: 'bar' as const, tooltip: false },
      encoding: {
        y: { field: 'x', type: 'nominal' as const, sort: chart.x, title: null },
        x: { field: 'y', type: 'quantitative' as const, title: null, axis: { format } },
        color: { ...color, legend: null },
      },
    };
  }
  const layer = (mark: 'bar' | 'line' | 'dashed') => ({
    transform: [{ filter: { field: 'mark', equal: mark } }],
    mark:
      mark === 'bar'
        ? { type: 'bar' as const, opacity: 0.9 }
        : {
            type: 'line' as const,
            point: true,
            strokeWidth: 2,
            ...(mark === 'dashed' ? { strokeDash: [6, 4] } : {}),
          },
    encoding: {
      x: {
        field: 'x',
        type: 'ordinal' as const,
        sort: chart.x,
        title: null,
        axis: { labelAngle: 0, labelFontSize: 10 },
      },
      y: { field: 'y', type: 'quantitative' as const, title: null, axis: { format } },
      color,
    },
  });
  const marks = [...new Set(chart.series.map((s) => s.mark))];
  return { ...base, height: 200, layer: marks.map(layer) };
}

type VegaModules = { vega: typeof import('vega'); vl: typeof import('vega-lite') };
type Resvg = typeof import('@resvg/resvg-wasm');

let modules: Promise<VegaModules> | undefined;
let resvg: Promise<Resvg> | undefined;

async function loadVega(): Promise<VegaModules> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vl]) => ({ vega, vl }));
  return modules;
}

async function loadResvg(wasm: Uint8Array): Promise<Resvg> {
  resvg ??= import('@resvg/resvg-wasm').then(async (m) => {
    await m.initWasm(wasm);
    return m;
  });
  return resvg;
}

/** The chart as SVG (Vega's headless renderer: no canvas, no DOM). */
export async function chartSvg(chart: Chart): Promise<string> {
  const { vega, vl } = await loadVega();
  const compiled = vl.compile(vegaLiteSpec(chart)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises SVG to PNG at `CHART_SCALE`, with the given fonts only (never the system's). */
export async function svgToPng(
  svg: string,
  assets: ChartAssets,
): Promise<{ png: Uint8Array; width: number; height: number }> {
  const r = await loadResvg(assets.wasm);
  const renderer = new r.Resvg(svg, {
    font: {
      fontBuffers: assets.fonts,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
    fitTo: { mode: 'zoom', value: CHART_SCALE },
    background: 'white',
  });
  try {
    const img = renderer.render();
    try {
      return { png: img.asPng(), width: img.width, height: img.height };
    } finally {
      img.free();
    }
  } finally {
    renderer.free();
  }
}

/** Renders every chart of a report to PNG. */
export async function renderCharts(charts: readonly Chart[], assets?: ChartAssets): Promise<ChartImage[]> {
  const a = assets ?? (await loadChartAssets());
  const out: ChartImage[] = [];
  for (const chart of charts) {
    const svg = await chartSvg(chart);
    const { png, width, height } = await svgToPng(svg, a);
    out.push({ id: chart.id, png, width, height, alt: chart.alt, title: chart.title });
  }
  return out;
}
