/**
 * A small portfolio, ledger and sail list whose numbers are easy to compute by hand; the report
 * tests state each expectation's arithmetic next to it. Not the shipped sample.
 */
import { parseLedgerCsv } from '../../src/reports/ledger';
import type { ReportInput, SailFacts } from '../../src/reports/model';
import { type Portfolio, parsePortfolio } from '../../src/reports/portfolio';

export const fixtureYaml = `asOf: 2026-04-10
cashOnHand:
  - { entity: boat, account: Bank, amount: 9000 }
  - { entity: haul, account: Bank 2, amount: 1000 }
entities:
  - { id: boat, name: Boat Co, kind: charter }
  - { id: yacht, name: The Yacht, kind: vessel }
  - { id: haul, name: Haul Co, kind: services }
  - { id: agency, name: Agency Co, kind: agency }
  - { id: house, name: The House, kind: property }
  - { id: ship, name: Ship Delivery, kind: delivery }
assets:
  - { id: yacht-a, name: Yacht A, type: vessel, entity: yacht, value: 100000, financing: { lender: L1, balance: 40000, monthlyPayment: 1000 } }
  - { id: house-a, name: House A, type: property, entity: house, value: 200000, financing: { lender: L2, balance: 150000, monthlyPayment: 800 } }
recurringCosts:
  - { vendor: Slip, category: Slip, monthly: 1500, entity: yacht }
  - { vendor: Insurer, category: Insurance, monthly: 500, entity: boat }
  - { vendor: Soft, category: Software, monthly: 100, entity: haul }
revenueStreams:
  - { id: sunset, entity: boat, name: Sunset, unit: charter, price: 1000, variableCost: 200, mix: 3 }
  - { id: day, entity: boat, name: Day, unit: charter, price: 2000, variableCost: 600, mix: 1 }
  - { id: deliveries, entity: ship, name: Deliveries, unit: mile, price: 10, variableCost: 4, tracked: false }
channels:
  - { entity: boat, channel: Website, status: live, url: "https://boat.example" }
  - { entity: boat, channel: FareHarbor, status: live, url: "https://fh.example", monthlyCost: 50, listingOrder: 1 }
  - { entity: boat, channel: Viator, status: planned, listingOrder: 2, waitsFor: FareHarbor reviews }
  - { entity: haul, channel: Website, status: none }
campaigns:
  - { name: Spring, entity: boat, listSize: 1000, openRate: 0.5, clickRate: 0.1, conversionRate: 0.2, price: 100 }
stack:
  - { service: A, category: web, entity: boat, monthlyCost: 30, owner: Ann, lastUsed: 2026-04-10 }
  - { service: B, category: web, entity: boat, monthlyCost: 20, owner: Ann, lastUsed: 2026-01-01 }
  - { service: C, category: mail, entity: boat, monthlyCost: 10, owner: Ann, lastUsed: 2026-04-14, flags: [idle] }
  - { service: D, category: crm, entity: haul, monthlyCost: 40, owner: Unassigned, lastUsed: 2026-04-01 }
securityFindings:
  - { id: F1, title: Shared login, severity: critical, status: open, owner: Ann }
  - { id: F2, title: Old TLS, severity: low, status: open, owner: Ann }
  - { id: F3, title: Public bucket, severity: high, status: resolved, owner: Ann }
deliveryPractices:
  - { system: Sys1, entity: boat, ci: true, staging: true, rollback: true, owner: Ann }
  - { system: Sys2, entity: haul, ci: false, staging: true, rollback: false, owner: Bob }
risks:
  - { id: R1, title: Engine failure, entity: yacht, likelihood: 2, impact: 5, owner: Cap, mitigation: Service it }
  - { id: R2, title: One captain, entity: boat, likelihood: 4, impact: 4, owner: Ann, mitigation: Train another }
  - { id: R3, title: Vacancy, entity: house, likelihood: 1, impact: 3, owner: Ann, mitigation: Renew early }
goals: { chartersPerMonth: 5, cashReserveMonths: 12 }
accounts:
  - { code: "2100", name: Deposits, type: liability, deferredRevenue: true }
  - { code: "4000", name: Charters, type: income }
  - { code: "5000", name: Slip, type: expense }
  - { code: "5010", name: Fuel, type: expense }
ledgerRules:
  - { pattern: "DEPOSIT S-", account: "2100", entity: boat }
  - { pattern: "PAYOUT", account: "4000", entity: boat }
  - { pattern: "MARINA", account: "5000", entity: yacht }
  - { pattern: "FUEL", account: "5010", entity: yacht }
rental:
  asset: house-a
  entity: house
  address: 1 Test St
  monthlyRent: 2000
  vacancyRate: 0.1
  monthlyCosts: [{ name: Tax, monthly: 100 }, { name: Insurance, monthly: 50 }]
  purchasePrice: 150000
  cashInvested: 50000
deliveryJobs:
  - { id: J1, date: 2026-03-01, vessel: V1, from: A, to: B, miles: 100, revenue: 1000, costs: 400, status: completed }
  - { id: J2, date: 2026-03-10, vessel: V2, from: B, to: C, miles: 300, revenue: 2000, costs: 1500, status: paid }
  - { id: J3, date: 2026-05-01, vessel: V3, from: C, to: D, miles: 50, revenue: 500, costs: 200, status: booked }
agency:
  entity: agency
  clients:
    - { name: C1, retainerMonthly: 3000, status: active, lastInvoiced: 2026-04-01 }
    - { name: C2, retainerMonthly: 1000, status: active, contract: false, lastInvoiced: 2026-03-01 }
    - { name: C3, retainerMonthly: 0, status: paused }
  unbilled:
    - { client: C1, description: Site, hours: 10, rate: 100, completedOn: 2026-04-10 }
    - { client: C2, description: Logo, hours: 2, rate: 150, completedOn: 2026-03-01 }
`;

export const fixtureCsv = `date,description,amount,account
2026-01-01,MARINA SLIP,-3000,Bank
2026-01-10,PAYOUT JAN,2000,Bank
2026-02-01,MARINA SLIP,-3000,Bank
2026-02-10,PAYOUT FEB,1000,Bank
2026-03-01,MARINA SLIP,-3000,Bank
2026-03-10,PAYOUT MAR,3000,Bank
2026-03-15,FUEL DOCK,-150,Bank
2026-03-20,MYSTERY SHOP,-300,Bank
2026-04-02,DEPOSIT S-AAAAAA,500,Bank
2026-04-03,DEPOSIT S-BBBBBB,300,Bank
2026-04-04,DEPOSIT S-ZZZZZZ,200,Bank
`;

export const fixtureNow = new Date('2026-04-15T19:00:00Z');

export const fixtureSails: SailFacts[] = [
  // 2026-03-10T02:00Z is 9 March in San Diego.
  {
    id: 'S-AAAAAA',
    departAt: new Date('2026-03-10T02:00:00Z'),
    status: 'scheduled',
    guests: 6,
    completed: true,
  },
  // 1 April in UTC but 31 March in San Diego: counts for March.
  {
    id: 'S-CCCCCC',
    departAt: new Date('2026-04-01T03:00:00Z'),
    status: 'scheduled',
    guests: 4,
    completed: true,
  },
  {
    id: 'S-DDDDDD',
    departAt: new Date('2026-02-14T02:00:00Z'),
    status: 'scheduled',
    guests: 2,
    completed: true,
  },
  {
    id: 'S-BBBBBB',
    departAt: new Date('2026-04-20T01:00:00Z'),
    status: 'scheduled',
    guests: 4,
    completed: false,
    revenue: 1500,
  },
  {
    id: 'S-EEEEEE',
    departAt: new Date('2026-05-02T01:00:00Z'),
    status: 'on_hold',
    guests: 6,
    completed: false,
  },
  {
    id: 'S-FFFFFF',
    departAt: new Date('2026-05-03T01:00:00Z'),
    status: 'cancelled',
    guests: 3,
    completed: false,
  },
];

/** Parses the fixture YAML (throws if it is invalid, which would be a bug in the fixture). */
export function fixturePortfolio(yaml: string = fixtureYaml): Portfolio {
  const res = parsePortfolio(yaml);
  if (!res.ok) throw new Error(JSON.stringify(res.issues));
  return res.portfolio;
}

/** The whole report input, with optional overrides. */
export function fixtureInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const ledger = parseLedgerCsv(fixtureCsv);
  if (!ledger.ok) throw new Error(JSON.stringify(ledger.issues));
  return {
    portfolio: fixturePortfolio(),
    ledger: ledger.lines,
    sails: fixtureSails,
    now: fixtureNow,
    ...overrides,
  };
}
