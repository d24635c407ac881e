/**
 * Benchmark: all eight reports computed from the sample data and rendered as the report job
 * renders them, charts included (Vega-Lite → SVG → resvg WASM → PNG, inline in the email): time
 * per report on the first (cold) run and warm, and each email's size (the HTML part, and the whole
 * raw MIME message with its images as SES gets it from `composeRaw`). Then what the chart library
 * adds to the report job's cold start, measured in fresh processes.
 * Targets: HTML part < 100 KB, message < 500 KB, all eight < 2 s cold. Figures only; a missed
 * target is printed, not fatal. Run with `npx tsx bench/reports.ts`.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadSampleData } from '../src/jobs/report-data';
import { inlineCharts } from '../src/jobs/report-job';
import { composeRaw } from '../src/mail/ses-mailer';
import { buildReport, reportKinds } from '../src/reports';
import { loadReportTemplates, renderReportEmail, renderSlackSummary } from '../src/reports/render';
import { loadChartAssets, renderCharts } from '../src/reports/render/charts';

const TARGET_COLD_MS = 2000;
const TARGET_HTML_BYTES = 100 * 1024;
const TARGET_MESSAGE_BYTES = 500 * 1024;
const RUNS = 5;
const now = new Date('2026-11-25T20:00:00Z');
const FROM = 'bosun@queenofsandiego.com';
const TO = ['owner@queenofsandiego.com', 'cfo@queenofsandiego.com'];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const t0 = performance.now();
const [data, templates] = await Promise.all([loadSampleData('data'), loadReportTemplates('templates')]);
const loadMs = performance.now() - t0;
const sails = [
  {
    id: 'S-7K2M9Q',
    departAt: new Date('2026-12-05T23:00:00Z'),
    status: 'scheduled',
    guests: 6,
    completed: false,
    vesselId: 'jada',
  },
  {
    id: 'S-3HJ8WX',
    departAt: new Date('2026-12-12T23:00:00Z'),
    status: 'scheduled',
    guests: 10,
    completed: false,
    vesselId: 'jada',
  },
  {
    id: 'S-1AAAAA',
    departAt: new Date('2026-11-05T23:00:00Z'),
    status: 'scheduled',
    guests: 6,
    completed: true,
    vesselId: 'jada',
  },
];

async function once() {
  const per: {
    kind: string;
    ms: number;
    charts: number;
    chartMs: number;
    html: number;
    message: number;
    blocks: number;
  }[] = [];
  const start = performance.now();
  for (const kind of reportKinds) {
    const s = performance.now();
    const model = buildReport(kind, { portfolio: data.portfolio, ledger: data.ledger, sails, now });
    const c = performance.now();
    const images = await renderCharts(model.charts);
    const chartMs = performance.now() - c;
    const { inline, refs } = inlineCharts(images, `bench-${kind}`);
    const email = renderReportEmail(model, templates, { requestedBy: 'Slack user UADMIN0001', images: refs });
    const slack = renderSlackSummary(model, { recipients: TO });
    const ms = performance.now() - s;
    // The message as SES gets it (outside the timing: composing is the mailer's work).
    const { raw } = await composeRaw(FROM, { to: TO, ...email, inline }, ['audit@queenofsandiego.com']);
    per.push({
      kind,
      ms,
      charts: images.length,
      chartMs,
      html: Buffer.byteLength(email.html),
      message: raw.length,
      blocks: slack.blocks.length,
    });
  }
  return { total: per.reduce((a, p) => a + p.ms, 0), wall: performance.now() - start, per };
}

const cpu0 = process.cpuUsage();
const cold = await once();
const coldCpu = process.cpuUsage(cpu0);
const warm: Awaited<ReturnType<typeof once>>[] = [];
for (let i = 0; i < RUNS; i++) warm.push(await once());
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

console.log(
  `sample data: ${data.ledger.length} ledger lines, ${data.portfolio.entities.length} entities; load + parse ${loadMs.toFixed(1)} ms`,
);
console.log('');
console.log(
  'kind        charts   first run  (charts)   warm median   HTML part   message (with PNGs)   Slack blocks',
);
for (const r of cold.per) {
  const w = median(warm.map((x) => x.per.find((p) => p.kind === r.kind)?.ms ?? 0));
  const flag = r.html < TARGET_HTML_BYTES && r.message < TARGET_MESSAGE_BYTES ? '' : '  OVER';
  console.log(
    `${r.kind.padEnd(11)} ${String(r.charts).padStart(6)}   ${`${r.ms.toFixed(0)} ms`.padStart(9)}  ${`(${r.chartMs.toFixed(0)} ms)`.padStart(9)}   ${`${w.toFixed(0)} ms`.padStart(11)}   ${kb(r.html).padStart(9)}   ${kb(r.message).padStart(19)}   ${String(r.blocks).padStart(12)}${flag}`,
  );
}
const largestHtml = Math.max(...cold.per.map((r) => r.html));
const largestMessage = Math.max(...cold.per.map((r) => r.message));
const warmTotal = median(warm.map((w) => w.total));
console.log('');
console.log(
  `all eight with charts, first run (cold, this process): ${cold.total.toFixed(0)} ms wall, ${((coldCpu.user + coldCpu.system) / 1000).toFixed(0)} ms CPU  (target < ${TARGET_COLD_MS} ms)`,
);
console.log(
  `load average while running: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} on ${cpus().length} cores`,
);
console.log(`all eight with charts, median of ${RUNS} warm runs:      ${warmTotal.toFixed(0)} ms`);
console.log(
  `largest HTML part ${kb(largestHtml)} (target < 100 KB); largest message ${kb(largestMessage)} (target < 500 KB)`,
);

// What the chart library adds to a cold start: fresh node processes, each timing one phase set.
const probe = `
const t = performance.now();
const [vega, vl, resvg, fs] = await Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-wasm'), import('node:fs/promises')]);
const imported = performance.now();
const [wasm, font] = await Promise.all([fs.readFile('node_modules/@resvg/resvg-wasm/index_bg.wasm'), fs.readFile('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')]);
await resvg.initWasm(wasm);
const ready = performance.now();
const spec = { width: 560, height: 200, data: { values: [{ x: 'a', y: 1 }, { x: 'b', y: 2 }] }, mark: 'bar', encoding: { x: { field: 'x', type: 'ordinal' }, y: { field: 'y', type: 'quantitative' } }, config: { font: 'DejaVu Sans' } };
const svg = await new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' }).toSVG();
const png = new resvg.Resvg(svg, { font: { fontBuffers: [font], defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'zoom', value: 2 } }).render().asPng();
const done = performance.now();
console.log(JSON.stringify({ imports: imported - t, wasm: ready - imported, firstChart: done - ready, bytes: png.length }));
`;
const rounds: { imports: number; wasm: number; firstChart: number }[] = [];
for (let i = 0; i < 5; i++) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  const line = r.stdout.trim().split('\n').at(-1);
  if (r.status === 0 && line) rounds.push(JSON.parse(line));
}
const m = (k: 'imports' | 'wasm' | 'firstChart') => median(rounds.map((r) => r[k]));
console.log('');
console.log(
  `chart library at cold start (fresh process, median of ${rounds.length}): import vega + vega-lite + resvg ${m('imports').toFixed(0)} ms, read + compile resvg.wasm and the font ${m('wasm').toFixed(0)} ms, first chart ${m('firstChart').toFixed(0)} ms; ${(m('imports') + m('wasm') + m('firstChart')).toFixed(0)} ms in all, paid once per Lambda instance by the first report job only`,
);
await loadChartAssets();
console.log(
  `target time (all eight < ${TARGET_COLD_MS} ms cold): ${cold.total < TARGET_COLD_MS ? 'met' : 'MISSED'}; target size (HTML < 100 KB, message < 500 KB): ${largestHtml < TARGET_HTML_BYTES && largestMessage < TARGET_MESSAGE_BYTES ? 'met' : 'MISSED'}`,
);
