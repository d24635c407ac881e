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
  /** Prefix for every item that belongs to one sail (a `begins_with` on SK under the sail's PK). */
  sailPartition: (sailId: string) => `SAIL#${sailId}`,

  // ── Reports: history and schedules (src/store/report-history.ts, report-schedules.ts) ──────────
  /** A report's past runs, newest last by SK: one partition per kind and entity (`all` for none). */
  reportHistory: (kind: string, scope: string, atIso: string, runId: string): Key => ({
    PK: `REPORTHIST#${kind}#${scope}`,
    SK: `AT#${atIso}#${runId}`,
  }),
  reportHistoryPartition: (kind: string, scope: string) => `REPORTHIST#${kind}#${scope}`,
  /** Every report schedule sits in one small partition, one item per kind and entity. */
  reportSchedule: (kind: string, scope: string): Key => ({ PK: 'REPORTSCHED', SK: `${kind}#${scope}` }),
  reportSchedulePartition: () => 'REPORTSCHED',
  /** A scheduled delivery of one period (`2026-W48`, `2026-11`), written once: it never fires twice. */
  reportScheduleFire: (kind: string, scope: string, period: string): Key => ({
    PK: `REPORTSCHED#${kind}#${scope}`,
    SK: `FIRE#${period}`,
  }),
} as const;

/** Seconds since the epoch, the unit DynamoDB's TTL attribute `expiresAt` uses. */
export function ttlSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}
