/**
 * The delivery report: the delivery business's jobs, miles, revenue per mile and margin. Revenue
 * received comes from its income account in the ledger; the business is named from the portfolio.
 */
import { figureNote, financeOf } from '../definitions';
import { count, pct, plural, show, usd } from '../format';
import { ratio } from '../formulas';
import type { Action, Figure, Gap, ReportInput, ReportModel } from '../model';
import { ignoredEntityNotice, notices, sortActions, sortGaps } from '../model';
import type { Portfolio } from '../portfolio';
import { barsChart } from '../sections';

type Job = Portfolio['deliveryJobs'][number];

/** Jobs that count as done work (booked or quoted jobs are pipeline). */
export function doneJobs(jobs: readonly Job[]): Job[] {
  return jobs.filter((j) => j.status === 'completed' || j.status === 'invoiced' || j.status === 'paid');
}

function emptyReport(input: ReportInput): ReportModel {
  return {
    kind: 'delivery',
    title: 'Delivery report',
    generatedAt: input.now.toISOString(),
    ...(input.portfolio.brand ? { brand: input.portfolio.brand } : {}),
    ...notices(ignoredEntityNotice(input.entity, { label: 'the delivery business' })),
    summary: [
      'The portfolio has no delivery business (no entity of kind `delivery`): nothing to check.',
      'Add the business and its jobs (`deliveryJobs`) to the portfolio file and import it again.',
      'Every number in this report needs them.',
    ],
    kpis: [],
    findings: [],
    gaps: [],
    actionPlan: [],
    tables: [],
    charts: [],
    footnotes: ['Revenue per mile and margin need a delivery business and its jobs in the portfolio.'],
  };
}

/** Builds the delivery report. */
export function deliveryReport(input: ReportInput): ReportModel {
  const { portfolio, now } = input;
  const entity = portfolio.entities.find((e) => e.kind === 'delivery');
  if (!entity) return emptyReport(input);
  const f = financeOf(input);
  const jobs = portfolio.deliveryJobs;
  const done = doneJobs(jobs);
  const pipeline = jobs.filter((j) => j.status === 'booked' || j.status === 'quoted');
  const miles = done.reduce((a, j) => a + j.miles, 0);
  const earned = done.reduce((a, j) => a + j.revenue, 0);
  const costs = done.reduce((a, j) => a + j.costs, 0);
  const perMile = ratio(earned, miles, 'the miles delivered');
  const margin = ratio(earned - costs, earned, 'the revenue');
  const unpaid = jobs.filter((j) => j.status === 'invoiced' || j.status === 'completed');
  const unpaidTotal = unpaid.reduce((a, j) => a + j.revenue, 0);
  const streams = portfolio.revenueStreams.filter((s) => s.entity === entity.id);
  const accounts = [...new Set(streams.flatMap((s) => (s.account ? [s.account] : [])))];
  const received =
    accounts.length > 0
      ? accounts.reduce((a, code) => a + f.incomeReceived({ account: code, entity: entity.id }), 0)
      : f.incomeReceived({ entity: entity.id });
  const receivedFigure: Figure = {
    id: `revenue-received:${entity.id}`,
    label: `Revenue received (${entity.name})`,
    value: received,
    unit: 'usd',
    display: usd(received),
    formula: `Σ ledger lines in ${accounts.length > 0 ? `account ${accounts.join(', ')}` : "the entity's income accounts"} to ${f.period.through} = ${usd(received)}`,
  };
  const untracked = streams.filter((s) => !f.streamTracked(s));
  const liveChannels = portfolio.channels.filter((c) => c.entity === entity.id && c.status === 'live');
  const declaredChannels = portfolio.channels.filter((c) => c.entity === entity.id);
  const thin = done.filter((j) => j.revenue > 0 && (j.revenue - j.costs) / j.revenue < 0.4);

  const gaps: Gap[] = [];
  for (const s of untracked) {
    gaps.push({
      text: `${s.name} has no lines in the books${s.account ? ` (account ${s.account})` : ''}.`,
      severity: 'medium',
    });
  }
  if (declaredChannels.length > 0 && liveChannels.length === 0) {
    gaps.push({ text: `${entity.name} has no live marketing channel.`, severity: 'high' });
  }
  for (const j of unpaid) {
    gaps.push({
      text: `${j.id} (${j.vessel}) is ${j.status} but unpaid: ${usd(j.revenue)}.`,
      severity: 'medium',
    });
  }
  for (const j of thin) {
    gaps.push({
      text: `${j.id} earned a thin margin of ${pct((j.revenue - j.costs) / j.revenue)}.`,
      severity: 'low',
    });
  }

  const actions: Action[] = [];
  if (unpaid.length > 0) {
    actions.push({
      horizon: 30,
      action: `Collect ${usd(unpaidTotal)} on ${unpaid.map((j) => j.id).join(', ')}.`,
      owner: entity.owner ?? 'Owner',
      priority: 1,
    });
  }
  if (declaredChannels.length > 0 && liveChannels.length === 0) {
    actions.push({
      horizon: 60,
      action: `Publish a one-page site and a Google Business Profile for ${entity.name}.`,
      owner: entity.owner ?? 'Owner',
      priority: 2,
    });
  }
  if (thin.length > 0) {
    actions.push({
      horizon: 90,
      action: 'Quote short coastal runs with a minimum fee to protect margin.',
      owner: entity.owner ?? 'Owner',
      priority: 2,
    });
  }
  const chart = barsChart(
    'revenue-per-job',
    'Revenue per job',
    'usd',
    jobs.map((j) => ({ label: j.id, value: j.revenue })),
  );

  return {
    kind: 'delivery',
    title: `Delivery report: ${entity.name}`,
    entity: entity.id,
    ...(portfolio.brand ? { brand: portfolio.brand } : {}),
    period: { month: f.period.month, label: f.period.label },
    generatedAt: now.toISOString(),
    ...notices(
      ignoredEntityNotice(input.entity, { id: entity.id, label: `the delivery business, ${entity.name}` }),
    ),
    summary: [
      jobs.length === 0
        ? `${entity.name} has no jobs on record: nothing to check.`
        : `${plural(done.length, 'delivery', 'deliveries')} covered ${plural(miles, 'mile')} for ${usd(earned)} of job revenue.`,
      `The books show ${receivedFigure.display} of delivery revenue received${accounts.length > 0 ? ` (account ${accounts.join(', ')})` : ''}.`,
      `That is ${show(perMile, (n) => usd(n, true))} per mile at a ${show(margin, pct)} margin; ${count(pipeline.length)} more ${pipeline.length === 1 ? 'job is' : 'jobs are'} booked or quoted, worth ${usd(pipeline.reduce((a, j) => a + j.revenue, 0))}.`,
      done.length === 0
        ? 'No job is finished yet, so none is waiting to be paid.'
        : unpaid.length > 0
          ? `${usd(unpaidTotal)} is invoiced or done but not yet paid.`
          : 'Every finished job is paid.',
    ],
    kpis: [
      { label: 'Deliveries done', value: count(done.length), status: 'info' },
      { label: 'Miles', value: count(miles), status: 'info' },
      { label: 'Revenue received', value: receivedFigure.display, status: 'info' },
      {
        label: 'Revenue per mile',
        value: show(perMile, (n) => usd(n, true)),
        status: perMile.ok ? 'good' : 'warn',
      },
      {
        label: 'Margin',
        value: show(margin, pct),
        target: `≥ ${pct(0.4)}`,
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
    charts: chart ? [chart] : [],
    figures: [receivedFigure],
    keyFigures: [receivedFigure.id],
    footnotes: [
      figureNote(receivedFigure),
      'Done jobs = completed, invoiced or paid; booked and quoted jobs are pipeline.',
      'Revenue per mile = Σ job revenue ÷ Σ miles of done jobs (a unit rate, in cents).',
      'Margin = (Σ job revenue − Σ job costs) ÷ Σ job revenue of done jobs.',
    ],
  };
}
