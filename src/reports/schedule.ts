/**
 * When scheduled reports are due. Weekly reports go out on Monday from 07:00 and monthly ones on
 * the 1st from 07:00 (the business's zone), the monthly one about the month just closed. A slot is
 * due from its time until it is claimed, so a sweep every 15 minutes sends it within 15 minutes
 * and a sweep that was down catches up once; the claim (a conditional write per period, in
 * `store/report-schedules.ts`) makes sure it is sent once. A schedule set after a slot waits for
 * the next one.
 */
import { TZDate } from '@date-fns/tz';
import { getISOWeek, getISOWeekYear } from 'date-fns';
import type { ReportSchedule } from '../store/report-schedules';
import { addMonths, DEFAULT_TIMEZONE, monthKey } from './months';

/** The local hour scheduled reports go out at. */
export const SCHEDULE_HOUR = 7;

/** A scheduled report that is due now. */
export interface DueReport {
  schedule: ReportSchedule;
  /** The period it is sent for: `2026-W48` (weekly) or `2026-12` (monthly, sent on 1 Dec). */
  period: string;
  /** The slot's time. */
  slot: Date;
  /** The month to report: the month just closed for monthly reports; the current one (to date) for weekly. */
  month?: string;
}

/** The current week's slot (Monday 07:00 local) and its ISO week. */
export function weeklySlot(now: Date, timezone: string = DEFAULT_TIMEZONE): { slot: Date; period: string } {
  const local = new TZDate(now.getTime(), timezone);
  const back = (local.getDay() + 6) % 7;
  const monday = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() - back,
    SCHEDULE_HOUR,
    0,
    0,
    0,
    timezone,
  );
  // ISO weeks are calendar arithmetic on the local date, whatever the zone.
  const day = new Date(Date.UTC(monday.getFullYear(), monday.getMonth(), monday.getDate()));
  const week = getISOWeek(day);
  return {
    slot: new Date(monday.getTime()),
    period: `${getISOWeekYear(day)}-W${String(week).padStart(2, '0')}`,
  };
}

/** The current month's slot (the 1st, 07:00 local). */
export function monthlySlot(now: Date, timezone: string = DEFAULT_TIMEZONE): { slot: Date; period: string } {
  const local = new TZDate(now.getTime(), timezone);
  const first = new TZDate(local.getFullYear(), local.getMonth(), 1, SCHEDULE_HOUR, 0, 0, 0, timezone);
  return { slot: new Date(first.getTime()), period: monthKey(first, timezone) };
}

/**
 * The scheduled reports due at `now`: each schedule whose current slot has come and was set before
 * it. The caller claims each `period` before sending (so nothing is sent twice).
 */
export function dueScheduledReports(
  now: Date,
  schedules: readonly ReportSchedule[],
  timezone: string = DEFAULT_TIMEZONE,
): DueReport[] {
  const out: DueReport[] = [];
  for (const schedule of schedules) {
    const { slot, period } =
      schedule.cadence === 'weekly' ? weeklySlot(now, timezone) : monthlySlot(now, timezone);
    if (now.getTime() < slot.getTime()) continue;
    if (Date.parse(schedule.setAt) > slot.getTime()) continue;
    out.push({
      schedule,
      period,
      slot,
      ...(schedule.cadence === 'monthly' ? { month: addMonths(period, -1) } : {}),
    });
  }
  return out;
}
