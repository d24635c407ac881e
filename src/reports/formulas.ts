/**
 * The report formulas, each a small pure function. A formula that would divide by zero returns
 * `{ ok: false, reason }` ("not computable because …"), never Infinity or NaN.
 */
import type { Computed } from './model';
import type { Portfolio } from './portfolio';

/** Break-even charters per month = ceil(fixed monthly cost ÷ contribution per charter). */
export function breakEvenCharters(fixedMonthly: number, contributionPerCharter: Computed): Computed {
  if (!contributionPerCharter.ok) return contributionPerCharter;
  if (contributionPerCharter.value <= 0) {
    return {
      ok: false,
      reason: 'not computable because each charter contributes $0 or less (price ≤ variable cost)',
    };
  }
  // The epsilon keeps an exact multiple (3800 ÷ 950) from rounding up through float noise.
  const value = Math.ceil(fixedMonthly / contributionPerCharter.value - 1e-9);
  return { ok: true, value: Math.max(0, value) };
}

/** Runway in months = cash on hand ÷ net monthly burn. */
export function runwayMonths(cash: number, netBurn: Computed): Computed {
  if (!netBurn.ok) return netBurn;
  if (netBurn.value <= 0) {
    return {
      ok: false,
      reason: 'not computable because there is no net burn (cash flow is zero or positive)',
    };
  }
  return { ok: true, value: cash / netBurn.value };
}

/**
 * Contribution per charter = Σ mix × (price − variable cost) ÷ Σ mix over the charter streams
 * (equal weights when no mix is given).
 */
export function contributionPerCharter(
  streams: Portfolio['revenueStreams'],
  scope = 'the portfolio',
): Computed {
  const charters = streams.filter((s) => s.unit === 'charter');
  if (charters.length === 0) {
    return { ok: false, reason: `not computable because ${scope} has no revenue stream sold per charter` };
  }
  const weights = charters.map((s) => s.mix ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return { ok: false, reason: 'not computable because every charter stream has a mix of 0' };
  const sum = charters.reduce((acc, s, i) => acc + (weights[i] ?? 0) * (s.price - s.variableCost), 0);
  return { ok: true, value: sum / total };
}

/** Average price per charter, weighted by mix like the contribution. */
export function averageCharterPrice(streams: Portfolio['revenueStreams'], scope = 'the portfolio'): Computed {
  const charters = streams.filter((s) => s.unit === 'charter');
  const weights = charters.map((s) => s.mix ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  if (charters.length === 0 || total <= 0) {
    return { ok: false, reason: `not computable because ${scope} has no revenue stream sold per charter` };
  }
  return { ok: true, value: charters.reduce((acc, s, i) => acc + (weights[i] ?? 0) * s.price, 0) / total };
}

/** A ratio a ÷ b, not computable when b is zero. */
export function ratio(a: number, b: number, what: string): Computed {
  if (b === 0) return { ok: false, reason: `not computable because ${what} is zero` };
  return { ok: true, value: a / b };
}

/** Expected campaign revenue = list size × open rate × click rate × conversion rate × price. */
export function campaignRevenue(c: {
  listSize: number;
  openRate: number;
  clickRate: number;
  conversionRate: number;
  price: number;
}): { buyers: number; revenue: number } {
  const buyers = c.listSize * c.openRate * c.clickRate * c.conversionRate;
  return { buyers, revenue: buyers * c.price };
}
