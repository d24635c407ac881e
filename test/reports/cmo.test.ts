import { describe, expect, it } from 'vitest';
import { cmoReport } from '../../src/reports/kinds/cmo';
import { fixtureInput } from './fixture';
import { expectCommonShape, kpi, rows } from './support';

describe('CMO report (small fixture)', () => {
  const m = cmoReport(fixtureInput());

  it('has the common shape', () => expectCommonShape(m));

  it('builds the channel × business matrix, leaving out vessel and property entities', () => {
    const t = m.tables[0];
    expect(t?.columns).toEqual(['Channel', 'Boat Co', 'Haul Co', 'Agency Co', 'Ship Delivery']);
    expect(rows(m, 'Visibility')).toEqual([
      ['Website', '● live', '○ none', '○ none', '○ none'],
      ['FareHarbor', '● live', '○ none', '○ none', '○ none'],
      ['Viator', '◐ planned', '○ none', '○ none', '○ none'],
    ]);
    // 2 live of 4 declared
    expect(kpi(m, 'Live channels').value).toBe('2 of 4');
    expect(kpi(m, 'Businesses with no live channel').value).toBe('3');
  });

  it('orders the listing sequence and turns pending steps into milestones', () => {
    expect(rows(m, 'Booking-site listing sequence')).toEqual([
      ['1', 'FareHarbor', 'live', ''],
      ['2', 'Viator', 'planned', 'FareHarbor reviews'],
    ]);
    expect(m.actionPlan[0]).toEqual({
      horizon: 30,
      action: 'List on Viator (waits for: FareHarbor reviews).',
      owner: 'Owner',
      priority: 1,
    });
  });

  it('models the campaign', () => {
    // 1000 × 0.5 × 0.1 × 0.2 = 10 buyers × $100 = $1,000
    expect(rows(m, 'Campaign model')[0]).toEqual([
      'Spring',
      '1,000',
      '50.0%',
      '10.0%',
      '20.0%',
      '$100',
      '10',
      '$1,000',
    ]);
    expect(kpi(m, 'Campaign expected revenue').value).toBe('$1,000');
  });
});
