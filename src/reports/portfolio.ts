/**
 * The portfolio: the owner's businesses described in one YAML file (entities, assets, costs,
 * revenue streams, channels, stack, risks, cash, goals, ledger rules and the side businesses'
 * facts). `parsePortfolio` validates it with zod and reports every error with its path in the
 * file and, where the YAML document knows it, its line.
 */
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes');
const money = z.number().finite();
const nonNegative = z.number().finite().min(0);
const rate = z.number().min(0).max(1);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date like 2025-06-30');
const scale = z.number().int().min(1).max(5);

/** The kinds of business an entity can be. */
export const entityKinds = ['charter', 'vessel', 'services', 'agency', 'property', 'delivery'] as const;

const entity = z.object({
  id,
  name: z.string().min(1),
  kind: z.enum(entityKinds),
  owner: z.string().min(1).optional(),
});

const financing = z.object({
  lender: z.string().min(1),
  balance: nonNegative,
  monthlyPayment: nonNegative,
  annualRate: rate.optional(),
});

const asset = z.object({
  id,
  name: z.string().min(1),
  type: z.enum(['vessel', 'vehicle', 'property', 'equipment']),
  entity: id,
  value: nonNegative,
  financing: financing.optional(),
  notes: z.string().optional(),
});

const recurringCost = z.object({
  vendor: z.string().min(1),
  category: z.string().min(1),
  monthly: nonNegative,
  entity: id,
});

const revenueStream = z.object({
  id,
  entity: id,
  name: z.string().min(1),
  unit: z.string().min(1),
  price: nonNegative,
  variableCost: nonNegative,
  /** Share of charters this stream takes (charter streams only); weights contribution per charter. */
  mix: z.number().min(0).optional(),
  /** Units a month expected (non-charter streams, e.g. retainers). */
  monthlyUnits: nonNegative.optional(),
  /**
   * The income account its money is booked to. Whether a stream is tracked is read from the
   * ledger (lines in this account, or in the entity's income accounts), never declared.
   */
  account: z
    .string()
    .regex(/^\d{4}$/, 'use a four-digit account code')
    .optional(),
});

const channel = z.object({
  entity: id,
  channel: z.string().min(1),
  status: z.enum(['live', 'planned', 'none']),
  url: z.url().optional(),
  monthlyCost: nonNegative.default(0),
  /** For booking sites: the place in the listing sequence, and what the step waits for. */
  listingOrder: z.number().int().min(1).optional(),
  waitsFor: z.string().optional(),
});

const service = z.object({
  service: z.string().min(1),
  category: z.string().min(1),
  entity: id,
  monthlyCost: nonNegative,
  owner: z.string().min(1),
  lastUsed: isoDate.optional(),
  flags: z.array(z.enum(['idle', 'duplicate', 'unowned'])).default([]),
});

const securityFinding = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  severity: z.enum(['critical', 'high', 'medium', 'low']),
  status: z.enum(['open', 'in-progress', 'resolved', 'accepted']),
  service: z.string().optional(),
  owner: z.string().min(1),
});

const deliveryPractice = z.object({
  system: z.string().min(1),
  entity: id,
  ci: z.boolean(),
  staging: z.boolean(),
  rollback: z.boolean(),
  owner: z.string().min(1),
});

const risk = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  entity: id.optional(),
  likelihood: scale,
  impact: scale,
  owner: z.string().min(1),
  mitigation: z.string().min(1),
});

const goals = z.object({
  chartersPerMonth: nonNegative.optional(),
  monthlyRevenue: nonNegative.optional(),
  cashReserveMonths: nonNegative.optional(),
});

const account = z.object({
  code: z.string().regex(/^\d{4}$/, 'use a four-digit account code'),
  name: z.string().min(1),
  type: z.enum(['income', 'expense', 'asset', 'liability', 'equity']),
  /** Deposits for future sails: deferred revenue until the sail is completed. */
  deferredRevenue: z.boolean().default(false),
  /**
   * For expense accounts: how the monthly books class the spending. `variable` costs rise with
   * sales (fuel, dump fees, leads), `fixed` ones do not (slip, insurance), `debt-service` is loan
   * payments. Default `fixed`.
   */
  cost: z.enum(['variable', 'fixed', 'debt-service']).optional(),
});

const ledgerRule = z.object({
  pattern: z.string().min(1),
  account: z.string(),
  entity: id,
});

const rental = z.object({
  asset: id,
  entity: id,
  address: z.string().min(1),
  monthlyRent: nonNegative,
  vacancyRate: rate.default(0),
  /**
   * The property's operating budget. `category` is what rules read (a repairs reserve is a line in
   * category `maintenance`, whatever it is called).
   */
  monthlyCosts: z.array(
    z.object({
      name: z.string().min(1),
      monthly: nonNegative,
      category: z
        .enum(['tax', 'insurance', 'maintenance', 'utilities', 'management', 'hoa', 'other'])
        .default('other'),
    }),
  ),
  purchasePrice: nonNegative,
  cashInvested: nonNegative,
});

const deliveryJob = z.object({
  id: z.string().min(1),
  date: isoDate,
  vessel: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
  miles: nonNegative,
  revenue: nonNegative,
  costs: nonNegative,
  status: z.enum(['quoted', 'booked', 'completed', 'invoiced', 'paid']),
});

const agencyClient = z.object({
  name: z.string().min(1),
  retainerMonthly: nonNegative,
  status: z.enum(['active', 'paused', 'ended']),
  contract: z.boolean().default(true),
  lastInvoiced: isoDate.optional(),
});

const unbilledWork = z.object({
  client: z.string().min(1),
  description: z.string().min(1),
  hours: nonNegative,
  rate: nonNegative,
  completedOn: isoDate,
});

const campaign = z.object({
  name: z.string().min(1),
  entity: id,
  listSize: nonNegative,
  openRate: rate,
  clickRate: rate,
  conversionRate: rate,
  price: nonNegative,
});

/** The portfolio YAML's schema. Cross-references (entities, accounts) are checked too. */
export const portfolioSchema = z
  .object({
    asOf: isoDate,
    /** The name reports are headed with (the owner's business); reports never name a business in code. */
    brand: z.string().min(1).optional(),
    currency: z.string().length(3).default('USD'),
    cashOnHand: z.array(z.object({ entity: id, account: z.string().min(1), amount: money })),
    entities: z.array(entity).min(1),
    assets: z.array(asset).default([]),
    recurringCosts: z.array(recurringCost).default([]),
    revenueStreams: z.array(revenueStream).default([]),
    channels: z.array(channel).default([]),
    campaigns: z.array(campaign).default([]),
    stack: z.array(service).default([]),
    securityFindings: z.array(securityFinding).default([]),
    deliveryPractices: z.array(deliveryPractice).default([]),
    risks: z.array(risk).default([]),
    goals: goals.default({}),
    accounts: z.array(account).default([]),
    ledgerRules: z.array(ledgerRule).default([]),
    /**
     * How charter payouts reach the bank: the processor keeps `feeRate` of the price, and pays out
     * within `windowDays` of the sail. The rule that matches a payout to a completed sail reads it.
     */
    charterPayouts: z
      .object({
        feeRate: rate.default(0),
        windowDays: z.number().int().min(0).max(60).default(14),
        tolerance: rate.default(0.02),
      })
      .default({ feeRate: 0, windowDays: 14, tolerance: 0.02 }),
    rental: rental.optional(),
    deliveryJobs: z.array(deliveryJob).default([]),
    agency: z
      .object({ entity: id, clients: z.array(agencyClient), unbilled: z.array(unbilledWork).default([]) })
      .optional(),
  })
  .superRefine((p, ctx) => {
    const entities = new Set(p.entities.map((e) => e.id));
    const accounts = new Set(p.accounts.map((a) => a.code));
    const assets = new Set(p.assets.map((a) => a.id));
    const checkEntity = (value: string | undefined, path: (string | number)[]) => {
      if (value !== undefined && !entities.has(value)) {
        ctx.addIssue({ code: 'custom', path, message: `unknown entity '${value}' (not in entities)` });
      }
    };
    const lists = [
      ['cashOnHand', p.cashOnHand],
      ['assets', p.assets],
      ['recurringCosts', p.recurringCosts],
      ['revenueStreams', p.revenueStreams],
      ['channels', p.channels],
      ['campaigns', p.campaigns],
      ['stack', p.stack],
      ['deliveryPractices', p.deliveryPractices],
      ['risks', p.risks],
      ['ledgerRules', p.ledgerRules],
    ] as const;
    for (const [name, list] of lists) {
      list.forEach((item: { entity?: string | undefined }, i: number) => {
        checkEntity(item.entity, [name, i, 'entity']);
      });
    }
    p.revenueStreams.forEach((st, i) => {
      if (st.account !== undefined && !accounts.has(st.account)) {
        ctx.addIssue({
          code: 'custom',
          path: ['revenueStreams', i, 'account'],
          message: `unknown account '${st.account}' (not in accounts)`,
        });
      }
    });
    p.ledgerRules.forEach((r, i) => {
      if (!accounts.has(r.account)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ledgerRules', i, 'account'],
          message: `unknown account '${r.account}' (not in accounts)`,
        });
      }
      try {
        new RegExp(r.pattern, 'i');
      } catch {
        ctx.addIssue({ code: 'custom', path: ['ledgerRules', i, 'pattern'], message: 'not a valid pattern' });
      }
    });
    if (p.rental) {
      checkEntity(p.rental.entity, ['rental', 'entity']);
      if (!assets.has(p.rental.asset)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rental', 'asset'],
          message: `unknown asset '${p.rental.asset}'`,
        });
      }
    }
    if (p.agency) checkEntity(p.agency.entity, ['agency', 'entity']);
    const seen = new Set<string>();
    p.entities.forEach((e, i) => {
      if (seen.has(e.id)) {
        ctx.addIssue({ code: 'custom', path: ['entities', i, 'id'], message: `duplicate entity '${e.id}'` });
      }
      seen.add(e.id);
    });
  });

/** A validated portfolio. */
export type Portfolio = z.output<typeof portfolioSchema>;

/** One problem in a portfolio file. */
export interface PortfolioIssue {
  /** Dotted path in the file, e.g. `assets[2].value`. */
  path: string;
  /** 1-based line in the file, when known. */
  line?: number;
  message: string;
}

/** The outcome of parsing a portfolio file: the portfolio, or every problem found. */
export type PortfolioParse = { ok: true; portfolio: Portfolio } | { ok: false; issues: PortfolioIssue[] };

/** Formats a zod path as it reads in YAML: `assets[2].value`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** Parses and validates portfolio YAML; never throws on bad input. */
export function parsePortfolio(yamlText: string): PortfolioParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        path: '(yaml)',
        line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line,
        message: e.message.split('\n')[0] ?? e.message,
      })),
    };
  }
  const result = portfolioSchema.safeParse(doc.toJS());
  if (result.success) return { ok: true, portfolio: result.data };
  const issues = result.error.issues.map((issue): PortfolioIssue => {
    const line = lineOf(doc, lineCounter, issue.path);
    return {
      path: formatPath(issue.path),
      message: issue.message,
      ...(line !== undefined ? { line } : {}),
    };
  });
  return { ok: false, issues };
}

type YamlDoc = ReturnType<typeof parseDocument>;

/** The line of the deepest node on the path that exists in the document. */
function lineOf(doc: YamlDoc, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n).map((p) => (typeof p === 'symbol' ? String(p) : p));
    const node = n === 0 ? doc.contents : doc.getIn(sub, true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      const start = node.range[0];
      if (typeof start === 'number') {
        // A key that is missing: point at its parent map or list, which is where it belongs.
        return counter.linePos(start).line;
      }
    }
    if (n === 0 && (isMap(doc.contents) || isSeq(doc.contents))) return 1;
  }
  return undefined;
}

/** Formats issues one per line, `line 12: assets[2].value: expected number`. */
export function formatIssues(issues: readonly PortfolioIssue[]): string {
  return issues
    .map((i) => `${i.line !== undefined ? `line ${i.line}: ` : ''}${i.path}: ${i.message}`)
    .join('\n');
}
