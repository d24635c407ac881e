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

/** Builds the report of the given kind. */
export function buildReport(kind: ReportKind, input: ReportInput): ReportModel {
  return reportBuilders[kind](input);
}

export { reportDescriptions } from './catalog';
export type { ReportInput, ReportKind, ReportModel, SailFacts } from './model';
export { isReportKind, reportKinds } from './model';
