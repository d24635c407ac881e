import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type ReportInput, reportKinds } from '../../src/reports';
import { parseLedgerCsv } from '../../src/reports/ledger';
import { parsePortfolio } from '../../src/reports/portfolio';
import {
  loadReportTemplates,
  type ReportTemplates,
  renderReportEmail,
  renderSlackSummary,
} from '../../src/reports/render';
import { escapeMrkdwn, slackLimits } from '../../src/reports/render/slack';
import { blockKitProblems } from '../support/block-kit';
import { fixtureInput, fixtureYaml } from './fixture';

function sampleInput(): ReportInput {
  const p = parsePortfolio(readFileSync('data/portfolio.yaml', 'utf8'));
  const l = parseLedgerCsv(readFileSync('data/ledger-sample.csv', 'utf8'));
  if (!p.ok || !l.ok) throw new Error('sample data must parse');
  return {
    portfolio: p.portfolio,
    ledger: l.lines,
    sails: [
      {
        id: 'S-7K2M9Q',
        departAt: new Date('2026-12-05T23:00:00Z'),
        status: 'scheduled',
        guests: 6,
        completed: false,
      },
      {
        id: 'S-1AAAAA',
        departAt: new Date('2026-10-05T23:00:00Z'),
        status: 'scheduled',
        guests: 6,
        completed: true,
      },
    ],
    now: new Date('2026-11-25T20:00:00Z'),
  };
}

function slackTexts(blocks: ReturnType<typeof renderSlackSummary>['blocks']): string[] {
  return blocks.flatMap((b) => {
    if (b.type === 'header') return [b.text.text];
    if (b.type === 'section')
      return [...(b.text ? [b.text.text] : []), ...(b.fields ?? []).map((f) => f.text)];
    if (b.type === 'context') return b.elements.map((x) => x.text);
    return [];
  });
}

let templates: ReportTemplates;
beforeAll(async () => {
  templates = await loadReportTemplates('templates');
});

describe.each(reportKinds)('%s report rendering (sample data)', (kind) => {
  const model = buildReport(kind, sampleInput());

  it('HTML email: under 100 KB, fluid up to 600 px, CSS inlined, no scripts, no remote images', () => {
    const { html, subject } = renderReportEmail(model, templates);
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(100 * 1024);
    // Fluid up to 600 px; Outlook (no max-width) gets a fixed 600 px ghost table.
    expect(html).toMatch(/<table[^>]+class="sheet"[^>]+style="[^"]*width: 100%; max-width: 600px;/);
    expect(html).toContain('<!--[if mso]><table role="presentation" width="600"');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/url\(\s*['"]?http/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html).not.toContain('<style');
    expect(html).toMatch(/<td[^>]+style="[^"]*padding/);
    expect(subject).toContain(model.title);
    for (const s of model.summary)
      expect(html).toContain(s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;'));
  });

  it('text part: no markup, every section, summary and KPIs present', () => {
    const { text } = renderReportEmail(model, templates);
    expect(text).not.toMatch(/<\/?(td|table|div|p|span)\b/);
    for (const h of [
      'EXECUTIVE SUMMARY',
      'HEADLINE NUMBERS',
      'GAPS',
      'ACTION PLAN',
      'HOW THE NUMBERS ARE COMPUTED',
    ]) {
      expect(text).toContain(h);
    }
    for (const k of model.kpis) expect(text).toContain(`${k.label}: ${k.value}`);
  });

  it('Slack summary: within Block Kit limits, with the recipients context line', () => {
    const { blocks, text } = renderSlackSummary(model, { recipients: ['owner@queenofsandiego.com'] });
    expect(blockKitProblems(blocks)).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(slackLimits.blocks);
    expect(blocks[0]?.type).toBe('header');
    for (const t of slackTexts(blocks)) expect(t.length).toBeLessThanOrEqual(slackLimits.text);
    for (const b of blocks)
      if (b.type === 'section' && b.fields) expect(b.fields.length).toBeLessThanOrEqual(10);
    expect(text.length).toBeLessThanOrEqual(slackLimits.text);
    const last = blocks.at(-1);
    expect(last?.type === 'context' && last.elements[0]?.text).toBe(
      'Full report sent to owner@queenofsandiego.com',
    );
    const fields = blocks.find((b) => b.type === 'section' && b.fields);
    expect(fields?.type === 'section' && fields.fields?.length).toBe(Math.min(10, model.kpis.length));
  });
});

describe('escaping hostile data', () => {
  const nasty = '<script>alert("x")</script> & <img src=http://evil/x.png>';
  const yaml = fixtureYaml
    .replace('name: Boat Co', `name: '${nasty.replace(/'/g, "''")}'`)
    .replace('title: One captain', `title: '${nasty}'`);

  it('escapes every data string in HTML; text keeps it literal; Slack escapes & < >', async () => {
    const p = parsePortfolio(yaml);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    const input = fixtureInput({ portfolio: p.portfolio });
    let carried = 0;
    for (const kind of reportKinds) {
      const model = buildReport(kind, input);
      const { html, text } = renderReportEmail(model, templates);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      const { blocks } = renderSlackSummary(model, { recipients: ['a@b.co'] });
      for (const t of slackTexts(blocks).slice(1)) expect(t).not.toMatch(/<(?!!)|&(?!amp;|lt;|gt;)/);
      if (JSON.stringify(model).includes('<script>')) {
        carried++;
        expect(html).toContain('&lt;script&gt;');
        expect(text).toContain('<script>');
      }
    }
    expect(carried).toBeGreaterThanOrEqual(3);
  });

  it('mrkdwn escaping covers exactly & < >', () => {
    expect(escapeMrkdwn('a & <b> *c*')).toBe('a &amp; &lt;b&gt; *c*');
  });
});

describe('notices', () => {
  const notice = 'Built from the SAMPLE data in data/ — run `bosun portfolio import <file.yaml>`.';
  const model = { ...buildReport('cfo', fixtureInput()), notices: [notice] };

  it('come first in the HTML email (and its inbox preview), escaped', () => {
    const { html } = renderReportEmail(model, templates);
    const at = html.indexOf('Built from the SAMPLE data');
    expect(at).toBeGreaterThan(-1);
    expect(at).toBeLessThan(html.indexOf('<h1'));
    expect(html).toContain('&lt;file.yaml&gt;');
    expect(html.match(/Built from the SAMPLE data/g)?.length).toBe(2); // preheader + box
  });

  it('open the text part', () => {
    const { text } = renderReportEmail(model, templates);
    expect(text.startsWith('!!! Built from the SAMPLE data in data/')).toBe(true);
    expect(text).toContain('<file.yaml>');
  });

  it('follow the header of the Slack summary and lead the notification text', () => {
    const { blocks, text } = renderSlackSummary(model, { recipients: ['a@b.co'] });
    const second = blocks[1];
    expect(second?.type === 'section' && second.text?.text).toBe(
      ':warning: *Built from the SAMPLE data in data/ — run `bosun portfolio import &lt;file.yaml&gt;`.*',
    );
    expect(text).toMatch(/^CFO report: Built from the SAMPLE data/);
  });

  it('are absent when the model has none', () => {
    const plain = buildReport('cfo', fixtureInput());
    const { html, text } = renderReportEmail(plain, templates);
    expect(html).not.toContain('class="notice"');
    expect(text).not.toContain('!!!');
    expect(slackTexts(renderSlackSummary(plain, { recipients: [] }).blocks).join(' ')).not.toContain(
      ':warning:',
    );
  });
});

describe('Slack limits under pressure', () => {
  it('clips long texts and never exceeds 50 blocks', () => {
    const model = buildReport('cto', fixtureInput());
    const long = {
      ...model,
      title: 'T'.repeat(400),
      summary: ['x'.repeat(5000)],
      gaps: Array.from({ length: 200 }, (_, i) => ({
        text: `gap ${i} ${'y'.repeat(900)}`,
        severity: 'high' as const,
      })),
    };
    const { blocks } = renderSlackSummary(long, {
      recipients: Array.from({ length: 300 }, (_, i) => `reader${i}@example.com`),
    });
    expect(blockKitProblems(blocks)).toEqual([]);
    const header = blocks[0];
    expect(header?.type === 'header' && header.text.text.length).toBeLessThanOrEqual(150);
    for (const t of slackTexts(blocks)) expect(t.length).toBeLessThanOrEqual(3000);
  });
});

describe('size guard', () => {
  it('cuts very long tables and lists in the HTML email and says so, staying under 100 KB', async () => {
    const t = await loadReportTemplates('templates');
    const base = buildReport('accounting', fixtureInput());
    const rows = Array.from({ length: 5000 }, (_, i) => [
      `2026-03-${String((i % 28) + 1).padStart(2, '0')}`,
      `LINE ${i} ${'x'.repeat(40)}`,
      'Bank',
      '-$1.00',
    ]);
    const big = {
      ...base,
      findings: rows.map((r) => r.join(' ')),
      tables: [{ title: 'Uncategorised lines', columns: ['Date', 'Description', 'Source', 'Amount'], rows }],
    };
    const { html } = renderReportEmail(big, t);
    expect(Buffer.byteLength(html)).toBeLessThan(100 * 1024);
    expect(html).toContain('… and 4940 more');
  });
});
