/**
 * Every item kind of the single table, each declared once: the stored attributes (zod, decoding to
 * the domain value), the key and the index keys, all built by `keys.ts`. The stores write with
 * `entity.item(value)` and read with `entity.parse(item)`.
 *
 * Where a domain type exists (`Sail`, `Slot`, `Guest`, …) the schema is checked against it at
 * compile time (`SameShape`), so the two cannot drift apart; where the stored record is the
 * store's own business (nudge claims, jobs, rate windows) the type is the schema's.
 * @see ../../../shared/DESIGN.md "Data"
 */
import { z } from 'zod';
import { type CoverRequest, coverStatuses } from '../crew/cover';
import type { Waiter } from '../crew/waitlist';
import { type Vessel, vesselKinds } from '../fleet/vessel';
import { type Guest, guestStatuses } from '../guests/guest';
import type { LedgerLine } from '../reports/ledger';
import type { ChecklistTick } from '../sails/checklist';
import { type Member, type Sail, type Slot, sailStatuses } from '../sails/types';
import { defineEntity, instant, type SameShape } from './entity';
import { calendarKeys, keys, ledgerMonth, sourceSlug } from './keys';

const text = z.string();

/** The key part every workspace-scoped entity has: the Slack team id its keys begin with. */
export interface InWorkspace {
  workspace: string;
}

const sailSchema = z.object({
  id: text,
  title: text,
  vesselId: text,
  status: z.enum([sailStatuses.scheduled, sailStatuses.onHold, sailStatuses.cancelled]),
  holdReason: text.optional(),
  cancelReason: text.optional(),
  // Sails planned before vessels had zones in the table were all planned in the fleet's old zone.
  zone: text.default('America/Los_Angeles'),
  date: text,
  start: text,
  durationMinutes: z.number(),
  crewCount: z.number(),
  guestCapacity: z.number(),
  crewCallAt: instant,
  departAt: instant,
  sunsetAt: instant,
  civilDuskAt: instant,
  returnAt: instant,
  createdBy: text,
  createdAt: instant,
  version: z.number(),
  seriesId: text.optional(),
});
const sailShape: SameShape<z.output<typeof sailSchema>, Sail> = true;

/** A sail (`SAIL#<id>`/`META`), listed by departure in the `byDeparture` index. */
export const sailEntity = defineEntity({
  name: 'sail',
  schema: sailSchema,
  key: (s: InWorkspace & { id: string }) => keys.sail(s.workspace, s.id),
  indexes: { byDeparture: (s) => keys.sailByDeparture(s.workspace, s.departAt.toISOString(), s.id) },
});

const slotSchema = z.object({
  sailId: text,
  slotId: text,
  holder: text.optional(),
  claimedAt: instant.optional(),
  designatedBy: text.optional(),
  heldFor: text.optional(),
  heldUntil: instant.optional(),
});
const slotShape: SameShape<z.output<typeof slotSchema>, Slot> = true;

/** One role on a sail and who holds it (`SLOT#<slot>`). */
export const slotEntity = defineEntity({
  name: 'slot',
  schema: slotSchema,
  key: (s: InWorkspace & { sailId: string; slotId: string }) => keys.slot(s.workspace, s.sailId, s.slotId),
});

const memberSchema = z.object({ sailId: text, userId: text, slotId: text, departAt: instant });
const memberShape: SameShape<z.output<typeof memberSchema>, Member> = true;

/** The one slot a person holds on a sail (`MEMBER#<user>`), listed per person in `byUser`. */
export const memberEntity = defineEntity({
  name: 'member',
  schema: memberSchema,
  key: (m: InWorkspace & { sailId: string; userId: string }) => keys.member(m.workspace, m.sailId, m.userId),
  indexes: {
    byUser: (m) => keys.memberByUser(m.workspace, m.userId, m.departAt.toISOString(), m.sailId),
  },
});

const tickSchema = z.object({ sailId: text, itemId: text, checked: z.boolean(), by: text, at: instant });
const tickShape: SameShape<Omit<z.output<typeof tickSchema>, 'sailId'>, ChecklistTick> = true;

/** The latest tick of one checklist item (`CHECK#<item>`); the item keeps its sail's id. */
export const checklistTickEntity = defineEntity({
  name: 'check',
  schema: tickSchema,
  key: (t: InWorkspace & { sailId: string; itemId: string }) =>
    keys.checklistItem(t.workspace, t.sailId, t.itemId),
});

/** Guests are stored with `guestId`; the domain calls it `id`. */
const guestItem = z.object({
  guestId: text,
  sailId: text,
  name: text,
  email: text,
  invitedAt: text,
  invitedBy: text.optional(),
  status: z.enum([guestStatuses.onHold, guestStatuses.signed]),
  signedAt: text.optional(),
  signedName: text.optional(),
  minors: z.number().optional(),
  latestCode: text.optional(),
  linkIssuedAt: text.optional(),
  checkedInAt: text.optional(),
  checkedInBy: text.optional(),
  noShowAt: text.optional(),
});
const guestValue = guestItem.omit({ guestId: true }).extend({ id: text });
const guestSchema = z.codec(guestItem, guestValue, {
  decode: ({ guestId, ...rest }) => ({ id: guestId, ...rest }),
  encode: ({ id, ...rest }) => ({ guestId: id, ...rest }),
});
const guestShape: SameShape<z.output<typeof guestSchema>, Guest> = true;

/** A guest invited to a sail (`GUEST#<gid>`). */
export const guestEntity = defineEntity({
  name: 'guest',
  schema: guestSchema,
  key: (g: InWorkspace & { sailId: string; id: string }) => keys.guest(g.workspace, g.sailId, g.id),
});

/**
 * One guest per address per sail (`GUESTMAIL#<email>`): the lock names the guest. Locks written
 * before this declaration carry only `guestId`.
 */
export const guestEmailEntity = defineEntity({
  name: 'guest-email',
  schema: z.object({ guestId: text, sailId: text.optional(), email: text.optional() }),
  key: (l: InWorkspace & { sailId: string; email: string }) =>
    keys.guestEmail(l.workspace, l.sailId, l.email),
});

/** The sail's guest seats taken (`GUESTCOUNT`), moved only by conditional `ADD`s. */
export const guestCounterEntity = defineEntity({
  name: 'guest-count',
  schema: z.object({ count: z.number() }),
  key: (c: InWorkspace & { sailId: string }) => keys.guestCount(c.workspace, c.sailId),
});

const waiverSchema = z.object({
  sailId: text,
  guestId: text,
  version: text,
  sha256: text,
  signedName: text,
  minors: z.array(z.object({ fullName: text, birthDate: text })),
  signedAt: text,
  /** The address the request came from as the transport saw it (Lambda's source IP, or the socket). */
  ip: text,
  /** The raw `X-Forwarded-For` header, when sent: informational, since the client can forge it. */
  forwardedFor: text.optional(),
  userAgent: text,
});

/** A signed waiver as stored: what was shown (version, SHA-256), who signed, when and from where. */
export type SignedWaiver = z.output<typeof waiverSchema>;

/** A signed waiver (`WAIVER#<gid>`), written once. */
export const waiverEntity = defineEntity({
  name: 'waiver',
  schema: waiverSchema,
  key: (w: InWorkspace & { sailId: string; guestId: string }) =>
    keys.waiver(w.workspace, w.sailId, w.guestId),
});

const magicCodeSchema = z.object({
  code: text,
  /** The workspace the code's guest belongs to: a claim arrives with the code alone. */
  workspace: text,
  guestId: text,
  sailId: text,
  createdAt: text,
  /** Seconds since the epoch: the table's TTL attribute, checked on every read too. */
  expiresAt: z.number(),
  usedAt: text.optional(),
});

/** A stored magic code. */
export type MagicCode = z.output<typeof magicCodeSchema>;

/** A magic link's code (`CODE#<code>`), single use, TTL 24 h. */
export const magicCodeEntity = defineEntity({
  name: 'magic-code',
  schema: magicCodeSchema,
  key: (c: { code: string }) => keys.magicCode(c.code),
});

/** One window of a rate-limit bucket (`RATE#<bucket>`/`W#<window start>`), moved by `ADD`s. */
export const rateWindowEntity = defineEntity({
  name: 'rate',
  schema: z.object({ count: z.number(), expiresAt: z.number().optional() }),
  key: (w: { bucket: string; window: string }) => keys.rateLimit(w.bucket, w.window),
});

const nudgeSchema = z.object({
  sailId: text,
  kind: text,
  window: text,
  target: text,
  status: z.enum(['sending', 'sent']),
  /** Proves which run holds the claim. */
  token: text,
  claimedAt: text,
  sentAt: text.optional(),
});

/** A nudge's record as stored. */
export type NudgeItem = z.output<typeof nudgeSchema>;

/** A nudge claimed before it is sent, marked sent after (`NUDGE#<sail>`/`<kind>#<window>#<target>`). */
export const nudgeEntity = defineEntity({
  name: 'nudge',
  schema: nudgeSchema,
  key: (n: InWorkspace & { sailId: string; kind: string; window: string; target: string }) =>
    keys.nudge(n.workspace, n.sailId, n.kind, n.window, n.target),
});

/** Who has crewed a vessel (`VESSEL#<id>`/`CREW`, a string set), for role nudges to its regulars. */
export const vesselCrewEntity = defineEntity({
  name: 'vessel-crew',
  schema: z.object({ vesselId: text, crew: z.set(text) }),
  key: (v: InWorkspace & { vesselId: string }) => keys.vesselCrew(v.workspace, v.vesselId),
});

const vesselSchema = z.object({
  id: text,
  name: text,
  kind: z.enum([vesselKinds.sailingYacht, vesselKinds.motorYacht]),
  guestCapacity: z.number(),
  maxCrew: z.number(),
  port: text.optional(),
  lat: z.number().optional(),
  lng: z.number().optional(),
  zone: text.optional(),
  meet: text.optional(),
  parking: text.optional(),
  bring: text.optional(),
  checklist: z.array(z.object({ id: text, label: text })),
  regulars: z.array(text),
  captains: z.array(text),
  reminders: z.array(z.number()).optional(),
  retired: z.boolean(),
  demo: z.boolean(),
  createdBy: text,
  createdAt: instant,
  updatedBy: text,
  updatedAt: instant,
  version: z.number(),
});
const vesselShape: SameShape<z.output<typeof vesselSchema>, Vessel> = true;

/** A vessel of the fleet (`<team>#FLEET`/`VESSEL#<id>`): the fleet is one partition, read with one Query. */
export const vesselEntity = defineEntity({
  name: 'vessel',
  schema: vesselSchema,
  key: (v: InWorkspace & { id: string }) => keys.vessel(v.workspace, v.id),
});

const vesselChangeSchema = z.object({
  vesselId: text,
  version: z.number(),
  by: text,
  at: instant,
  /** What the command was: `add`, `set`, `retire`, `regulars`, `captains`, `seed`. */
  action: text,
  changes: z.array(z.object({ key: text, from: text.optional(), to: text.optional() })),
});

/** One recorded change to a vessel: who, when, what (`<team>#VESSEL#<id>`/`CHANGE#<version>`). */
export type VesselChangeRecord = z.output<typeof vesselChangeSchema>;

/** A vessel's change record, written in the same transaction as the change. */
export const vesselChangeEntity = defineEntity({
  name: 'vessel-change',
  schema: vesselChangeSchema,
  key: (c: InWorkspace & { vesselId: string; version: number }) =>
    keys.vesselChange(c.workspace, c.vesselId, c.version),
});

const demoDataSchema = z.object({
  seededAt: instant,
  /** The demo portfolio's version, while it is in the table. */
  portfolioVersion: z.number().optional(),
  /** The keys of the demo ledger lines still in the table. */
  ledgerLines: z.array(z.object({ PK: text, SK: text })),
  /** The demo vessels seeded. */
  vessels: z.array(text),
  /** When real data replaced the demo portfolio and ledger. */
  replacedAt: instant.optional(),
});

/** What `npm start` seeded as demo data. */
export type DemoData = z.output<typeof demoDataSchema>;

/** The demo data marker (`<team>#DEMO`/`DATA`). */
export const demoDataEntity = defineEntity({
  name: 'demo-data',
  schema: demoDataSchema,
  key: (d: InWorkspace) => keys.demoData(d.workspace),
});

const jobSchema = z.object({
  jobId: text,
  kind: text,
  status: z.enum(['running', 'done', 'failed']),
  claimedAt: text,
  finishedAt: text.optional(),
  error: text.nullable().optional(),
});

/** A job's record as stored. */
export type JobItem = z.output<typeof jobSchema>;

/** A job's claim (`JOB#<id>`), so a redelivered job runs once. */
export const jobEntity = defineEntity({
  name: 'job',
  schema: jobSchema,
  key: (j: InWorkspace & { jobId: string }) => keys.job(j.workspace, j.jobId),
});

const reportRunSchema = z.object({
  runId: text,
  kind: text,
  entity: text.optional(),
  requestedBy: text,
  at: text,
  status: z.enum(['sent', 'failed']),
  messageId: text.optional(),
  error: text.optional(),
  recipients: z.array(text),
});

/** One recorded report run. */
export type ReportRun = z.output<typeof reportRunSchema>;

/** A report run (`REPORT#<run>`/`RUN`), recorded once. */
export const reportRunEntity = defineEntity({
  name: 'report-run',
  schema: reportRunSchema,
  key: (r: InWorkspace & { runId: string }) => keys.reportRun(r.workspace, r.runId),
});

const ledgerLineSchema = z.object({
  date: text,
  description: text,
  amountCents: z.number(),
  source: text,
  hash: text,
});
const ledgerLineShape: SameShape<z.output<typeof ledgerLineSchema>, LedgerLine> = true;

/** A bank line (`LEDGER#<account slug>#<YYYY-MM>`/`LINE#<hash>`), so a re-import adds nothing. */
export const ledgerLineEntity = defineEntity({
  name: 'ledger-line',
  schema: ledgerLineSchema,
  key: (l: InWorkspace & { source: string; date: string; hash: string }) =>
    keys.ledgerLine(l.workspace, sourceSlug(l.source), ledgerMonth(l.date), l.hash),
});

/** The ledger partitions written so far (`LEDGER`/`PARTITIONS`), so reading them needs no scan. */
export const ledgerIndexEntity = defineEntity({
  name: 'ledger-index',
  schema: z.object({ partitions: z.set(text) }),
  key: (l: InWorkspace) => keys.ledgerIndex(l.workspace),
});

const portfolioSchema = z.object({ version: z.number(), sha256: text, yaml: text, importedAt: text });

/** One imported portfolio file as stored. */
export type PortfolioItem = z.output<typeof portfolioSchema>;

/** One version of the portfolio (`PORTFOLIO`/`V#<version>`), kept. */
export const portfolioVersionEntity = defineEntity({
  name: 'portfolio-version',
  schema: portfolioSchema,
  key: (p: InWorkspace & { version: number }) => keys.portfolioVersion(p.workspace, p.version),
});

/** The portfolio in force (`PORTFOLIO`/`CURRENT`), moved with each new version. */
export const portfolioCurrentEntity = defineEntity({
  name: 'portfolio-current',
  schema: portfolioSchema,
  key: (p: InWorkspace) => keys.portfolioCurrent(p.workspace),
});

/** One workspace in the registry (`WORKSPACES`/`<team>`), so the sweep lists them without a scan. */
export const workspaceEntity = defineEntity({
  name: 'workspace',
  schema: z.object({ workspace: text, registeredAt: text }),
  key: (w: { workspace: string }) => keys.workspace(w.workspace),
});

const coverSchema = z.object({
  sailId: text,
  slotId: text,
  requester: text,
  requestedBy: text,
  requestedAt: instant,
  status: z.enum([coverStatuses.open, coverStatuses.covered, coverStatuses.withdrawn]),
  closedBy: text.optional(),
  closedAt: instant.optional(),
});
const coverShape: SameShape<z.output<typeof coverSchema>, CoverRequest> = true;

/** A request to cover a slot (`COVER#<slot>`); a new one replaces a closed one. */
export const coverRequestEntity = defineEntity({
  name: 'cover',
  schema: coverSchema,
  key: (c: InWorkspace & { sailId: string; slotId: string }) =>
    keys.coverRequest(c.workspace, c.sailId, c.slotId),
});

const waiterSchema = z.object({
  sailId: text,
  userId: text,
  joinedAt: instant,
  offeredSlot: text.optional(),
  offerUntil: instant.optional(),
});
const waiterShape: SameShape<z.output<typeof waiterSchema>, Waiter> = true;

/** One person on a sail's waitlist (`WAIT#<user>`), with the slot held for them, if any. */
export const waiterEntity = defineEntity({
  name: 'waiter',
  schema: waiterSchema,
  key: (w: InWorkspace & { sailId: string; userId: string }) => keys.waiter(w.workspace, w.sailId, w.userId),
});

/** A person who muted a sail's reminder DMs (`MUTE#<user>`). */
export const muteEntity = defineEntity({
  name: 'mute',
  schema: z.object({ sailId: text, userId: text, mutedAt: instant }),
  key: (m: InWorkspace & { sailId: string; userId: string }) => keys.mute(m.workspace, m.sailId, m.userId),
});

const offerIndexSchema = z.object({ sailId: text, slotId: text, userId: text, until: instant });

/** A hold as the sweep finds it when it ends. */
export type OfferIndexItem = z.output<typeof offerIndexSchema>;

/** A slot held for someone, listed by when the hold ends (`OFFERS`/`<until>#<sail>#<slot>`). */
export const offerIndexEntity = defineEntity({
  name: 'offer-index',
  schema: offerIndexSchema,
  key: (o: InWorkspace & { sailId: string; slotId: string; until: Date }) =>
    keys.offerIndex(o.workspace, o.until.toISOString(), o.sailId, o.slotId),
});

const seriesSchema = z.object({
  seriesId: text,
  weekday: text,
  until: text,
  /** Every date of the series, in order, as planned. */
  dates: z.array(text),
  createdBy: text,
  createdAt: instant,
});

/** A weekly series as stored. */
export type SeriesItem = z.output<typeof seriesSchema>;

/** A weekly series (`SERIES#<id>`/`META`). */
export const seriesEntity = defineEntity({
  name: 'series',
  schema: seriesSchema,
  key: (s: InWorkspace & { seriesId: string }) => keys.series(s.workspace, s.seriesId),
});

/** The sail of one date of a series (`SERIES#<id>`/`SAIL#<date>`). */
export const seriesSailEntity = defineEntity({
  name: 'series-sail',
  schema: z.object({ seriesId: text, date: text, sailId: text }),
  key: (s: InWorkspace & { seriesId: string; date: string }) =>
    keys.seriesSail(s.workspace, s.seriesId, s.date),
});

/** Every declared entity, by name. */
export const entities = {
  sail: sailEntity,
  slot: slotEntity,
  member: memberEntity,
  checklistTick: checklistTickEntity,
  guest: guestEntity,
  guestEmail: guestEmailEntity,
  guestCounter: guestCounterEntity,
  waiver: waiverEntity,
  magicCode: magicCodeEntity,
  rateWindow: rateWindowEntity,
  nudge: nudgeEntity,
  vesselCrew: vesselCrewEntity,
  vessel: vesselEntity,
  vesselChange: vesselChangeEntity,
  demoData: demoDataEntity,
  job: jobEntity,
  reportRun: reportRunEntity,
  ledgerLine: ledgerLineEntity,
  ledgerIndex: ledgerIndexEntity,
  portfolioVersion: portfolioVersionEntity,
  portfolioCurrent: portfolioCurrentEntity,
  workspace: workspaceEntity,
  coverRequest: coverRequestEntity,
  waiter: waiterEntity,
  mute: muteEntity,
  offerIndex: offerIndexEntity,
  series: seriesEntity,
  seriesSail: seriesSailEntity,
} as const;

/** A calendar token's item (`CALTOKEN#<token>`): the workspace and person its feed is for. */
export const calendarTokenEntity = defineEntity({
  name: 'calendar-token',
  schema: z.object({ token: text, workspace: text, userId: text, issuedAt: instant }),
  key: (t: { token: string }) => calendarKeys.token(t.token),
});

/** A person's current calendar token (`<team>#CALUSER#<user>`/`CALTOKEN`). */
export const calendarPointerEntity = defineEntity({
  name: 'calendar-pointer',
  schema: z.object({ workspace: text, userId: text, token: text, issuedAt: instant }),
  key: (p: { workspace: string; userId: string }) => calendarKeys.ofUser(p.workspace, p.userId),
});

// The compile-time shape checks above are values only so that TypeScript evaluates them.
void [
  sailShape,
  slotShape,
  memberShape,
  tickShape,
  guestShape,
  ledgerLineShape,
  coverShape,
  waiterShape,
  vesselShape,
];
