import { describe, expect, it } from 'vitest';
import { buildReport, reportKinds } from '../../src/reports';
import { ceoReport } from '../../src/reports/kinds/ceo';
import { fixtureInput } from './fixture';
import { expectCommonShape, kpi, rows } from './support';

describe('CEO report (small fixture)', () => {
  const m = ceoReport(fixtureInput());
  it('has the common shape', () => expectCommonShape(m));
  it('inventories assets with equity', () => {
    expect(kpi(m, 'Asset value').value).toBe('$300,000');
    // 300000 − 40000 − 150000
    expect(kpi(m, 'Equity').value).toBe('$110,000');
    expect(rows(m, 'Asset inventory').at(-1)).toEqual(['Total', '', '', '$300,000', '$190,000', '$110,000']);
  });
  it('counts the booked pipeline (not cancelled, not departed)', () => {
    // S-BBBBBB $1,500 + S-EEEEEE at the average $1,250
    expect(kpi(m, 'Booked pipeline').value).toBe('$2,750 (2 sails)');
    expect(rows(m, 'Pipeline').map((r) => r[0])).toEqual(['S-BBBBBB', 'S-EEEEEE']);
  });
  it('ranks risks by likelihood × impact', () => {
    expect(m.risks?.map((r) => [r.id, r.score])).toEqual([
      ['R2', 16],
      ['R1', 10],
      ['R3', 3],
    ]);
  });
  it('draws the 30-day agenda from the other reports and names revenue tracking gaps', () => {
    const agenda = m.actionPlan.filter((a) => a.horizon === 30).map((a) => a.action);
    // March brought $3,000 of payouts + 2 unpaid sails × $1,250 = $5,500 ≥ 4 × $1,250 at break-even:
    // the CFO's most urgent 30-day step is the ledger rules, not more charters.
    expect(agenda).toContain('[CFO] Add ledger rules for the uncategorised lines.');
    expect(agenda.some((a) => a.startsWith('[BILLING] Invoice C2'))).toBe(true);
    expect(m.gaps.map((g) => g.text)).toContain(
      '[revenue] Ship Delivery: "Deliveries" has no lines in the books.',
    );
  });
});

describe('every kind', () => {
  it.each(reportKinds)('%s builds from the fixture with the common shape', (kind) => {
    const m = buildReport(kind, fixtureInput());
    expect(m.kind).toBe(kind);
    expectCommonShape(m);
  });
  it.each(reportKinds)('%s builds from an almost empty portfolio without NaN', (kind) => {
    const input = fixtureInput();
    const portfolio = {
      ...input.portfolio,
      revenueStreams: [],
      assets: [],
      stack: [],
      channels: [],
      deliveryJobs: [],
      rental: undefined,
      agency: undefined,
    };
    const m = buildReport(kind, { ...input, portfolio, ledger: [], sails: [] });
    expectCommonShape(m);
  });
  it.each(reportKinds)('%s asked for one entity either narrows to it or says it covers more', (kind) => {
    const m = buildReport(kind, fixtureInput({ entity: 'haul' }));
    expectCommonShape(m);
    if (m.entity === 'haul') {
      // Titles name the entity as the portfolio does.
      expect(m.title).toMatch(/: Haul Co$/);
      expect(m.notices).toBeUndefined();
      expect(m.footnotes[0]).toMatch(/^Scope: only /);
    } else {
      expect(m.notices).toEqual([
        expect.stringMatching(/^This report always covers .+; it is not narrowed to the entity "haul"\.$/),
      ]);
    }
  });
  it('kinds that ignore the entity are exactly the whole-portfolio and single-business ones', () => {
    const narrowed = reportKinds.filter(
      (k) => buildReport(k, fixtureInput({ entity: 'haul' })).entity === 'haul',
    );
    expect(narrowed).toEqual(['cto', 'cfo', 'cmo', 'accounting']);
    expect(buildReport('ceo', fixtureInput({ entity: 'haul' })).notices?.[0]).toContain(
      'the whole portfolio',
    );
  });
  it('a single-business report asked for its own entity carries no notice', () => {
    expect(buildReport('rental', fixtureInput({ entity: 'house' })).notices).toBeUndefined();
    expect(buildReport('delivery', fixtureInput({ entity: 'ship' })).notices).toBeUndefined();
    expect(buildReport('billing', fixtureInput({ entity: 'agency' })).notices).toBeUndefined();
    expect(buildReport('ceo', fixtureInput()).notices).toBeUndefined();
  });
});
