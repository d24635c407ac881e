/**
 * Sends the scheduled reports that are due: the nudge sweep calls `runScheduledReports` on every
 * run (the `ptb_nudge` rule, every 15 minutes). Each due period is claimed with a conditional write
 * before its job is queued, so it is sent once; the job emails `REPORT_RECIPIENTS` only (no
 * channel post) and DMs the admin who set the schedule if it fails.
 */
import { isReportKind } from '../reports/model';
import { type DueReport, dueScheduledReports } from '../reports/schedule';
import type { ReportScheduleStore } from '../store/report-schedules';
import type { ReportJobPayload } from './report-job';

/** What the scheduled-report check needs. */
export interface ScheduledReportDeps {
  schedules: ReportScheduleStore;
  /** Queues a `report` job (the job dispatcher). */
  dispatch: (payload: ReportJobPayload, opts: { jobId: string }) => Promise<unknown>;
  timezone?: string;
}

/** What one check did. */
export interface ScheduledReportsRun {
  due: number;
  sent: DueReport[];
  /** Already claimed by an earlier sweep. */
  taken: number;
}

/** Checks the schedules at `now`, claims each due period and queues its report. */
export async function runScheduledReports(
  now: Date,
  deps: ScheduledReportDeps,
): Promise<ScheduledReportsRun> {
  const due = dueScheduledReports(now, await deps.schedules.list(), deps.timezone);
  const sent: DueReport[] = [];
  let taken = 0;
  for (const d of due) {
    const kind = d.schedule.kind;
    if (!isReportKind(kind)) continue;
    if ((await deps.schedules.claim(d.schedule, d.period, now)) === 'taken') {
      taken += 1;
      continue;
    }
    const scope = d.schedule.entity ?? 'all';
    try {
      await deps.dispatch(
        {
          kind,
          ...(d.schedule.entity ? { entity: d.schedule.entity } : {}),
          ...(d.month ? { month: d.month } : {}),
          requestedBy: d.schedule.setBy,
          scheduled: { cadence: d.schedule.cadence, period: d.period },
        },
        // The job id names the period, so even a second dispatch would run once.
        { jobId: `sched-${d.schedule.kind}-${scope}-${d.period}` },
      );
    } catch (err) {
      // Not queued: give the period back so the next sweep tries again, then let the caller see it.
      await deps.schedules.release(d.schedule, d.period);
      throw err;
    }
    sent.push(d);
  }
  return { due: due.length, sent, taken };
}
