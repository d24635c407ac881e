import { describe, expect, it } from 'vitest';
import { ctoReport, savingsCandidates } from '../../src/reports/kinds/cto';
import { fixtureInput, fixturePortfolio } from './fixture';
import { expectCommonShape, kpi, rows } from './support';

describe('CTO report (small fixture)', () => {
  const m = ctoReport(fixtureInput());

  it('has the common shape', () => expectCommonShape(m));

  it('totals the stack and finds idle and duplicated services', () => {
    // 30 + 20 + 10 + 40 = 100
    expect(kpi(m, 'Stack cost').value).toBe('$100');
    const c = savingsCandidates(fixturePortfolio().stack, '2026-04-15');
    expect(c.map((x) => [x.service.service, x.reasons])).toEqual([
      ['B', ['unused for 104 days', 'duplicates A']],
      ['C', ['flagged idle']],
    ]);
    // 20 + 10 = 30
    expect(kpi(m, 'Savings').value).toBe('$30/mo');
    expect(rows(m, 'Savings candidates').at(-1)).toEqual(['Total', '', '$30']);
  });

  it('counts open critical/high findings only', () => {
    expect(kpi(m, 'Open critical/high').value).toBe('1');
    expect(rows(m, 'Security findings').map((r) => r[0])).toEqual(['critical', 'high', 'low']);
  });

  it('reports delivery gaps and unowned services', () => {
    const gaps = m.gaps.map((g) => `${g.severity}:${g.text}`);
    expect(gaps).toContain('high:F1 (critical, open): Shared login.');
    expect(gaps).toContain('medium:Sys2: no CI, no rollback.');
    expect(gaps).toContain('medium:D has no owner.');
    expect(kpi(m, 'Systems with full delivery').value).toBe('1 of 2');
  });
});
