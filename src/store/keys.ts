/**
 * Every DynamoDB key Bosun writes is built here and nowhere else.
 * One table, `PK`/`SK`; `GSI1` lists sails by departure time, `GSI2` lists a person's roles.
 *
 * A workspace's data (sails and all in their partitions, nudges, vessels, jobs, report runs, the
 * portfolio and ledger) has keys that begin with its Slack team id, `<team>#SAIL#<id>`, and so do
 * its index partitions (`<team>#SAILS`, `<team>#USER#<id>`): one table can serve many workspaces
 * and none sees another's. Lookups that arrive without a workspace use global keys whose items
 * name it: magic codes (`CODE#<code>`, the item has `workspace`), rate-limit windows (keyed by
 * address), the registry of workspaces (`WORKSPACES`/`<team>`) and the readiness probe's key.
 * @see ../../../shared/DESIGN.md "Data"
 */

/** Index names, by the access pattern they serve. */
export const indexes = {
  /** Sails ordered by departure time (`GSI1PK = <team>#SAILS`, `GSI1SK = <departAt ISO>#<sailId>`). */
  byDeparture: 'GSI1',
  /** A person's roles ordered by departure (`GSI2PK = <team>#USER#<id>`, `GSI2SK = <departAt ISO>#<sailId>`). */
  byUser: 'GSI2',
} as const;

/** A primary key. */
export interface Key {
  PK: string;
  SK: string;
}

/** The partition of the workspace registry. */
const WORKSPACES = 'WORKSPACES';

/** A workspace-scoped partition name: the team id, then the name. */
const scoped = (ws: string, name: string) => `${ws}#${name}`;

export const keys = {
  sail: (ws: string, sailId: string): Key => ({ PK: scoped(ws, `SAIL#${sailId}`), SK: 'META' }),
  /**
   * The by-departure partition every sail of a workspace shares; a charter company plans
   * hundreds a year, not millions.
   */
  sailsPartition: (ws: string) => scoped(ws, 'SAILS'),
  sailByDeparture: (ws: string, departAtIso: string, sailId: string) => ({
    GSI1PK: keys.sailsPartition(ws),
    GSI1SK: `${departAtIso}#${sailId}`,
  }),
  slot: (ws: string, sailId: string, slotId: string): Key => ({
    PK: keys.sailPartition(ws, sailId),
    SK: `SLOT#${slotId}`,
  }),
  member: (ws: string, sailId: string, userId: string): Key => ({
    PK: keys.sailPartition(ws, sailId),
    SK: `MEMBER#${userId}`,
  }),
  memberByUser: (ws: string, userId: string, departAtIso: string, sailId: string) => ({
    GSI2PK: keys.userPartition(ws, userId),
    GSI2SK: `${departAtIso}#${sailId}`,
  }),
  userPartition: (ws: string, userId: string) => scoped(ws, `USER#${userId}`),
  checklistItem: (ws: string, sailId: string, itemId: string): Key => ({
    PK: keys.sailPartition(ws, sailId),
    SK: `CHECK#${itemId}`,
  }),
  guest: (ws: string, sailId: string, guestId: string): Key => ({
    PK: keys.sailPartition(ws, sailId),
    SK: `GUEST#${guestId}`,
  }),
  waiver: (ws: string, sailId: string, guestId: string): Key => ({
    PK: keys.sailPartition(ws, sailId),
    SK: `WAIVER#${guestId}`,
  }),
  /** One guest per address per sail: the lock item holds the guest id. */
  guestEmail: (ws: string, sailId: string, email: string): Key => ({
    PK: keys.sailPartition(ws, sailId),
    SK: `GUESTMAIL#${email}`,
  }),
  /** The sail's guest counter, checked against capacity in the same transaction as the add. */
  guestCount: (ws: string, sailId: string): Key => ({ PK: keys.sailPartition(ws, sailId), SK: 'GUESTCOUNT' }),
  guestPrefix: 'GUEST#',
  /** Every item that belongs to one sail lives under this partition key. */
  sailPartition: (ws: string, sailId: string) => scoped(ws, `SAIL#${sailId}`),
  /** A nudge record; `target` (user, guest or `channel`) makes per-person nudges distinct. */
  nudge: (ws: string, sailId: string, kind: string, window: string, target?: string): Key => ({
    PK: keys.nudgePartition(ws, sailId),
    SK: target === undefined ? `${kind}#${window}` : `${kind}#${window}#${target}`,
  }),
  nudgePartition: (ws: string, sailId: string) => scoped(ws, `NUDGE#${sailId}`),
  /** Who has crewed a vessel (a string set), for role nudges to its regulars. */
  vesselCrew: (ws: string, vesselId: string): Key => ({ PK: scoped(ws, `VESSEL#${vesselId}`), SK: 'CREW' }),
  /** A vessel of the fleet: every vessel of a workspace shares one partition, so the fleet is one Query. */
  vessel: (ws: string, vesselId: string): Key => ({ PK: keys.fleetPartition(ws), SK: `VESSEL#${vesselId}` }),
  fleetPartition: (ws: string) => scoped(ws, 'FLEET'),
  vesselPrefix: 'VESSEL#',
  /** One recorded change to a vessel, by its version (`<team>#VESSEL#<id>`/`CHANGE#<version>`). */
  vesselChange: (ws: string, vesselId: string, version: number): Key => ({
    PK: keys.vesselHistory(ws, vesselId),
    SK: `CHANGE#${String(version).padStart(6, '0')}`,
  }),
  vesselHistory: (ws: string, vesselId: string) => scoped(ws, `VESSEL#${vesselId}`),
  vesselChangePrefix: 'CHANGE#',
  /** What `npm start` seeded as demo data, so a real import can take it out. */
  demoData: (ws: string): Key => ({ PK: scoped(ws, 'DEMO'), SK: 'DATA' }),
  job: (ws: string, jobId: string): Key => ({ PK: scoped(ws, `JOB#${jobId}`), SK: 'JOB' }),
  reportRun: (ws: string, runId: string): Key => ({ PK: scoped(ws, `REPORT#${runId}`), SK: 'RUN' }),
  portfolioVersion: (ws: string, version: number): Key => ({
    PK: scoped(ws, 'PORTFOLIO'),
    SK: `V#${String(version).padStart(6, '0')}`,
  }),
  portfolioCurrent: (ws: string): Key => ({ PK: scoped(ws, 'PORTFOLIO'), SK: 'CURRENT' }),
  ledgerLine: (ws: string, sourceSlug: string, month: string, lineHash: string): Key => ({
    PK: scoped(ws, `LEDGER#${sourceSlug}#${month}`),
    SK: `LINE#${lineHash}`,
  }),
  /** A request to cover one slot (`/crew cover`), in the sail's partition. */
  coverRequest: (ws: string, sailId: string, slotId: string): Key => ({
    PK: keys.sailPartition(ws, sailId),
    SK: `COVER#${slotId}`,
  }),
  /** One person on the sail's waitlist (with the slot held for them, if any). */
  waiter: (ws: string, sailId: string, userId: string): Key => ({
    PK: keys.sailPartition(ws, sailId),
    SK: `WAIT#${userId}`,
  }),
  /** A person who muted the sail's reminder DMs (crew call still comes). */
  mute: (ws: string, sailId: string, userId: string): Key => ({
    PK: keys.sailPartition(ws, sailId),
    SK: `MUTE#${userId}`,
  }),
  /**
   * The slots held for someone, by when the hold ends (`<until ISO>#<sail>#<slot>`), so the sweep
   * finds the holds that ran out with one Query, whatever the sail's departure.
   */
  offersPartition: (ws: string) => scoped(ws, 'OFFERS'),
  offerIndex: (ws: string, untilIso: string, sailId: string, slotId: string): Key => ({
    PK: keys.offersPartition(ws),
    SK: `${untilIso}#${sailId}#${slotId}`,
  }),
  /** A weekly series (`/sail create … every=`): its rule and dates, then one item per date's sail. */
  seriesPartition: (ws: string, seriesId: string) => scoped(ws, `SERIES#${seriesId}`),
  series: (ws: string, seriesId: string): Key => ({ PK: keys.seriesPartition(ws, seriesId), SK: 'META' }),
  /** The sail of one date of a series; written in that sail's create transaction, so once per date. */
  seriesSail: (ws: string, seriesId: string, date: string): Key => ({
    PK: keys.seriesPartition(ws, seriesId),
    SK: `SAIL#${date}`,
  }),
  /**
   * Where a sail's live Slack message (its card, its checklist, a cover request `cover-<slot>`) is:
   * owned by the Slack side.
   */
  slackPost: (ws: string, sailId: string, what: 'card' | 'checklist' | `cover-${string}`): Key => ({
    PK: scoped(ws, `SAIL#${sailId}`),
    SK: `POST#${what}`,
  }),
  ledgerIndex: (ws: string): Key => ({ PK: scoped(ws, 'LEDGER'), SK: 'PARTITIONS' }),

  // Global keys: the lookup arrives without a workspace; the item names it where it has one.
  magicCode: (code: string): Key => ({ PK: `CODE#${code}`, SK: 'CODE' }),
  rateLimit: (bucket: string, windowStart: string): Key => ({ PK: `RATE#${bucket}`, SK: `W#${windowStart}` }),
  /** One workspace in the registry the sweep lists (never a scan). */
  workspace: (team: string): Key => ({ PK: WORKSPACES, SK: team }),
  workspacesPartition: () => WORKSPACES,
  /** The fixed key the readiness probe reads (`GET /readyz`); no item is ever written there. */
  readiness: (): Key => ({ PK: 'READY', SK: 'READY' }),

  // ── Reports: history and schedules (src/store/report-history.ts, report-schedules.ts) ──────────
  /** A report's past runs, newest last by SK: one partition per kind and entity (`all` for none). */
  reportHistory: (ws: string, kind: string, scope: string, atIso: string, runId: string): Key => ({
    PK: scoped(ws, `REPORTHIST#${kind}#${scope}`),
    SK: `AT#${atIso}#${runId}`,
  }),
  reportHistoryPartition: (ws: string, kind: string, scope: string) =>
    scoped(ws, `REPORTHIST#${kind}#${scope}`),
  /** Every report schedule of a workspace sits in one small partition, one item per kind and entity. */
  reportSchedule: (ws: string, kind: string, scope: string): Key => ({
    PK: scoped(ws, 'REPORTSCHED'),
    SK: `${kind}#${scope}`,
  }),
  reportSchedulePartition: (ws: string) => scoped(ws, 'REPORTSCHED'),
  /** A scheduled delivery of one period (`2026-W48`, `2026-11`), written once: it never fires twice. */
  reportScheduleFire: (ws: string, kind: string, scope: string, period: string): Key => ({
    PK: scoped(ws, `REPORTSCHED#${kind}#${scope}`),
    SK: `FIRE#${period}`,
  }),
} as const;

/**
 * The partition keys items had before keys began with the workspace (`SAIL#…`, `NUDGE#…`,
 * `VESSEL#…`, `JOB#…`, `REPORT#…`, `LEDGER…`, `PORTFOLIO`): what `bosun migrate` moves.
 */
const LEGACY_PARTITION = /^(SAIL#|NUDGE#|VESSEL#|JOB#|REPORT#|LEDGER#|LEDGER$|PORTFOLIO$)/;

/** Index partitions from before the workspace prefix (`SAILS`, `USER#<id>`). */
const LEGACY_INDEX_PARTITION = /^(SAILS$|USER#)/;

/** The key attributes of an item, as stored. */
export interface KeyAttributes {
  PK: string;
  SK: string;
  GSI1PK?: string | undefined;
  GSI2PK?: string | undefined;
}

/** Keys from before the workspace prefix, for `bosun migrate`. */
export const legacyKeys = {
  /** Whether a partition key is an unprefixed workspace partition. */
  isLegacyPartition: (pk: string) => LEGACY_PARTITION.test(pk),
  /** The same keys with the workspace in front (the sort keys do not change). */
  prefixed: (ws: string, k: KeyAttributes): KeyAttributes => ({
    PK: legacyKeys.prefixedPartition(ws, k.PK),
    SK: k.SK,
    ...(k.GSI1PK === undefined ? {} : { GSI1PK: legacyKeys.prefixedPartition(ws, k.GSI1PK) }),
    ...(k.GSI2PK === undefined ? {} : { GSI2PK: legacyKeys.prefixedPartition(ws, k.GSI2PK) }),
  }),
  /**
   * The entity an item with no `type` attribute is, from its keys (only the kinds written before
   * every item had one: nudges, vessel crews, jobs, report runs, ledger and portfolio items).
   */
  kindOf: (pk: string, sk: string): string | undefined => {
    const bare = pk.replace(/^[TE][A-Z0-9]{2,}#/, '');
    if (bare.startsWith('NUDGE#')) return 'nudge';
    if (bare.startsWith('VESSEL#')) return 'vessel-crew';
    if (bare.startsWith('JOB#')) return 'job';
    if (bare.startsWith('REPORT#')) return 'report-run';
    if (bare.startsWith('LEDGER#')) return 'ledger-line';
    if (bare === 'LEDGER') return 'ledger-index';
    if (bare === 'PORTFOLIO') return sk === 'CURRENT' ? 'portfolio-current' : 'portfolio-version';
    if (bare.startsWith('CODE#')) return 'magic-code';
    if (bare.startsWith('RATE#')) return 'rate';
    return undefined;
  },
  /** Whether a partition key is a magic code's (global: the item names its workspace). */
  isMagicCode: (pk: string) => pk.startsWith('CODE#'),
  /** A legacy partition name with the workspace in front; one that is not legacy is left alone. */
  prefixedPartition: (ws: string, pk: string) =>
    LEGACY_PARTITION.test(pk) || LEGACY_INDEX_PARTITION.test(pk) ? scoped(ws, pk) : pk,
} as const;

/**
 * Calendar subscriptions (`/crew calendar`, `GET /cal/<token>.ics`). The token is a global key,
 * since a calendar app's request names no workspace; its item names the workspace and the person.
 * The person's pointer to their current token is a workspace key (`<team>#CALUSER#<user>`), so
 * `/crew calendar` finds it again and a reset can retire it.
 */
export const calendarKeys = {
  /** A token's item: who it belongs to. Deleted when the person resets it, so the old URL answers 404. */
  token: (token: string): Key => ({ PK: `CALTOKEN#${token}`, SK: 'CALTOKEN' }),
  /** A person's current token, per workspace. */
  ofUser: (workspace: string, userId: string): Key => ({
    PK: scoped(workspace, `CALUSER#${userId}`),
    SK: 'CALTOKEN',
  }),
} as const;

/** The partition of idempotency records (`once`): infrastructure, not a workspace's data. */
export const idempotencyPartition = 'IDEMPOTENCY';
/** The partition name of a bank or card account: `Chase 4411` → `chase-4411`. */
export function sourceSlug(source: string): string {
  return (
    source
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'unknown'
  );
}

/** The month part of a ledger key: `2026-05-14` → `2026-05`. */
export function ledgerMonth(date: string): string {
  return date.slice(0, 7);
}

/** Seconds since the epoch, the unit DynamoDB's TTL attribute `expiresAt` uses. */
export function ttlSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}
