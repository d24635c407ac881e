/**
 * The charts as PNG: they decode, have the expected size, and a drawn label is not blank (a chart
 * whose font is missing draws no glyphs, which this catches).
 */
import { decode } from 'fast-png';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSampleData } from '../../src/jobs/report-data';
import { buildReport } from '../../src/reports';
import type { Chart } from '../../src/reports/model';
import {
  CHART_SCALE,
  CHART_WIDTH,
  type ChartAssets,
  chartSvg,
  loadChartAssets,
  renderCharts,
  svgToPng,
} from '../../src/reports/render/charts';

const NOW = new Date('2026-11-25T20:00:00Z');
let assets: ChartAssets;
beforeAll(async () => {
  assets = await loadChartAssets();
});

/** The PNG's width and height from its IHDR chunk, after checking the signature. */
function ihdr(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(Buffer.from(png.subarray(12, 16)).toString('ascii')).toBe('IHDR');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Non-white pixels in a band of rows (RGBA, 8 bits). */
function inkIn(
  png: Uint8Array,
  rows: [number, number],
  cols: [number, number] = [0, Number.POSITIVE_INFINITY],
): number {
  const img = decode(png);
  const ch = img.channels;
  let ink = 0;
  for (let y = rows[0]; y < Math.min(rows[1], img.height); y++) {
    for (let x = cols[0]; x < Math.min(cols[1], img.width); x++) {
      const i = (y * img.width + x) * ch;
      if ((img.data[i] ?? 255) < 128 && (img.data[i + 1] ?? 255) < 128 && (img.data[i + 2] ?? 255) < 128)
        ink++;
    }
  }
  return ink;
}

/** A chart with only a title to draw besides one bar. */
const titled: Chart = {
  id: 'probe',
  title: 'Revenue — Nov 2026 (ÄÖÜ €)',
  alt: 'probe',
  unit: 'usd',
  layout: 'categories',
  x: ['Only'],
  series: [{ name: 'Only', mark: 'bar', points: [{ x: 'Only', y: 1 }] }],
};

describe('report charts as PNG', () => {
  it('the CFO report draws revenue against break-even, cash with the runway projection and the expense mix', async () => {
    const data = await loadSampleData('data');
    const m = buildReport('cfo', { portfolio: data.portfolio, ledger: data.ledger, sails: [], now: NOW });
    expect(m.charts.map((c) => c.id)).toEqual(['revenue-vs-break-even', 'cash-runway', 'expense-mix']);
    const images = await renderCharts(m.charts, assets);
    for (const img of images) {
      const size = ihdr(img.png);
      // Every chart is the email's chart width, drawn at twice the pixels.
      expect(size.width).toBe(CHART_WIDTH * CHART_SCALE);
      expect(size).toEqual({ width: img.width, height: img.height });
      const decoded = decode(img.png);
      expect([decoded.width, decoded.height]).toEqual([img.width, img.height]);
      expect(img.height).toBeGreaterThan(100);
      expect(img.png.length).toBeLessThan(100 * 1024);
      expect(img.alt.length).toBeGreaterThan(20);
    }
  });

  it('draws the title glyphs with the shipped font (ink where the label is)', async () => {
    const { png } = await svgToPng(await chartSvg(titled), assets);
    // The title is drawn in the top 40 CSS px (80 px at twice the scale), from the left.
    expect(inkIn(png, [0, 80], [0, 600])).toBeGreaterThan(500);
  });

  it('without a font the same label is blank: the check above would catch a Lambda with no fonts', async () => {
    const { png } = await svgToPng(await chartSvg(titled), { wasm: assets.wasm, fonts: [] });
    expect(inkIn(png, [0, 80], [0, 600])).toBe(0);
  });
});
