import { describe, expect, it } from 'vitest';
import { cfoReport } from '../../src/reports/kinds/cfo';
import { parseLedgerCsv } from '../../src/reports/ledger';
import { fixtureInput, fixturePortfolio, fixtureYaml } from './fixture';
import { expectCommonShape, kpi, rows } from './support';

describe('CFO report (small fixture)', () => {
  const m = cfoReport(fixtureInput());

  it('has the common shape', () => expectCommonShape(m));

  it('monthly burn = Σ recurring costs + Σ loan payments', () => {
    // 1500 + 500 + 100 + 1000 (yacht loan) + 800 (house loan) = 3900
    expect(kpi(m, 'Gross burn').value).toBe('$3,900');
  });

  it('break-even = ceil(charter fixed ÷ contribution)', () => {
    // charter + vessel fixed: 500 + 1500 + 1000 = 3000; ceil(3000 ÷ 950) = 4
    expect(kpi(m, 'Contribution per charter').value).toBe('$950');
    expect(kpi(m, 'Break-even').value).toBe('4');
    expect(m.footnotes.join(' ')).toContain('ceil($3,000 ÷ $950.00)');
  });

  it('runway = cash ÷ net burn over the last three complete months', () => {
    // Jan −1000, Feb −2000, Mar 3000 − 3000 − 150 − 300 = −450 → average burn 3450 ÷ 3 = 1150
    // cash 9000 + 1000 = 10000; 10000 ÷ 1150 = 8.7
    expect(kpi(m, 'Runway').value).toBe('8.7 months');
    expect(kpi(m, 'Runway').status).toBe('bad'); // below the 12-month reserve goal
    expect(kpi(m, 'Cash on hand').value).toBe('$10,000');
  });

  it('counts completed charters by San Diego month, against break-even', () => {
    // March: S-AAAAAA and S-CCCCCC (1 April UTC, 31 March local) → 2 < 4
    expect(kpi(m, 'Charters in Mar 2026').value).toBe('2');
    const chart = m.charts[0];
    expect(chart?.bars.map((b) => b.value)).toEqual([0, 0, 0, 0, 1, 2]); // Oct … Mar
    expect(chart?.marker?.value).toBe(4);
    expect(m.gaps[0]).toEqual({
      text: 'Mar 2026 had 2 charters against a break-even of 4.',
      severity: 'high',
    });
  });

  it('targets to the end of next quarter, with booked revenue', () => {
    const r = rows(m, 'Revenue targets');
    expect(r.map((x) => x[0])).toEqual([
      'Apr 2026',
      'May 2026',
      'Jun 2026',
      'Jul 2026',
      'Aug 2026',
      'Sep 2026',
    ]);
    // April: S-BBBBBB at $1,500; May: S-EEEEEE (on hold) at the average $1,250; the cancelled one is ignored.
    // break-even revenue 4 × 1250 = 5000; target max(5, 4) × 1250 = 6250
    expect(r[0]).toEqual(['Apr 2026', '1', '$1,500', '$5,000', '$6,250']);
    expect(r[1]).toEqual(['May 2026', '1', '$1,250', '$5,000', '$6,250']);
    expect(r[2]).toEqual(['Jun 2026', '0', '$0', '$5,000', '$6,250']);
  });

  it('zero contribution: break-even is not computable, stated, and nothing is NaN', () => {
    const yaml = fixtureYaml
      .replace('price: 1000, variableCost: 200', 'price: 500, variableCost: 500')
      .replace('price: 2000, variableCost: 600', 'price: 600, variableCost: 600');
    const z = cfoReport(fixtureInput({ portfolio: fixturePortfolio(yaml) }));
    expectCommonShape(z);
    expect(kpi(z, 'Break-even').value).toBe('n/a');
    expect(z.summary.join(' ')).toMatch(/not computable because each charter contributes \$0 or less/);
    expect(z.charts[0]?.marker).toBeUndefined();
  });

  it('zero burn: runway is not computable, stated', () => {
    const ledger = parseLedgerCsv('date,description,amount,account\n2026-02-10,PAYOUT,1000,Bank\n');
    if (!ledger.ok) throw new Error('parse');
    const z = cfoReport(fixtureInput({ ledger: ledger.lines }));
    expectCommonShape(z);
    expect(kpi(z, 'Runway').value).toBe('n/a');
    expect(z.findings.join(' ')).toMatch(/Runway is not computable because there is no net burn/);
  });

  it('an empty ledger says so instead of inventing a burn', () => {
    const z = cfoReport(fixtureInput({ ledger: [] }));
    expectCommonShape(z);
    expect(z.gaps.map((g) => g.text).join(' ')).toMatch(/not computable because the ledger has no lines/);
  });

  it('whole portfolio: names the charter entities instead of a hard-coded business, and carries no notice', () => {
    expect(m.findings[0]).toBe(
      'Fixed costs are $3,900 a month across the portfolio; Boat Co and The Yacht carry $3,000 of it.',
    );
    expect(m.notices).toBeUndefined();
    // The untracked delivery stream belongs to the portfolio as a whole.
    expect(m.gaps.map((g) => g.text)).toContain('Revenue not tracked in the books: Deliveries.');
  });

  it('scopes to one entity', () => {
    const z = cfoReport(fixtureInput({ entity: 'yacht' }));
    // yacht only: slip 1500 + loan 1000 = 2500; cash 0
    expect(kpi(z, 'Gross burn').value).toBe('$2,500');
    expect(kpi(z, 'Cash on hand').value).toBe('$0');
    expect(z.title).toBe('CFO report: yacht');
  });

  describe('for an entity that sells nothing per charter (haul)', () => {
    const h = cfoReport(fixtureInput({ entity: 'haul' }));

    it('has the common shape', () => expectCommonShape(h));

    it("uses only haul's costs and cash", () => {
      // haul: Soft 100, no loans; cash 1000
      expect(kpi(h, 'Gross burn').value).toBe('$100');
      expect(kpi(h, 'Cash on hand').value).toBe('$1,000');
      expect(rows(h, 'Fixed monthly costs')).toEqual([['Soft', 'Software', 'haul', '$100']]);
    });

    it('contribution and break-even are not computable, naming the entity, and are not marked as failures', () => {
      expect(kpi(h, 'Contribution per charter')).toEqual({
        label: 'Contribution per charter',
        value: 'n/a',
        status: 'info',
      });
      expect(kpi(h, 'Break-even').value).toBe('n/a');
      expect(h.summary).toContain(
        'Break-even charters are not computable because Haul Co has no revenue stream sold per charter.',
      );
      expect(h.gaps.map((g) => g.text).join(' ')).not.toMatch(/pricing must change|charter/i);
    });

    it("leaves the charter business's sails, charts and targets out", () => {
      expect(h.kpis.map((k) => k.label).join(' ')).not.toMatch(/Charters in/);
      expect(h.charts).toEqual([]);
      expect(h.tables.map((t) => t.title)).toEqual(['Fixed monthly costs']);
      expect(h.summary.join(' ')).not.toMatch(/completed charter/);
      expect(h.findings.join(' ')).not.toMatch(/JADA|carry/);
      expect(h.findings).toContain(
        "Sails are charters of Boat Co and The Yacht, so charter counts and charter revenue targets are left out of Haul Co's report.",
      );
      expect(h.actionPlan.map((a) => a.action).join(' ')).not.toMatch(/charters/);
      // haul has one recurring cost, not the portfolio's three
      expect(h.actionPlan.map((a) => a.action)).toContain(
        'Review the 1 recurring cost; cut or renegotiate the largest.',
      );
    });

    it('its net burn comes from its own ledger lines (none here), so runway is not computable', () => {
      expect(kpi(h, 'Runway').value).toBe('n/a');
      expect(h.summary.join(' ')).toMatch(/Its net burn is not computable because the ledger has no lines/);
    });
  });

  describe('for the charter entity (boat)', () => {
    const b = cfoReport(fixtureInput({ entity: 'boat' }));

    it('has the common shape', () => expectCommonShape(b));

    it("break-even from boat's own fixed costs and streams", () => {
      // boat: Insurer 500, no loan; streams sunset (mix 3, 800) and day (mix 1, 1400) → 950
      // ceil(500 ÷ 950) = 1
      expect(kpi(b, 'Gross burn').value).toBe('$500');
      expect(kpi(b, 'Contribution per charter').value).toBe('$950');
      expect(kpi(b, 'Break-even').value).toBe('1');
      expect(b.footnotes.join(' ')).toContain(
        'ceil(fixed monthly cost of Boat Co ÷ contribution per charter)',
      );
      expect(b.footnotes.join(' ')).toContain('ceil($500 ÷ $950.00)');
    });

    it('counts its sails against its break-even and sets targets from its prices', () => {
      // March: 2 completed ≥ 1 → on track, and no "book more charters" action
      expect(kpi(b, 'Charters in Mar 2026')).toMatchObject({
        value: '2',
        target: '≥ 1 to break even; goal 5',
        status: 'good',
      });
      expect(b.actionPlan.map((a) => a.action).join(' ')).not.toMatch(/more charters/);
      // break-even revenue 1 × 1250; target max(5, 1) × 1250 = 6250
      expect(rows(b, 'Revenue targets')[0]).toEqual(['Apr 2026', '1', '$1,500', '$1,250', '$6,250']);
      expect(b.charts[0]?.marker?.value).toBe(1);
    });

    it("uses boat's cash and ledger lines only", () => {
      // boat lines Jan–Mar: payouts 2000 + 1000 + 3000 = +6000 → cash flow +2000 a month, no burn
      expect(kpi(b, 'Cash on hand').value).toBe('$9,000');
      expect(b.findings).toContain(
        'Cash flow over Jan 2026, Feb 2026, Mar 2026 was positive: $2,000 a month on average.',
      );
      expect(kpi(b, 'Runway').value).toBe('n/a');
      // the untracked delivery stream is ship's, not boat's
      expect(b.gaps.map((g) => g.text).join(' ')).not.toMatch(/Deliveries/);
      expect(b.findings[0]).toBe('Fixed costs are $500 a month for Boat Co.');
    });
  });
});

describe('CFO report reads without contradictions (sample data)', async () => {
  const { loadSampleData } = await import('../../src/jobs/report-data');
  const { loadReportTemplates, renderReportEmail } = await import('../../src/reports/render');
  const data = await loadSampleData('data');
  const m = cfoReport({
    portfolio: data.portfolio,
    ledger: data.ledger,
    sails: [],
    now: new Date('2026-11-25T20:00:00Z'),
  });
  const text = renderReportEmail(m, await loadReportTemplates('templates')).text;
  const kpiLines = text.split('\n').filter((l) => l.startsWith('- ') && l.includes('(target'));

  it('no KPI target nests brackets', () => {
    expect(kpiLines.length).toBeGreaterThan(0);
    for (const line of kpiLines) expect(line).not.toMatch(/\([^()]*\(/);
    expect(kpi(m, 'Break-even').target).toBe('≤ 12, the charters goal');
  });
  it('judges the last month one way, naming break-even and the goal once each', () => {
    expect(kpi(m, 'Charters in Oct 2026').target).toBe('≥ 7 to break even; goal 12');
    expect(m.summary[2]).toBe(
      'Oct 2026 had 0 completed charters, against a break-even of 7 and a goal of 12.',
    );
    for (const s of [m.summary[2] ?? '', kpi(m, 'Charters in Oct 2026').target ?? '']) {
      expect(s.match(/\b7\b/g)).toHaveLength(1);
      expect(s.match(/\b12\b/g)).toHaveLength(1);
    }
  });
  it('a runway that is not computable is neutral, not green', () => {
    expect(kpi(m, 'Runway')).toMatchObject({ value: 'n/a', status: 'info' });
  });
  it('says why fixed costs and "no net burn" are both true', () => {
    expect(kpi(m, 'Gross burn / month (fixed costs)').value).toBe('$13,075');
    expect(kpi(m, 'Net burn / month (after income)').value).toMatch(/^none: cash grew \$[\d,]+$/);
    expect(m.summary[0]).toContain('$13,075 a month in fixed costs (gross burn)');
    expect(m.summary[3]).toMatch(
      /^Runway is not computable because there is no net burn: over Aug 2026, Sep 2026, Oct 2026 income covered the fixed costs and left cash \$[\d,]+ a month better off\.$/,
    );
    expect(text).not.toMatch(/Monthly burn/);
  });
});
