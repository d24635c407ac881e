/**
 * What each report kind is, in one line: all `/report list` needs, without loading the report
 * builders (they load lazily with the report job). Business names come from the portfolio
 * (`describeReports`), never from code.
 */
import type { ReportKind } from './model';

/** One line per kind, for `/report list`, naming no business. */
export const reportDescriptions: Record<ReportKind, string> = {
  ceo: 'assets, revenue tracking gaps, pipeline, top risks, 30-day agenda',
  cto: 'stack cost, savings, security findings, delivery gaps',
  cfo: 'monthly books, burn, contribution, break-even, runway, booked revenue',
  cmo: 'channel visibility, listing sequence, milestones, campaign model',
  accounting:
    'monthly books with cents, balances per entity, expense audit, uncategorised lines, revenue recognition',
  rental: 'the rental property: rent, costs, NOI, cap rate, cash-on-cash',
  delivery: 'the delivery business: jobs, miles, revenue per mile, margin',
  billing: 'the agency: clients, retainers, unbilled work',
};

/** The names reports are about, read from the portfolio. */
export interface ReportDirectory {
  entities: { id: string; name: string; kind: string }[];
  rentalAddress?: string;
  /** `files`: the shipped sample, a demo. */
  source: 'table' | 'files';
}

/** The descriptions with the portfolio's names (the rental's address, the delivery and agency businesses). */
export function describeReports(directory?: ReportDirectory): Record<ReportKind, string> {
  if (!directory) return reportDescriptions;
  const named = (kind: string) => directory.entities.find((e) => e.kind === kind)?.name;
  const delivery = named('delivery');
  const agency = named('agency');
  return {
    ...reportDescriptions,
    ...(directory.rentalAddress
      ? { rental: `${directory.rentalAddress}: rent, costs, NOI, cap rate, cash-on-cash` }
      : {}),
    ...(delivery ? { delivery: `${delivery}: jobs, miles, revenue per mile, margin` } : {}),
    ...(agency ? { billing: `${agency}: clients, retainers, unbilled work` } : {}),
  };
}
