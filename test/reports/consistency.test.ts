/**
 * What a first reader checks: every count a summary states agrees with the list the report
 * renders, gaps are not repeated, plurals agree, and the action plan's heading names its horizons.
 * Run on the shipped sample data, which is what `npm start` and `bosun report` show first.
 */
import { describe, expect, it } from 'vitest';
import { loadSampleData, type ReportData } from '../../src/jobs/report-data';
import { buildReport, reportKinds } from '../../src/reports';
import { findingOf, mergeGaps } from '../../src/reports/kinds/ceo';
import type { ReportKind, ReportModel, SailFacts } from '../../src/reports/model';
import { loadReportTemplates, renderReportEmail } from '../../src/reports/render';
import { rows } from './support';

const NOW = new Date('2026-11-25T20:00:00Z');
const data: ReportData = await loadSampleData('data');
const templates = await loadReportTemplates('templates');

function build(kind: ReportKind, sails: SailFacts[] = []): ReportModel {
  return buildReport(kind, { portfolio: data.portfolio, ledger: data.ledger, sails, now: NOW });
}

/** The number the pattern's first group captures in the report's summary and findings. */
function stated(m: ReportModel, pattern: RegExp): number {
  const hit = [...m.summary, ...m.findings].join(' ').match(pattern);
  if (!hit?.[1]) throw new Error(`no ${pattern} in ${m.kind}: ${m.summary.join(' ')}`);
  return Number(hit[1].replace(/,/g, ''));
}

const nouns =
  'sails|guests|gaps|items|charters|months|lines|accounts|services|clients|deliveries|miles|entities|channels|businesses|findings|systems|sites|buyers|seats|costs|jobs';
const oneMany = new RegExp(`(?<![\\d.,$])\\b1 (?:[a-z-]+ )?(?:${nouns})\\b`);

const oneSail: SailFacts = {
  id: 'S-7K2M9Q',
  departAt: new Date('2026-12-05T23:00:00Z'),
  status: 'scheduled',
  guests: 1,
  capacity: 6,
  completed: false,
};

describe.each(reportKinds)('%s report on the sample data', (kind) => {
  const m = build(kind);
  const email = renderReportEmail(m, templates);

  it('lists each gap once', () => {
    const texts = m.gaps.map((g) => g.text.replace(/^\[[a-z, ]+\] /, ''));
    expect(new Set(texts).size).toBe(texts.length);
  });
  it('titles the action plan by the horizons it has', () => {
    const horizons = [...new Set(m.actionPlan.map((a) => a.horizon))].sort((a, b) => a - b);
    const heading = `Action plan (${horizons.join(' / ')} days)`;
    expect(email.html).toContain(`>${heading}</h2>`);
    expect(email.text).toContain(heading.toUpperCase());
    if (!horizons.includes(90)) expect(email.text).not.toMatch(/30 \/ 60 \/ 90/);
  });
  it('agrees in number ("1 sail", never "1 sails" or "(s)")', () => {
    for (const text of [email.text, renderReportEmail(build(kind, [oneSail]), templates).text]) {
      expect(text.replace(/\s+/g, ' ')).not.toMatch(oneMany);
      expect(text).not.toMatch(/\(s\)/);
    }
  });
});

describe('summaries count what the reports list (sample data)', () => {
  it('ceo: gaps by severity, revenue tracking gaps and the 30-day agenda', () => {
    const m = build('ceo');
    const sev = (s: string) => m.gaps.filter((g) => g.severity === s).length;
    expect(stated(m, /(\d+) gaps? needs? attention/)).toBe(m.gaps.length);
    expect(stated(m, /\((\d+) high/)).toBe(sev('high'));
    expect(stated(m, /(\d+) medium/)).toBe(sev('medium'));
    expect(stated(m, /(\d+) low severity/)).toBe(sev('low'));
    expect(stated(m, /(\d+) of them revenue tracking/)).toBe(
      m.gaps.filter((g) => g.text.startsWith('[revenue')).length,
    );
    expect(stated(m, /agenda below has (\d+) items?/)).toBe(
      m.actionPlan.filter((a) => a.horizon === 30).length,
    );
    // The sample's high gaps, each once: the CMO and delivery reports both find the dark delivery business.
    expect(sev('high')).toBe(8);
    expect(m.gaps.filter((g) => g.text.includes('no live marketing channel')).map((g) => g.text)).toEqual([
      '[cmo, delivery] Expert Yacht Delivery has no live marketing channel.',
    ]);
  });
  it('ceo: the pipeline count, in the singular for one sail', () => {
    const m = build('ceo', [oneSail]);
    expect(m.kpis.find((k) => k.label === 'Booked pipeline')?.value).toMatch(/\(1 sail\)$/);
    expect(m.summary[1]).toMatch(/^1 future sail is booked with 1 guest invited \(of 6 seats\)/);
    expect(rows(m, 'Pipeline')).toHaveLength(1);
  });
  it('ceo: findings name a report once, without repeating its subject', () => {
    const m = build('ceo');
    const rental = m.findings.find((f) => f.startsWith('Rental report'));
    expect(rental).toMatch(/^Rental report: 3028 51st St, San Diego, CA 92105 rents for/);
    for (const f of m.findings) {
      const [head, ...rest] = f.split(': ');
      expect(rest.join(': ').startsWith(`${head?.split(' (')[0]}`)).toBe(false);
      expect(f).not.toMatch(/(.{12,}): \1/);
    }
  });
  it('cto: candidates, open and severe findings, systems lacking practices', () => {
    const m = build('cto');
    expect(stated(m, /(\d+) of them (?:is|are) idle/)).toBe(rows(m, 'Savings candidates').length - 1);
    const findings = rows(m, 'Security findings');
    const open = findings.filter((r) => r[3] === 'open' || r[3] === 'in-progress');
    expect(stated(m, /(\d+) security findings? (?:is|are) open/)).toBe(open.length);
    expect(stated(m, /; (\d+) (?:is|are) critical or high/)).toBe(
      open.filter((r) => r[0] === 'critical' || r[0] === 'high').length,
    );
    const practices = rows(m, 'Delivery practices');
    expect(stated(m, /(\d+) of \d+ systems? lacks?/)).toBe(practices.filter((r) => r.includes('NO')).length);
    expect(stated(m, /\d+ of (\d+) systems? lacks?/)).toBe(practices.length);
  });
  it('cfo: every books month the summary and findings state matches the monthly books table', () => {
    const m = build('cfo');
    const table = m.tables.find((t) => t.title.startsWith('Monthly books'));
    const revenueRow = table?.rows.find((r) => r[0] === 'Revenue') ?? [];
    for (const [i, label] of (table?.columns ?? []).entries()) {
      if (i === 0) continue;
      const finding = m.findings.find((f) => f.startsWith(`${label}:`));
      if (revenueRow[i] === 'no data') expect(finding).toBe(`${label}: no ledger data.`);
      else expect(finding).toContain(`revenue ${revenueRow[i]},`);
    }
  });
  it('cmo: live channels match the matrix', () => {
    const m = build('cmo');
    const cells = rows(m, 'Visibility matrix').flatMap((r) => r.slice(1));
    expect(stated(m, /(\d+) of \d+ declared channels?/)).toBe(cells.filter((c) => c.includes('live')).length);
  });
  it('accounting: uncategorised lines and expense swings', () => {
    const m = build('accounting');
    expect(stated(m, /(\d+) lines? totalling/)).toBe(rows(m, 'Uncategorised lines').length);
    expect(stated(m, /(\d+) expense accounts? moved/)).toBe(
      m.gaps.filter((g) => / moved from /.test(g.text)).length,
    );
  });
  it('delivery: jobs done and booked', () => {
    const m = build('delivery');
    const jobs = rows(m, 'Jobs');
    const ahead = jobs.filter((r) => r[8] === 'booked' || r[8] === 'quoted').length;
    expect(stated(m, /(\d+) more jobs? (?:is|are) booked/)).toBe(ahead);
    expect(stated(m, /(\d+) deliver(?:y|ies) covered/)).toBe(jobs.length - ahead);
  });
  it('billing: clients, stale unbilled work, clients not invoiced', () => {
    const m = build('billing');
    expect(stated(m, /(\d+) active clients? pays?/)).toBe(
      rows(m, 'Clients').filter((r) => r[1] === 'active').length,
    );
    expect(stated(m, /(\d+) items? older than/)).toBe(
      m.gaps.filter((g) => /still unbilled/.test(g.text)).length,
    );
    expect(stated(m, /(\d+) active clients? (?:has|have) not been invoiced/)).toBe(
      m.gaps.filter((g) => /has not been invoiced/.test(g.text)).length,
    );
  });
});

describe('CEO helpers', () => {
  it('mergeGaps lists a text once, with every source, at its highest severity', () => {
    expect(
      mergeGaps([
        { text: 'A.', severity: 'medium', source: 'cmo' },
        { text: 'B.', severity: 'low', source: 'cfo' },
        { text: 'A.', severity: 'high', source: 'delivery' },
        { text: 'A.', severity: 'high', source: 'delivery' },
      ]),
    ).toEqual([
      { text: '[cmo, delivery] A.', severity: 'high' },
      { text: '[cfo] B.', severity: 'low' },
    ]);
  });
  it('findingOf drops a subject the sentence already names, and keeps one it does not', () => {
    expect(findingOf({ title: 'Rental report: 1 Main St', summary: ['1 Main St rents for $5.'] })).toBe(
      'Rental report: 1 Main St rents for $5.',
    );
    expect(findingOf({ title: 'Billing report: Agency', summary: ['3 clients pay.'] })).toBe(
      'Billing report (Agency): 3 clients pay.',
    );
    expect(findingOf({ title: 'CTO report', summary: ['12 services.'] })).toBe('CTO report: 12 services.');
  });
});
