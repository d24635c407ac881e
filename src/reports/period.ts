/**
 * The period a report is about: a month, and the instant its figures are computed at. The current
 * month is reported to date (MTD, "Nov 2026 MTD (to 25 Nov)"); a past month is reported as of its
 * last instant, complete.
 */
import {
  DEFAULT_TIMEZONE,
  dayKey,
  dayLabel,
  daysInMonth,
  endOfMonth,
  isMonth,
  monthKey,
  monthLabel,
} from './months';

/** The month a report covers and where within it the report stands. */
export interface ReportPeriod {
  /** `YYYY-MM`. */
  month: string;
  /** The instant the report is computed at: now for the current month, else the month's end. */
  asOf: Date;
  /** False for the current month (month to date). */
  complete: boolean;
  /** The last day covered, `YYYY-MM-DD`. */
  through: string;
  /** `Oct 2026` or `Nov 2026 MTD (to 25 Nov)`. */
  label: string;
  timezone: string;
}

/** Why a requested month cannot be reported. */
export type PeriodProblem = 'future' | 'malformed';

/**
 * The period for `month` (default: the current month, to date). A month after the current one is
 * refused; so is anything that is not `YYYY-MM`.
 */
export function reportPeriod(
  now: Date,
  month?: string,
  timezone: string = DEFAULT_TIMEZONE,
): { ok: true; period: ReportPeriod } | { ok: false; problem: PeriodProblem } {
  const current = monthKey(now, timezone);
  const m = month ?? current;
  if (!isMonth(m)) return { ok: false, problem: 'malformed' };
  if (m > current) return { ok: false, problem: 'future' };
  if (m === current) {
    const through = dayKey(now, timezone);
    return {
      ok: true,
      period: {
        month: m,
        asOf: now,
        // The current month is reported to date even on its last day: its lines may still arrive.
        complete: false,
        through,
        label: `${monthLabel(m)} MTD (to ${dayLabel(through)})`,
        timezone,
      },
    };
  }
  const asOf = endOfMonth(m, timezone);
  return {
    ok: true,
    period: {
      month: m,
      asOf,
      complete: true,
      through: `${m}-${String(daysInMonth(m)).padStart(2, '0')}`,
      label: monthLabel(m),
      timezone,
    },
  };
}

/** The period for a month known to be valid (tests, internal callers); throws otherwise. */
export function periodOf(now: Date, month?: string, timezone?: string): ReportPeriod {
  const p = reportPeriod(now, month, timezone);
  if (!p.ok) throw new Error(`no report period for ${month ?? 'now'}: ${p.problem}`);
  return p.period;
}
