/**
 * What each report kind is, in one line: all `/report list` needs, without loading the report
 * builders (they load lazily with the report job).
 */
import type { ReportKind } from './model';

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
