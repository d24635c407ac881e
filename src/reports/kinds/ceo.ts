/** The CEO report: assets across entities, revenue tracking gaps, the sail pipeline, top risks, the 30-day agenda. */

import { formatLocal } from '../../sails/timing';
import { ALL, figureNote, financeOf, uniqueFigures } from '../definitions';
import { agree, count, plural, usd } from '../format';
import type { Action, Gap, ReportInput, ReportModel, Severity } from '../model';
import { ignoredEntityNotice, notices, riskMatrix, sortActions, sortGaps } from '../model';
import { DEFAULT_TIMEZONE, monthLabel } from '../months';
import { barsChart, cashChart, doubleBookingGaps, sailsNotice } from '../sections';
import { accountingReport } from './accounting';
import { billingReport } from './billing';
import { cfoReport } from './cfo';
import { cmoReport } from './cmo';
import { ctoReport } from './cto';
import { deliveryReport } from './delivery';
import { rentalReport } from './rental';

/** How the CEO report marks its own revenue tracking gaps. */
const TRACKING = 'revenue';

/**
 * Gaps listed once per text (several reports find the same one), tagged with every report that
 * found it and kept at the highest severity any gave it; sorted high → low.
 */
export function mergeGaps(found: readonly (Gap & { source: string })[]): Gap[] {
  const rank: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
  const byText = new Map<string, { severity: Severity; sources: string[] }>();
  for (const g of found) {
    const seen = byText.get(g.text);
    if (!seen) byText.set(g.text, { severity: g.severity, sources: [g.source] });
    else {
      if (!seen.sources.includes(g.source)) seen.sources.push(g.source);
      if (rank[g.severity] < rank[seen.severity]) seen.severity = g.severity;
    }
  }
  return sortGaps(
    [...byText].map(([text, g]) => ({ text: `[${g.sources.join(', ')}] ${text}`, severity: g.severity })),
  );
}

/**
 * A report's first summary sentence as a CEO finding, headed by the report's name; a title's
 * subject (`Rental report: 3028 51st St…`) is not repeated when the sentence already names it.
 */
export function findingOf(r: Pick<ReportModel, 'title' | 'summary'>): string {
  const sentence = r.summary[0] ?? '';
  const cut = r.title.indexOf(': ');
  if (cut < 0) return `${r.title}: ${sentence}`;
  const name = r.title.slice(0, cut);
  const subject = r.title.slice(cut + 2);
  return sentence.includes(subject) ? `${name}: ${sentence}` : `${name} (${subject}): ${sentence}`;
}

/** Builds the CEO report, drawing its agenda from every other report's top 30-day action. */
export function ceoReport(input: ReportInput): ReportModel {
  const { portfolio, now } = input;
  const f = financeOf(input);
  const books = f.books;
  const assets = portfolio.assets;
  const assetValue = assets.reduce((a, x) => a + x.value, 0);
  const debt = assets.reduce((a, x) => a + (x.financing?.balance ?? 0), 0);
  const cash = f.cash(ALL);
  const fixed = f.fixedCosts(ALL);
  const burn = f.netBurn(ALL);
  const runway = f.runway(ALL);
  const sailsKnown = f.sailsUnavailable === undefined;
  const booked = f.sails
    .filter((s) => !s.completed && s.departAt > f.period.asOf)
    .sort((a, b) => a.departAt.getTime() - b.departAt.getTime());
  const pipeline = booked.reduce((a, s) => a + f.sailPrice(s), 0);
  const guests = booked.reduce((a, s) => a + s.guests, 0);
  const seats = booked.reduce((a, s) => a + (s.capacity ?? 0), 0);
  const risks = riskMatrix(portfolio).slice(0, 5);

  // The latest complete month with ledger data: a month without data says nothing about income.
  const lastMonth = f.burnWindow().withData.at(-1);
  const trackingGaps: Gap[] = [];
  for (const e of portfolio.entities) {
    const streams = portfolio.revenueStreams.filter((s) => s.entity === e.id);
    if (e.kind === 'vessel') continue;
    if (streams.length === 0)
      trackingGaps.push({ text: `${e.name} has no revenue stream defined.`, severity: 'medium' });
    for (const s of streams.filter((x) => !f.streamTracked(x))) {
      trackingGaps.push({
        text: `${e.name}: "${s.name}" has no lines in the books${s.account ? ` (account ${s.account})` : ''}.`,
        severity: 'medium',
      });
    }
    if (
      lastMonth &&
      streams.length > 0 &&
      streams.some((x) => f.streamTracked(x)) &&
      f.month(e.id, lastMonth).revenueTotal === 0
    ) {
      trackingGaps.push({
        text: `${e.name} booked no income in ${monthLabel(lastMonth)}.`,
        severity: 'high',
      });
    }
  }
  if (books.uncategorised.length > 0) {
    trackingGaps.push({
      text: `${plural(books.uncategorised.length, 'ledger line')} ${agree(books.uncategorised.length, 'is', 'are')} uncategorised.`,
      severity: 'low',
    });
  }

  const others = [
    cfoReport,
    ctoReport,
    cmoReport,
    accountingReport,
    rentalReport,
    deliveryReport,
    billingReport,
  ].map((f) => f({ ...input, entity: undefined }));
  const agenda: Action[] = others.flatMap((r) => {
    const top = sortActions(r.actionPlan.filter((a) => a.horizon === 30))[0];
    return top ? [{ ...top, action: `[${r.kind.toUpperCase()}] ${top.action}` }] : [];
  });
  const actions: Action[] = [
    ...agenda,
    ...risks
      .filter((r) => r.score >= 12)
      .map(
        (r): Action => ({
          horizon: 60,
          action: `Mitigate ${r.id}: ${r.mitigation}.`,
          owner: r.owner,
          priority: 2,
        }),
      ),
  ];
  const gaps = mergeGaps([
    ...trackingGaps.map((g) => ({ ...g, source: TRACKING })),
    ...doubleBookingGaps(f).map((g) => ({ ...g, source: 'sails' })),
    ...others.flatMap((r) =>
      r.gaps.filter((g) => g.severity === 'high').map((g) => ({ ...g, source: r.kind })),
    ),
  ]);
  const bySeverity = (s: Severity) => gaps.filter((g) => g.severity === s).length;
  const tracked = gaps.filter((g) => g.text.startsWith(`[${TRACKING}`)).length;
  const agendaItems = actions.filter((a) => a.horizon === 30).length;

  return {
    kind: 'ceo',
    title: 'CEO report',
    ...(portfolio.brand ? { brand: portfolio.brand } : {}),
    period: { month: f.period.month, label: f.period.label },
    generatedAt: now.toISOString(),
    ...notices([...sailsNotice(f), ...ignoredEntityNotice(input.entity, { label: 'the whole portfolio' })]),
    summary: [
      `The ${plural(portfolio.entities.length, 'entity', 'entities')} ${agree(portfolio.entities.length, 'holds', 'hold')} ${usd(assetValue)} of assets against ${usd(debt)} of debt, and ${cash.display} in cash; fixed costs are ${fixed.display} a month and ${burn.value === undefined ? `net burn is n/a` : burn.value > 0 ? `net burn ${burn.display} (runway ${runway.display})` : `the books gained ${usd(-burn.value)} a month (no net burn)`}.`,
      sailsKnown
        ? `${plural(booked.length, 'future sail')} ${booked.length === 1 ? 'is' : 'are'} booked with ${plural(guests, 'guest')} invited${booked.length > 0 ? ` (of ${plural(seats, 'seat')})` : ''}, worth about ${usd(pipeline)}.`
        : 'The booked pipeline is unknown: the sails could not be read.',
      `The top risk is ${risks[0] ? `${risks[0].title} (score ${risks[0].score} of 25)` : 'not recorded'}.`,
      `${plural(gaps.length, 'gap')} ${agree(gaps.length, 'needs', 'need')} attention (${count(bySeverity('high'))} high, ${count(bySeverity('medium'))} medium, ${count(bySeverity('low'))} low severity), ${count(tracked)} of them revenue tracking (marked [${TRACKING}]); the 30-day agenda below has ${plural(agendaItems, 'item')}.`,
    ],
    kpis: [
      { label: 'Asset value', value: usd(assetValue), status: 'info' },
      { label: 'Equity in assets', value: usd(assetValue - debt), status: 'info' },
      { label: 'Cash', value: cash.display, status: 'info' },
      { label: 'Fixed costs / month (gross burn)', value: fixed.display, status: 'info' },
      {
        label: 'Booked pipeline',
        value: sailsKnown ? `${usd(pipeline)} (${plural(booked.length, 'sail')})` : 'n/a',
        status: sailsKnown && booked.length > 0 ? 'good' : 'warn',
      },
      {
        label: 'Top risk score',
        value: risks[0] ? `${risks[0].score} / 25` : 'n/a',
        target: '< 12',
        status: risks[0] && risks[0].score >= 12 ? 'bad' : 'good',
      },
    ],
    findings: others.map(findingOf),
    gaps,
    actionPlan: sortActions(actions),
    risks,
    tables: [
      {
        title: 'Asset inventory',
        columns: ['Asset', 'Type', 'Entity', 'Value', 'Debt', 'Equity'],
        numeric: [3, 4, 5],
        rows: [
          ...assets.map((a) => [
            a.name,
            a.type,
            a.entity,
            usd(a.value),
            usd(a.financing?.balance ?? 0),
            usd(a.value - (a.financing?.balance ?? 0)),
          ]),
          ['Total', '', '', usd(assetValue), usd(debt), usd(assetValue - debt)],
        ],
      },
      {
        title: 'Pipeline: booked sails',
        columns: ['Sail', 'Departs', 'Status', 'Guests invited', 'Capacity', 'Revenue'],
        numeric: [3, 4, 5],
        rows: booked.map((s) => [
          s.id,
          formatLocal(s.departAt, input.timezone ?? DEFAULT_TIMEZONE, 'EEE d MMM yyyy, HH:mm zzz'),
          s.status,
          count(s.guests),
          s.capacity === undefined ? 'n/a' : count(s.capacity),
          usd(f.sailPrice(s)),
        ]),
      },
    ],
    charts: [
      cashChart(f, ALL),
      barsChart(
        'asset-value-by-entity',
        'Asset value by entity',
        'usd',
        portfolio.entities
          .map((e) => ({
            label: e.name,
            value: assets.filter((a) => a.entity === e.id).reduce((x, a) => x + a.value, 0),
          }))
          .filter((b) => b.value > 0),
      ),
    ].filter((c) => c !== undefined),
    figures: uniqueFigures([cash, fixed, burn, runway]),
    keyFigures: [cash.id, fixed.id, burn.id, runway.id],
    footnotes: [
      ...uniqueFigures([cash, fixed, burn, runway]).map(figureNote),
      'Equity = asset value − financing balance.',
      'Pipeline = future sails not cancelled, at their price or the average charter price (Σ mix × price ÷ Σ mix).',
      "Guests = guests invited to each booked sail (its guest list); capacity is the sail's seats for guests, not bookings.",
      'Risk score = likelihood × impact (each 1–5).',
      'The 30-day agenda is the most urgent 30-day action of each other report, plus mitigation of risks scoring 12 or more.',
      `Gaps: the revenue tracking gaps (marked [${TRACKING}]) and every other report's high-severity gaps, each listed once with the reports that found it.`,
      `A revenue tracking gap is a stream with no lines in the books, or an entity with streams but no income in ${lastMonth ? monthLabel(lastMonth) : 'the latest complete month with ledger data (none has data)'}.`,
    ],
  };
}
