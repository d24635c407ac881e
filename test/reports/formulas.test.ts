import { describe, expect, it } from 'vitest';
import {
  averageCharterPrice,
  breakEvenCharters,
  campaignRevenue,
  contributionPerCharter,
  ratio,
  runwayMonths,
} from '../../src/reports/formulas';
import { lastCompleteMonths, monthKey, monthsToEndOfNextQuarter } from '../../src/reports/months';
import { fixturePortfolio } from './fixture';

describe('formulas', () => {
  it('contribution per charter is the mix-weighted price − variable cost', () => {
    // (3 × (1000 − 200) + 1 × (2000 − 600)) ÷ 4 = (2400 + 1400) ÷ 4 = 950
    expect(contributionPerCharter(fixturePortfolio().revenueStreams)).toEqual({ ok: true, value: 950 });
    // (3 × 1000 + 1 × 2000) ÷ 4 = 1250
    expect(averageCharterPrice(fixturePortfolio().revenueStreams)).toEqual({ ok: true, value: 1250 });
  });

  it('break-even rounds up, and an exact multiple is not rounded further', () => {
    expect(breakEvenCharters(3000, { ok: true, value: 950 })).toEqual({ ok: true, value: 4 });
    expect(breakEvenCharters(3800, { ok: true, value: 950 })).toEqual({ ok: true, value: 4 });
    expect(breakEvenCharters(0, { ok: true, value: 950 })).toEqual({ ok: true, value: 0 });
  });

  it('break-even with zero or negative contribution is not computable, never Infinity', () => {
    for (const value of [0, -50]) {
      const r = breakEvenCharters(3000, { ok: true, value });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/^not computable because .*\$0 or less/);
    }
  });

  it('runway = cash ÷ net burn; zero or negative burn is not computable', () => {
    expect(runwayMonths(10_000, { ok: true, value: 1250 })).toEqual({ ok: true, value: 8 });
    const zero = runwayMonths(10_000, { ok: true, value: 0 });
    expect(zero).toEqual({
      ok: false,
      reason: expect.stringMatching(/^not computable because there is no net burn/),
    });
    expect(runwayMonths(10_000, { ok: true, value: -10 }).ok).toBe(false);
    expect(runwayMonths(10_000, { ok: false, reason: 'not computable because x' })).toEqual({
      ok: false,
      reason: 'not computable because x',
    });
  });

  it('no charter stream: contribution not computable', () => {
    expect(contributionPerCharter([]).ok).toBe(false);
    expect(averageCharterPrice([]).ok).toBe(false);
  });

  it('campaign revenue = list × open × click × conversion × price', () => {
    // 1000 × 0.5 × 0.1 × 0.2 = 10 buyers; × $100 = $1,000
    const r = campaignRevenue({
      listSize: 1000,
      openRate: 0.5,
      clickRate: 0.1,
      conversionRate: 0.2,
      price: 100,
    });
    expect(r.buyers).toBeCloseTo(10, 9);
    expect(r.revenue).toBeCloseTo(1000, 9);
  });

  it('ratio by zero is not computable', () => {
    expect(ratio(5, 0, 'the miles')).toEqual({
      ok: false,
      reason: 'not computable because the miles is zero',
    });
    expect(ratio(5, 2, 'x')).toEqual({ ok: true, value: 2.5 });
  });
});

describe('months in San Diego time', () => {
  it('puts 03:00 UTC on 1 April in March', () => {
    expect(monthKey(new Date('2026-04-01T03:00:00Z'))).toBe('2026-03');
    expect(monthKey(new Date('2026-04-01T08:00:00Z'))).toBe('2026-04');
  });
  it('lists the complete months before now and the months to the end of next quarter', () => {
    expect(lastCompleteMonths(new Date('2026-01-15T20:00:00Z'), 3)).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
    ]);
    expect(monthsToEndOfNextQuarter(new Date('2026-04-15T20:00:00Z'))).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
    ]);
    expect(monthsToEndOfNextQuarter(new Date('2026-12-15T20:00:00Z'))).toEqual([
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
    ]);
  });
});
