/** The delivery report: Expert Yacht Delivery's jobs, miles, revenue per mile and margin. */
import { count, pct, plural, show, usd } from '../format';
import { ratio } from '../formulas';
import type { Action, Gap, ReportInput, ReportModel } from '../model';
import { ignoredEntityNotice, notices, sortActions, sortGaps } from '../model';
import type { Portfolio } from '../portfolio';

type Job = Portfolio['deliveryJobs'][number];

/** Jobs that count as done work (booked or quoted jobs are pipeline). */
export function doneJobs(jobs: readonly Job[]): Job[] {
  return jobs.filter((j) => j.status === 'completed' || j.status === 'invoiced' || j.status === 'paid');
}

/** Builds the delivery report. */
export function deliveryReport(input: ReportInput): ReportModel {
  const { portfolio, now } = input;
  const jobs = portfolio.deliveryJobs;
  const done = doneJobs(jobs);
  const pipeline = jobs.filter((j) => j.status === 'booked' || j.status === 'quoted');
  const miles = done.reduce((a, j) => a + j.miles, 0);
  const revenue = done.reduce((a, j) => a + j.revenue, 0);
  const costs = done.reduce((a, j) => a + j.costs, 0);
  const perMile = ratio(revenue, miles, 'the miles delivered');
  const margin = ratio(revenue - costs, revenue, 'the revenue');
  const unpaid = jobs.filter((j) => j.status === 'invoiced' || j.status === 'completed');
  const unpaidTotal = unpaid.reduce((a, j) => a + j.revenue, 0);
  const entity = portfolio.entities.find((e) => e.kind === 'delivery');
  const stream = portfolio.revenueStreams.find((s) => s.entity === entity?.id);
  const liveChannels = portfolio.channels.filter((c) => c.entity === entity?.id && c.status === 'live');
  const thin = done.filter((j) => j.revenue > 0 && (j.revenue - j.costs) / j.revenue < 0.4);

  const gaps: Gap[] = [];
  if (stream && !stream.tracked)
    gaps.push({ text: 'Delivery revenue is not tracked in its own account.', severity: 'medium' });
  if (liveChannels.length === 0)
    gaps.push({ text: 'Expert Yacht Delivery has no live marketing channel.', severity: 'high' });
  for (const j of unpaid)
    gaps.push({
      text: `${j.id} (${j.vessel}) is ${j.status} but unpaid: ${usd(j.revenue)}.`,
      severity: 'medium',
    });
  for (const j of thin)
    gaps.push({
      text: `${j.id} earned a thin margin of ${pct((j.revenue - j.costs) / j.revenue)}.`,
      severity: 'low',
    });

  const actions: Action[] = [];
  if (unpaid.length > 0)
    actions.push({
      horizon: 30,
      action: `Collect ${usd(unpaidTotal)} on ${unpaid.map((j) => j.id).join(', ')}.`,
      owner: 'Captain',
      priority: 1,
    });
  if (liveChannels.length === 0)
    actions.push({
      horizon: 60,
      action: 'Publish a one-page site and a Google Business Profile for deliveries.',
      owner: 'Captain',
      priority: 2,
    });
  if (thin.length > 0)
    actions.push({
      horizon: 90,
      action: 'Quote short coastal runs with a minimum fee to protect margin.',
      owner: 'Captain',
      priority: 2,
    });

  return {
    kind: 'delivery',
    title: 'Delivery report: Expert Yacht Delivery',
    ...(entity ? { entity: entity.id } : {}),
    generatedAt: now.toISOString(),
    ...notices(
      ignoredEntityNotice(input.entity, {
        ...(entity ? { id: entity.id } : {}),
        label: `the delivery business${entity ? `, ${entity.name}` : ''}`,
      }),
    ),
    summary: [
      `${plural(done.length, 'delivery', 'deliveries')} covered ${plural(miles, 'mile')} for ${usd(revenue)} of revenue.`,
      `That is ${show(perMile, (n) => usd(n, true))} per mile at a ${show(margin, pct)} margin.`,
      `${count(pipeline.length)} more ${pipeline.length === 1 ? 'job is' : 'jobs are'} booked or quoted, worth ${usd(pipeline.reduce((a, j) => a + j.revenue, 0))}.`,
      unpaid.length > 0
        ? `${usd(unpaidTotal)} is invoiced or done but not yet paid.`
        : 'Every finished job is paid.',
    ],
    kpis: [
      { label: 'Deliveries done', value: count(done.length), status: 'info' },
      { label: 'Miles', value: count(miles), status: 'info' },
      {
        label: 'Revenue per mile',
        value: show(perMile, (n) => usd(n, true)),
        status: perMile.ok ? 'good' : 'warn',
      },
      {
        label: 'Margin',
        value: show(margin, pct),
        target: '≥ 40.0%',
        status: margin.ok && margin.value >= 0.4 ? 'good' : 'warn',
      },
      { label: 'Unpaid', value: usd(unpaidTotal), target: '$0', status: unpaidTotal > 0 ? 'warn' : 'good' },
    ],
    findings: jobs.map(
      (j) =>
        `${j.id} ${j.from} → ${j.to} (${count(j.miles)} mi): ${usd(j.revenue)} revenue, ${usd(j.costs)} costs, ${j.status}.`,
    ),
    gaps: sortGaps(gaps),
    actionPlan: sortActions(actions),
    tables: [
      {
        title: 'Jobs',
        columns: ['Job', 'Date', 'Vessel', 'Route', 'Miles', 'Revenue', 'Costs', '$/mile', 'Status'],
        numeric: [4, 5, 6, 7],
        rows: jobs.map((j) => [
          j.id,
          j.date,
          j.vessel,
          `${j.from} → ${j.to}`,
          count(j.miles),
          usd(j.revenue),
          usd(j.costs),
          show(ratio(j.revenue, j.miles, 'miles'), (n) => usd(n, true)),
          j.status,
        ]),
      },
    ],
    charts: [
      {
        title: 'Revenue per job',
        bars: jobs.map((j) => ({ label: j.id, value: j.revenue, display: usd(j.revenue) })),
      },
    ],
    footnotes: [
      'Done jobs = completed, invoiced or paid; booked and quoted jobs are pipeline.',
      'Revenue per mile = Σ revenue ÷ Σ miles of done jobs.',
      'Margin = (Σ revenue − Σ costs) ÷ Σ revenue of done jobs.',
    ],
  };
}
