/** The billing report: the agency's clients, retainers, unbilled work and billing gaps (named from the portfolio). */

import { figure, figureNote } from '../definitions';
import { agree, count, pct, plural, show, usd } from '../format';
import { ratio } from '../formulas';
import type { Action, Gap, ReportInput, ReportModel } from '../model';
import { ignoredEntityNotice, notices, riskMatrix, sortActions, sortGaps } from '../model';
import { dayKey, daysBetween, monthKey } from '../months';
import { barsChart } from '../sections';

/** Unbilled work older than this many days is a high-severity gap. */
export const STALE_UNBILLED_DAYS = 30;

/** Builds the billing report. */
export function billingReport(input: ReportInput): ReportModel {
  const { portfolio, now } = input;
  const agency = portfolio.agency;
  const today = dayKey(now, input.timezone);
  const thisMonth = monthKey(now, input.timezone);
  const clients = agency?.clients ?? [];
  const unbilled = agency?.unbilled ?? [];
  const active = clients.filter((c) => c.status === 'active');
  const mrr = active.reduce((a, c) => a + c.retainerMonthly, 0);
  const unbilledTotal = unbilled.reduce((a, u) => a + u.hours * u.rate, 0);
  const notInvoiced = active.filter((c) => !c.lastInvoiced || c.lastInvoiced.slice(0, 7) < thisMonth);
  const noContract = active.filter((c) => !c.contract);
  const stale = unbilled.filter((u) => daysBetween(u.completedOn, today) > STALE_UNBILLED_DAYS);
  const largest = [...active].sort((a, b) => b.retainerMonthly - a.retainerMonthly)[0];
  const concentration = ratio(largest?.retainerMonthly ?? 0, mrr, 'monthly retainer revenue');
  const agencyName = agency
    ? (portfolio.entities.find((e) => e.id === agency.entity)?.name ?? agency.entity)
    : undefined;
  const scopeKey = agency?.entity ?? 'agency';
  const figures = [
    figure(
      `retainers:${scopeKey}`,
      'Retainers / month',
      'usd',
      mrr,
      `Σ monthly retainer of ${plural(active.length, 'active client')} = ${usd(mrr)}`,
    ),
    figure(
      `unbilled:${scopeKey}`,
      'Unbilled work',
      'usd',
      unbilledTotal,
      `Σ hours × rate of ${plural(unbilled.length, 'item')} = ${usd(unbilledTotal)}`,
    ),
  ];
  const chart = barsChart(
    'retainer-per-client',
    'Retainer per active client',
    'usd',
    active.map((c) => ({ label: c.name, value: c.retainerMonthly })),
  );

  const gaps: Gap[] = [];
  for (const c of notInvoiced) {
    gaps.push({
      text: `${c.name} has not been invoiced this month (last: ${c.lastInvoiced ?? 'never'}).`,
      severity: 'high',
    });
  }
  for (const u of stale) {
    gaps.push({
      text: `${u.client}: "${u.description}" (${usd(u.hours * u.rate)}) finished ${u.completedOn} and is still unbilled.`,
      severity: 'high',
    });
  }
  for (const c of noContract)
    gaps.push({ text: `${c.name} pays a retainer without a signed contract.`, severity: 'medium' });
  if (concentration.ok && concentration.value > 0.4) {
    gaps.push({
      text: `${largest?.name} is ${pct(concentration.value)} of retainer revenue.`,
      severity: 'medium',
    });
  }

  const actions: Action[] = [];
  if (notInvoiced.length > 0)
    actions.push({
      horizon: 30,
      action: `Invoice ${notInvoiced.map((c) => c.name).join(', ')} for this month.`,
      owner: 'Owner',
      priority: 1,
    });
  if (unbilled.length > 0)
    actions.push({
      horizon: 30,
      action: `Bill the ${usd(unbilledTotal)} of unbilled work.`,
      owner: 'Owner',
      priority: 1,
    });
  if (noContract.length > 0)
    actions.push({
      horizon: 60,
      action: `Sign retainer contracts with ${noContract.map((c) => c.name).join(', ')}.`,
      owner: 'Owner',
      priority: 2,
    });
  actions.push({
    horizon: 90,
    action: 'Invoice retainers automatically on the 1st (Stripe subscriptions).',
    owner: 'Owner',
    priority: 3,
  });

  return {
    kind: 'billing',
    title: agencyName ? `Billing report: ${agencyName}` : 'Billing report',
    ...(agency ? { entity: agency.entity } : {}),
    ...(portfolio.brand ? { brand: portfolio.brand } : {}),
    generatedAt: now.toISOString(),
    ...notices(
      ignoredEntityNotice(input.entity, {
        ...(agency ? { id: agency.entity } : {}),
        label: "the agency's clients and billing",
      }),
    ),
    summary: [
      agency
        ? `${plural(active.length, 'active client')} ${agree(active.length, 'pays', 'pay')} ${usd(mrr)} a month in retainers.`
        : 'The portfolio has no agency section (clients, retainers): nothing to check.',
      unbilled.length > 0
        ? `${usd(unbilledTotal)} of finished work is unbilled, ${count(stale.length)} ${stale.length === 1 ? 'item' : 'items'} older than ${STALE_UNBILLED_DAYS} days.`
        : 'No unbilled work is on record: nothing to check.',
      active.length === 0
        ? 'There is no active client, so no invoice is due: nothing to check.'
        : notInvoiced.length > 0
          ? `${count(notInvoiced.length)} active ${notInvoiced.length === 1 ? 'client has' : 'clients have'} not been invoiced this month.`
          : 'Every active client has been invoiced this month.',
      largest
        ? `The largest client, ${largest.name}, is ${show(concentration, pct)} of retainer revenue.`
        : 'There are no active clients.',
    ],
    kpis: [
      { label: 'Retainers / month', value: usd(mrr), status: 'info' },
      {
        label: 'Unbilled work',
        value: usd(unbilledTotal),
        target: '$0',
        status: unbilledTotal > 0 ? 'bad' : 'good',
      },
      {
        label: 'Not invoiced this month',
        value: count(notInvoiced.length),
        target: '0',
        status: notInvoiced.length ? 'bad' : 'good',
      },
      {
        label: 'Largest client share',
        value: show(concentration, pct),
        target: `≤ ${pct(0.4)}`,
        status: concentration.ok && concentration.value > 0.4 ? 'warn' : 'good',
      },
    ],
    findings: clients.map(
      (c) =>
        `${c.name}: ${c.status}, ${usd(c.retainerMonthly)}/mo, last invoiced ${c.lastInvoiced ?? 'never'}${c.contract ? '' : ', no contract'}.`,
    ),
    gaps: sortGaps(gaps),
    actionPlan: sortActions(actions),
    risks: agency
      ? riskMatrix(portfolio, agency.entity).filter(
          (r) => portfolio.risks.find((x) => x.id === r.id)?.entity === agency.entity,
        )
      : [],
    tables: [
      {
        title: 'Clients and retainers',
        columns: ['Client', 'Status', 'Retainer', 'Contract', 'Last invoiced'],
        numeric: [2],
        rows: clients.map((c) => [
          c.name,
          c.status,
          usd(c.retainerMonthly),
          c.contract ? 'yes' : 'NO',
          c.lastInvoiced ?? 'never',
        ]),
      },
      {
        title: 'Unbilled work',
        columns: ['Client', 'Work', 'Hours', 'Rate', 'Amount', 'Age (days)'],
        numeric: [2, 3, 4, 5],
        rows: unbilled.map((u) => [
          u.client,
          u.description,
          String(u.hours),
          usd(u.rate),
          usd(u.hours * u.rate),
          count(daysBetween(u.completedOn, today)),
        ]),
      },
    ],
    charts: chart ? [chart] : [],
    figures,
    keyFigures: figures.map((x) => x.id),
    footnotes: [
      ...figures.map(figureNote),
      'Unbilled work: age = days since finished.',
      'Largest client share = largest active retainer ÷ Σ active retainers.',
      'Not invoiced this month = active clients whose last invoice is before the current month.',
    ],
  };
}
