/** Builds a report model of any kind from its input. */
import { accountingReport } from './kinds/accounting';
import { billingReport } from './kinds/billing';
import { ceoReport } from './kinds/ceo';
import { cfoReport } from './kinds/cfo';
import { cmoReport } from './kinds/cmo';
import { ctoReport } from './kinds/cto';
import { deliveryReport } from './kinds/delivery';
import { rentalReport } from './kinds/rental';
import type { ReportInput, ReportKind, ReportModel } from './model';

/** Each kind's builder. */
export const reportBuilders: Record<ReportKind, (input: ReportInput) => ReportModel> = {
  ceo: ceoReport,
  cto: ctoReport,
  cfo: cfoReport,
  cmo: cmoReport,
  accounting: accountingReport,
  rental: rentalReport,
  delivery: deliveryReport,
  billing: billingReport,
};

/** One line per kind, for `/report list`. */
export const reportDescriptions: Record<ReportKind, string> = {
  ceo: 'assets, revenue tracking gaps, pipeline, top risks, 30-day agenda',
  cto: 'stack cost, savings, security findings, delivery gaps',
  cfo: 'burn, contribution, break-even charters, runway, revenue targets',
  cmo: 'channel visibility, listing sequence, milestones, campaign model',
  accounting: 'balances per entity, expense audit, uncategorised lines, revenue recognition',
  rental: '3028 51st St: income, costs, cap rate, cash-on-cash',
  delivery: 'Expert Yacht Delivery: jobs, miles, revenue per mile, margin',
  billing: 'Dangerous Centaur: clients, retainers, unbilled work',
};

/** Builds the report of the given kind. */
export function buildReport(kind: ReportKind, input: ReportInput): ReportModel {
  return reportBuilders[kind](input);
}

export type { ReportInput, ReportKind, ReportModel, SailFacts } from './model';
export { isReportKind, reportKinds } from './model';
