/** The CMO report: channel × entity visibility, booking-site listing sequence, milestones, campaign model. */

import { figure, figureNote } from '../definitions';
import { agree, count, pct, plural, usd } from '../format';
import { campaignRevenue } from '../formulas';
import type { Action, Gap, Horizon, ReportInput, ReportModel } from '../model';
import { sortActions, sortGaps } from '../model';
import { barsChart } from '../sections';

const mark = { live: '● live', planned: '◐ planned', none: '○ none' } as const;

/** Builds the CMO report. */
export function cmoReport(input: ReportInput): ReportModel {
  const { portfolio, now, entity } = input;
  const channels = portfolio.channels.filter((c) => !entity || c.entity === entity);
  const entities = portfolio.entities
    .filter((e) => !entity || e.id === entity)
    .filter((e) => e.kind !== 'vessel' && e.kind !== 'property');
  const names = [...new Set(channels.map((c) => c.channel))];
  const cell = (e: string, ch: string) => channels.find((c) => c.entity === e && c.channel === ch);
  const live = channels.filter((c) => c.status === 'live');
  const spend = channels.reduce((a, c) => a + c.monthlyCost, 0);
  const cells = channels.filter((c) => entities.some((e) => e.id === c.entity)).length;
  const sequence = channels
    .filter((c) => c.listingOrder !== undefined)
    .sort((a, b) => (a.listingOrder ?? 0) - (b.listingOrder ?? 0));
  const pending = sequence.filter((c) => c.status !== 'live');
  const dark = entities.filter((e) => !channels.some((c) => c.entity === e.id && c.status === 'live'));
  const campaigns = portfolio.campaigns
    .filter((c) => !entity || c.entity === entity)
    .map((c) => ({ c, ...campaignRevenue(c) }));
  const campaignTotal = campaigns.reduce((a, x) => a + x.revenue, 0);
  const liveNoUrl = live.filter((c) => !c.url);

  const scopeKey = entity ?? 'all';
  const figures = [
    figure(
      `channel-spend:${scopeKey}`,
      'Channel spend / month',
      'usd',
      spend,
      `Σ monthly cost of ${plural(channels.length, 'channel')} = ${usd(spend)}`,
    ),
    figure(
      `live-channels:${scopeKey}`,
      'Live channels',
      'count',
      live.length,
      `${count(live.length)} of ${count(cells)} declared channels are live`,
    ),
  ];
  const chart = barsChart(
    'live-channels',
    'Live channels per business',
    'count',
    entities.map((e) => ({
      label: e.name,
      value: channels.filter((c) => c.entity === e.id && c.status === 'live').length,
    })),
  );

  const gaps: Gap[] = [];
  for (const e of dark) gaps.push({ text: `${e.name} has no live marketing channel.`, severity: 'high' });
  if (pending.length > 0) {
    gaps.push({
      text: `${plural(pending.length, 'booking site')} ${agree(pending.length, 'is', 'are')} not live yet: ${pending.map((c) => c.channel).join(', ')}.`,
      severity: 'medium',
    });
  }
  for (const c of liveNoUrl)
    gaps.push({
      text: `${c.channel} (${c.entity}) is live but has no listing URL on file.`,
      severity: 'low',
    });

  const horizons: Horizon[] = [30, 60, 90];
  const actions: Action[] = pending.slice(0, 3).map((c, i) => ({
    horizon: horizons[i] ?? 90,
    action: `List on ${c.channel}${c.waitsFor ? ` (waits for: ${c.waitsFor})` : ''}.`,
    owner: 'Owner',
    priority: i === 0 ? 1 : 2,
  }));
  for (const e of dark) {
    actions.push({
      horizon: 30,
      action: `Give ${e.name} a Google Business Profile and a website.`,
      owner: e.owner ?? 'Owner',
      priority: 1,
    });
  }
  const best = [...campaigns].sort((a, b) => b.revenue - a.revenue)[0];
  if (best) {
    actions.push({
      horizon: 60,
      action: `Run "${best.c.name}" (expected ${usd(best.revenue)}).`,
      owner: 'Owner',
      priority: 2,
    });
  }

  return {
    kind: 'cmo',
    title: entity
      ? `CMO report: ${portfolio.entities.find((e) => e.id === entity)?.name ?? entity}`
      : 'CMO report',
    ...(portfolio.brand ? { brand: portfolio.brand } : {}),
    ...(entity ? { entity } : {}),
    generatedAt: now.toISOString(),
    summary: [
      cells > 0
        ? `${count(live.length)} of ${plural(cells, 'declared channel')} across ${plural(entities.length, 'business', 'businesses')} ${agree(live.length, 'is', 'are')} live (${pct(live.length / cells)}).`
        : 'No marketing channels are declared: nothing to check.',
      entities.length === 0
        ? 'No marketed business is in scope: nothing to check.'
        : dark.length > 0
          ? `${dark.map((e) => e.name).join(' and ')} ${dark.length === 1 ? 'has' : 'have'} no live channel at all.`
          : `All ${plural(entities.length, 'business', 'businesses')} have at least one live channel.`,
      sequence.length === 0
        ? 'No booking sites are in the listing sequence: nothing to check.'
        : pending[0]
          ? `The next booking site to list is ${pending[0].channel}${pending[0].waitsFor ? `, which waits for ${pending[0].waitsFor}` : ''}.`
          : `All ${plural(sequence.length, 'booking site')} in the sequence ${agree(sequence.length, 'is', 'are')} live.`,
      `Channels cost ${usd(spend)} a month; the modelled campaigns would bring ${usd(campaignTotal)}.`,
    ],
    kpis: [
      {
        label: 'Live channels',
        value: `${count(live.length)} of ${count(cells)}`,
        status: cells && live.length / cells >= 0.5 ? 'good' : 'warn',
      },
      {
        label: 'Businesses with no live channel',
        value: count(dark.length),
        target: '0',
        status: dark.length ? 'bad' : 'good',
      },
      {
        label: 'Booking sites live',
        value:
          sequence.length === 0
            ? 'nothing to check'
            : `${count(sequence.length - pending.length)} of ${count(sequence.length)}`,
        target: `${count(sequence.length)}`,
        status: pending.length ? 'warn' : 'good',
      },
      { label: 'Channel spend / month', value: usd(spend), status: 'info' },
      { label: 'Campaign expected revenue', value: usd(campaignTotal), status: 'info' },
    ],
    findings: [
      ...entities.map((e) => {
        const mine = channels.filter((c) => c.entity === e.id);
        return `${e.name}: ${count(mine.filter((c) => c.status === 'live').length)} live, ${count(mine.filter((c) => c.status === 'planned').length)} planned.`;
      }),
      ...campaigns.map(
        (x) => `"${x.c.name}" models ${plural(Math.round(x.buyers), 'buyer')} and ${usd(x.revenue)}.`,
      ),
    ],
    gaps: sortGaps(gaps),
    actionPlan: sortActions(actions),
    tables: [
      {
        title: 'Visibility matrix (channel × business)',
        columns: ['Channel', ...entities.map((e) => e.name)],
        rows: names.map((ch) => [ch, ...entities.map((e) => mark[cell(e.id, ch)?.status ?? 'none'])]),
      },
      {
        title: 'Booking-site listing sequence',
        columns: ['Step', 'Site', 'Status', 'Waits for'],
        rows: sequence.map((c) => [String(c.listingOrder), c.channel, c.status, c.waitsFor ?? '']),
      },
      {
        title: 'Campaign model',
        columns: ['Campaign', 'List', 'Open', 'Click', 'Convert', 'Price', 'Buyers', 'Revenue'],
        numeric: [1, 2, 3, 4, 5, 6, 7],
        rows: campaigns.map((x) => [
          x.c.name,
          count(x.c.listSize),
          pct(x.c.openRate),
          pct(x.c.clickRate),
          pct(x.c.conversionRate),
          usd(x.c.price),
          count(Math.round(x.buyers)),
          usd(x.revenue),
        ]),
      },
    ],
    charts: chart ? [chart] : [],
    figures,
    keyFigures: figures.map((x) => x.id),
    footnotes: [
      ...(entity ? [`Scope: only ${entity}'s channels and campaigns.`] : []),
      ...figures.map(figureNote),
      'Visibility = live channels ÷ channels declared for the businesses (vessel and property entities are not marketed).',
      'Listing sequence: booking sites ordered by listing step; each waits for what is noted; the first three pending steps become the 30/60/90-day milestones.',
      'Expected campaign revenue = list size × open rate × click rate × conversion rate × price.',
    ],
  };
}
