/**
 * Benchmark: time to compute and render all eight reports from the sample data, and each email's
 * size. Targets: under 200 ms for all eight; every email under 100 KB (Gmail clips at 102 KB),
 * measured as the whole raw MIME message as SES gets it (`composeRaw`: headers, the text part and
 * the HTML part in their transfer encodings), with the HTML part's own size alongside.
 * Figures only; run with `npx tsx bench/reports.ts`.
 */
import { performance } from 'node:perf_hooks';
import { loadSampleData } from '../src/jobs/report-data';
import { composeRaw } from '../src/mail/ses-mailer';
import { buildReport, reportKinds } from '../src/reports';
import { loadReportTemplates, renderReportEmail, renderSlackSummary } from '../src/reports/render';

const TARGET_TOTAL_MS = 200;
const TARGET_EMAIL_BYTES = 100 * 1024;
const RUNS = 10;

const now = new Date('2026-11-25T20:00:00Z');
/** What the report job passes (src/jobs/report-job.ts), so the HTML is the one that is sent. */
const renderContext = { requestedBy: 'Slack user UADMIN0001', timezone: 'America/Los_Angeles' };
const FROM = 'bosun@queenofsandiego.com';
const TO = ['owner@queenofsandiego.com', 'cfo@queenofsandiego.com'];
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
  },
  {
    id: 'S-3HJ8WX',
    departAt: new Date('2026-12-12T23:00:00Z'),
    status: 'scheduled',
    guests: 10,
    completed: false,
  },
  {
    id: 'S-1AAAAA',
    departAt: new Date('2026-10-05T23:00:00Z'),
    status: 'scheduled',
    guests: 6,
    completed: true,
  },
];

function once() {
  const per: {
    kind: string;
    ms: number;
    html: number;
    text: number;
    blocks: number;
    email: ReturnType<typeof renderReportEmail>;
  }[] = [];
  const start = performance.now();
  for (const kind of reportKinds) {
    const s = performance.now();
    const model = buildReport(kind, { portfolio: data.portfolio, ledger: data.ledger, sails, now });
    const email = renderReportEmail(model, templates, renderContext);
    const slack = renderSlackSummary(model, { recipients: ['owner@queenofsandiego.com'] });
    per.push({
      kind,
      ms: performance.now() - s,
      html: Buffer.byteLength(email.html),
      text: Buffer.byteLength(email.text),
      blocks: slack.blocks.length,
      email,
    });
  }
  return { total: performance.now() - start, per };
}

const cold = once();
const warm = Array.from({ length: RUNS }, once);
const totals = warm.map((w) => w.total).sort((a, b) => a - b);
const median = totals[Math.floor(totals.length / 2)] ?? 0;

console.log(
  `sample data: ${data.ledger.length} ledger lines, ${data.portfolio.entities.length} entities; load + parse ${loadMs.toFixed(1)} ms`,
);
// The message as SES gets it (outside the timing: composing is the mailer's work, not the report's).
const mime = new Map<string, number>();
for (const r of cold.per) {
  const { raw } = await composeRaw(FROM, { to: TO, ...r.email }, ['audit@queenofsandiego.com']);
  mime.set(r.kind, raw.length);
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

console.log('');
console.log('kind        first run   HTML part   text part   MIME message   Slack blocks');
for (const r of cold.per) {
  const size = mime.get(r.kind) ?? Number.NaN;
  const flag = size < TARGET_EMAIL_BYTES ? '' : '  OVER 100 KB';
  console.log(
    `${r.kind.padEnd(11)} ${`${r.ms.toFixed(1)} ms`.padStart(9)}   ${kb(r.html).padStart(9)}   ${kb(r.text).padStart(9)}   ${kb(size).padStart(12)}   ${String(r.blocks).padStart(12)}${flag}`,
  );
}
const largest = Math.max(...mime.values());
const largestHtml = Math.max(...cold.per.map((r) => r.html));
console.log('');
console.log(`all eight, first run (cold):     ${cold.total.toFixed(1)} ms  (target < ${TARGET_TOTAL_MS} ms)`);
console.log(`all eight, median of ${RUNS} warm runs: ${median.toFixed(1)} ms`);
console.log(
  `largest email: ${kb(largest)} as a raw MIME message (HTML part ${kb(largestHtml)})  (target < 100 KB each)`,
);
// Benchmarks print figures; a missed target is reported, not turned into a crash.
console.log(
  `target time (< ${TARGET_TOTAL_MS} ms, first run): ${cold.total < TARGET_TOTAL_MS ? 'met' : 'MISSED'}; target size (every MIME message < 100 KB): ${largest < TARGET_EMAIL_BYTES ? 'met' : 'MISSED'}`,
);
