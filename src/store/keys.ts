/**
 * Every DynamoDB key Bosun writes is built here and nowhere else.
 * One table, `PK`/`SK`; `GSI1` lists sails by departure time, `GSI2` lists a person's roles.
 * @see ../../../shared/DESIGN.md "Data"
 */

/** Index names, by the access pattern they serve. */
export const indexes = {
  /** Sails ordered by departure time (`GSI1PK = "SAILS"`, `GSI1SK = <departAt ISO>#<sailId>`). */
  byDeparture: 'GSI1',
  /** A person's roles ordered by departure (`GSI2PK = USER#<id>`, `GSI2SK = <departAt ISO>#<sailId>`). */
  byUser: 'GSI2',
} as const;

/** The partition every sail shares in the by-departure index; a charter company plans hundreds a year, not millions. */
export const SAILS_PARTITION = 'SAILS';

/** A primary key. */
export interface Key {
  PK: string;
  SK: string;
}

export const keys = {
  sail: (sailId: string): Key => ({ PK: `SAIL#${sailId}`, SK: 'META' }),
  sailByDeparture: (departAtIso: string, sailId: string) => ({
    GSI1PK: SAILS_PARTITION,
    GSI1SK: `${departAtIso}#${sailId}`,
  }),
  slot: (sailId: string, slotId: string): Key => ({ PK: `SAIL#${sailId}`, SK: `SLOT#${slotId}` }),
  member: (sailId: string, userId: string): Key => ({ PK: `SAIL#${sailId}`, SK: `MEMBER#${userId}` }),
  memberByUser: (userId: string, departAtIso: string, sailId: string) => ({
    GSI2PK: `USER#${userId}`,
    GSI2SK: `${departAtIso}#${sailId}`,
  }),
  userPartition: (userId: string) => `USER#${userId}`,
  checklistItem: (sailId: string, itemId: string): Key => ({ PK: `SAIL#${sailId}`, SK: `CHECK#${itemId}` }),
  guest: (sailId: string, guestId: string): Key => ({ PK: `SAIL#${sailId}`, SK: `GUEST#${guestId}` }),
  waiver: (sailId: string, guestId: string): Key => ({ PK: `SAIL#${sailId}`, SK: `WAIVER#${guestId}` }),
  /** One guest per address per sail: the lock item holds the guest id. */
  guestEmail: (sailId: string, email: string): Key => ({ PK: `SAIL#${sailId}`, SK: `GUESTMAIL#${email}` }),
  /** The sail's guest counter, checked against capacity in the same transaction as the add. */
  guestCount: (sailId: string): Key => ({ PK: `SAIL#${sailId}`, SK: 'GUESTCOUNT' }),
  guestPrefix: 'GUEST#',
  waiverPrefix: 'WAIVER#',
  magicCode: (code: string): Key => ({ PK: `CODE#${code}`, SK: 'CODE' }),
  rateLimit: (bucket: string, windowStart: string): Key => ({ PK: `RATE#${bucket}`, SK: `W#${windowStart}` }),
  /** A nudge record; `target` (user, guest or `channel`) makes per-person nudges distinct. */
  nudge: (sailId: string, kind: string, window: string, target?: string): Key => ({
    PK: `NUDGE#${sailId}`,
    SK: target === undefined ? `${kind}#${window}` : `${kind}#${window}#${target}`,
  }),
  nudgePartition: (sailId: string) => `NUDGE#${sailId}`,
  /** Who has crewed a vessel (a string set), for role nudges to its regulars. */
  vesselCrew: (vesselId: string): Key => ({ PK: `VESSEL#${vesselId}`, SK: 'CREW' }),
  job: (jobId: string): Key => ({ PK: `JOB#${jobId}`, SK: 'JOB' }),
  reportRun: (runId: string): Key => ({ PK: `REPORT#${runId}`, SK: 'RUN' }),
  portfolioVersion: (version: number): Key => ({
    PK: 'PORTFOLIO',
    SK: `V#${String(version).padStart(6, '0')}`,
  }),
  portfolioCurrent: (): Key => ({ PK: 'PORTFOLIO', SK: 'CURRENT' }),
  ledgerLine: (entity: string, month: string, lineHash: string): Key => ({
    PK: `LEDGER#${entity}#${month}`,
    SK: `LINE#${lineHash}`,
  }),
  ledgerIndex: (): Key => ({ PK: 'LEDGER', SK: 'PARTITIONS' }),
  /** Where a sail's live Slack message (its card, or its checklist) is: owned by the Slack side. */
  slackPost: (sailId: string, what: 'card' | 'checklist'): Key => ({
    PK: `SAIL#${sailId}`,
    SK: `POST#${what}`,
  }),
  /** The fixed key the readiness probe reads (`GET /readyz`); no item is ever written there. */
  readiness: (): Key => ({ PK: 'READY', SK: 'READY' }),
  /** Prefix for every item that belongs to one sail (a `begins_with` on SK under the sail's PK). */
  sailPartition: (sailId: string) => `SAIL#${sailId}`,
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
    PK: `${workspace}#CALUSER#${userId}`,
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

/** Seconds since the epoch, the unit DynamoDB's TTL attribute `expiresAt` uses. */
export function ttlSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}
