/** The CTO report: stack cost by service and entity, savings candidates, security findings, delivery gaps. */

import { figure, figureNote } from '../definitions';
import { agree, count, plural, usd } from '../format';
import type { Action, Gap, ReportInput, ReportModel, Severity } from '../model';
import { groupBy, riskMatrix, sortActions, sortGaps } from '../model';
import { dayKey, daysBetween } from '../months';
import type { Portfolio } from '../portfolio';
import { barsChart } from '../sections';

/** A service is idle when flagged so, or not used for this many days. */
export const IDLE_AFTER_DAYS = 60;

type Service = Portfolio['stack'][number];

/** A service that could be cut, with why. */
export interface SavingsCandidate {
  service: Service;
  reasons: string[];
}

/**
 * Savings candidates: idle services (flagged idle, or last used more than 60 days ago) and
 * duplicates (flagged, or another service of the same entity and category used more recently).
 */
export function savingsCandidates(stack: Portfolio['stack'], today: string): SavingsCandidate[] {
  const out: SavingsCandidate[] = [];
  for (const s of stack) {
    const reasons: string[] = [];
    const idleDays = s.lastUsed ? daysBetween(s.lastUsed, today) : undefined;
    if (s.flags.includes('idle')) reasons.push('flagged idle');
    else if (idleDays !== undefined && idleDays > IDLE_AFTER_DAYS)
      reasons.push(`unused for ${idleDays} days`);
    const twin = stack.find(
      (o) =>
        o !== s &&
        o.entity === s.entity &&
        o.category === s.category &&
        (o.lastUsed ?? '') > (s.lastUsed ?? '') &&
        !o.flags.includes('duplicate'),
    );
    if (s.flags.includes('duplicate') || twin) {
      reasons.push(twin ? `duplicates ${twin.service}` : 'flagged duplicate');
    }
    if (reasons.length > 0) out.push({ service: s, reasons });
  }
  return out;
}

const severityOrder = ['critical', 'high', 'medium', 'low'] as const;

/** Builds the CTO report. */
export function ctoReport(input: ReportInput): ReportModel {
  const { portfolio, now, entity } = input;
  const today = dayKey(now, input.timezone);
  const stack = portfolio.stack.filter((s) => !entity || s.entity === entity);
  const total = stack.reduce((a, s) => a + s.monthlyCost, 0);
  const candidates = savingsCandidates(stack, today);
  const savings = candidates.reduce((a, c) => a + c.service.monthlyCost, 0);
  const findings = portfolio.securityFindings.filter(
    (f) => !entity || !f.service || stack.some((s) => s.service === f.service),
  );
  const openFindings = findings.filter((f) => f.status === 'open' || f.status === 'in-progress');
  const openSevere = openFindings.filter((f) => f.severity === 'critical' || f.severity === 'high');
  const practices = portfolio.deliveryPractices.filter((p) => !entity || p.entity === entity);
  const practiceGaps = practices.flatMap((p) =>
    (['ci', 'staging', 'rollback'] as const).filter((k) => !p[k]).map((k) => ({ p, k })),
  );
  const unowned = stack.filter((s) => s.flags.includes('unowned') || /^unassigned$/i.test(s.owner));

  const byEntity = new Map<string, number>();
  for (const s of stack) byEntity.set(s.entity, (byEntity.get(s.entity) ?? 0) + s.monthlyCost);

  const scopeKey = entity ?? 'all';
  const figures = [
    figure(
      `stack-cost:${scopeKey}`,
      'Stack cost / month',
      'usd',
      total,
      `Σ monthly cost of ${plural(stack.length, 'service')} = ${usd(total)}`,
    ),
    figure(
      `stack-savings:${scopeKey}`,
      'Savings candidates / month',
      'usd',
      savings,
      `Σ monthly cost of ${plural(candidates.length, 'candidate')} = ${usd(savings)}`,
    ),
  ];
  const entityName = (id: string) => portfolio.entities.find((e) => e.id === id)?.name ?? id;
  const chart = barsChart(
    'software-cost-by-entity',
    'Software cost per month by entity',
    'usd',
    [...byEntity].sort((a, b) => b[1] - a[1]).map(([e, n]) => ({ label: entityName(e), value: n })),
  );

  const gaps: Gap[] = [];
  for (const f of openSevere) {
    gaps.push({ text: `${f.id} (${f.severity}, ${f.status}): ${f.title}.`, severity: 'high' });
  }
  const label = { ci: 'no CI', staging: 'no staging environment', rollback: 'no rollback' } as const;
  for (const [system, list] of groupBy(practiceGaps, (g) => g.p.system)) {
    const sev: Severity = list.some((g) => g.k === 'rollback') ? 'medium' : 'low';
    gaps.push({ text: `${system}: ${list.map((g) => label[g.k]).join(', ')}.`, severity: sev });
  }
  for (const s of unowned) gaps.push({ text: `${s.service} has no owner.`, severity: 'medium' });

  const actions: Action[] = [];
  openSevere.forEach((f, i) => {
    actions.push({
      horizon: 30,
      action: `Close ${f.id}: ${f.title}.`,
      owner: f.owner,
      priority: i === 0 ? 1 : 2,
    });
  });
  if (candidates.length > 0) {
    actions.push({
      horizon: 30,
      action: `Cancel or merge ${candidates.map((c) => c.service.service).join(', ')} (saves ${usd(savings)} a month).`,
      owner: candidates[0]?.service.owner ?? 'Owner',
      priority: 2,
    });
  }
  for (const [system, list] of groupBy(practiceGaps, (g) => g.p.system)) {
    actions.push({
      horizon: list.some((g) => g.k === 'rollback') ? 60 : 90,
      action: `${system}: add ${list.map((g) => g.k).join(', ')}.`,
      owner: list[0]?.p.owner ?? 'Owner',
      priority: 3,
    });
  }
  for (const s of unowned)
    actions.push({ horizon: 30, action: `Assign an owner to ${s.service}.`, owner: 'Owner', priority: 2 });

  const worst = severityOrder.find((sev) => openFindings.some((f) => f.severity === sev));
  return {
    kind: 'cto',
    title: entity
      ? `CTO report: ${portfolio.entities.find((e) => e.id === entity)?.name ?? entity}`
      : 'CTO report',
    ...(portfolio.brand ? { brand: portfolio.brand } : {}),
    ...(entity ? { entity } : {}),
    generatedAt: now.toISOString(),
    summary: [
      stack.length > 0
        ? `The stack has ${plural(stack.length, 'service')} costing ${usd(total)} a month (${usd(total * 12)} a year).`
        : 'No software services are on record: nothing to check.',
      stack.length === 0
        ? 'With no services, there is nothing idle or duplicated to cut.'
        : candidates.length > 0
          ? `${count(candidates.length)} of them ${agree(candidates.length, 'is', 'are')} idle or duplicated; cutting ${agree(candidates.length, 'it', 'them')} saves ${usd(savings)} a month.`
          : 'No service is idle or duplicated.',
      findings.length === 0
        ? 'No security findings are on record: nothing to check.'
        : openFindings.length > 0
          ? `${plural(openFindings.length, 'security finding')} ${agree(openFindings.length, 'is', 'are')} open, the worst ${worst ?? 'low'}; ${count(openSevere.length)} ${agree(openSevere.length, 'is', 'are')} critical or high.`
          : `None of the ${plural(findings.length, 'security finding')} on record is open.`,
      practices.length === 0
        ? 'No systems are listed with their delivery practices: nothing to check.'
        : practiceGaps.length > 0
          ? `${count(new Set(practiceGaps.map((g) => g.p.system)).size)} of ${plural(practices.length, 'system')} ${agree(new Set(practiceGaps.map((g) => g.p.system)).size, 'lacks', 'lack')} CI, staging or rollback.`
          : `All ${plural(practices.length, 'system')} on record have CI, staging and rollback.`,
    ],
    kpis: [
      { label: 'Stack cost / month', value: usd(total), status: 'info' },
      {
        label: 'Savings candidates',
        value: `${usd(savings)}/mo`,
        target: '$0',
        status: savings > 0 ? 'warn' : 'good',
      },
      {
        label: 'Open critical/high findings',
        value: count(openSevere.length),
        target: '0',
        status: openSevere.length > 0 ? 'bad' : 'good',
      },
      {
        label: 'Systems with full delivery',
        value:
          practices.length === 0
            ? 'nothing to check'
            : `${count(practices.length - new Set(practiceGaps.map((g) => g.p.system)).size)} of ${count(practices.length)}`,
        target: `${count(practices.length)}`,
        status: practiceGaps.length > 0 ? 'warn' : 'good',
      },
    ],
    findings: [
      ...[...byEntity]
        .sort((a, b) => b[1] - a[1])
        .map(([e, n]) => `${entityName(e)} spends ${usd(n)} a month on software.`),
      ...candidates.map(
        (c) => `${c.service.service} (${usd(c.service.monthlyCost)}/mo): ${c.reasons.join('; ')}.`,
      ),
    ],
    gaps: sortGaps(gaps),
    actionPlan: sortActions(actions),
    risks: riskMatrix(portfolio, entity).filter((r) =>
      /access|security|secret|login|data/i.test(`${r.title} ${r.mitigation}`),
    ),
    tables: [
      {
        title: 'Stack by service',
        columns: ['Service', 'Category', 'Entity', 'Owner', 'Last used', 'Monthly'],
        numeric: [5],
        rows: [...stack]
          .sort((a, b) => b.monthlyCost - a.monthlyCost)
          .map((s) => [
            s.service,
            s.category,
            s.entity,
            s.owner,
            s.lastUsed ?? 'unknown',
            usd(s.monthlyCost),
          ]),
      },
      {
        title: 'Savings candidates',
        columns: ['Service', 'Why', 'Monthly'],
        numeric: [2],
        rows: [
          ...candidates.map((c) => [c.service.service, c.reasons.join('; '), usd(c.service.monthlyCost)]),
          ['Total', '', usd(savings)],
        ],
      },
      {
        title: 'Security findings by severity',
        columns: ['Severity', 'Id', 'Finding', 'Status', 'Owner'],
        rows: [...findings]
          .sort((a, b) => severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity))
          .map((f) => [f.severity, f.id, f.title, f.status, f.owner]),
      },
      {
        title: 'Delivery practices',
        columns: ['System', 'CI', 'Staging', 'Rollback', 'Owner'],
        rows: practices.map((p) => [
          p.system,
          p.ci ? 'yes' : 'NO',
          p.staging ? 'yes' : 'NO',
          p.rollback ? 'yes' : 'NO',
          p.owner,
        ]),
      },
    ],
    charts: chart ? [chart] : [],
    figures,
    keyFigures: figures.map((x) => x.id),
    footnotes: [
      ...(entity
        ? [
            `Scope: only ${entity}'s services and delivery practices, and the security findings on those services or on no particular service (those concern every business).`,
          ]
        : []),
      ...figures.map(figureNote),
      'Stack cost a year = the monthly cost × 12.',
      `Savings = Σ monthly cost of candidates: services flagged idle or unused for more than ${IDLE_AFTER_DAYS} days, and services flagged duplicate or with a more recently used service of the same entity and category.`,
      'Open findings = status open or in-progress; accepted and resolved findings are listed but not counted.',
    ],
  };
}
