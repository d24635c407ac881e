/**
 * The rules over nudge records, apart from how they are stored: which records count as done, and
 * when a 'sending' claim is taken to be from a run that died. Plain data, no I/O.
 */

/** A 'sending' claim older than this is taken to be from a run that died (Lambda timeout is 30 s). */
export const STALE_CLAIM_MS = 10 * 60_000;

/** A nudge record as stored. */
export interface NudgeRecord {
  sailId: string;
  /** `<kind>#<window>#<target>`, the nudge's key within its sail. */
  key: string;
  status: 'sending' | 'sent';
  claimedAt: string;
  sentAt?: string | undefined;
}

/** The keys of records that count as done now: sent, or being sent by a live run. */
export function sentKeys(records: readonly NudgeRecord[], now: Date): Set<string> {
  const staleBefore = now.getTime() - STALE_CLAIM_MS;
  return new Set(
    records
      .filter((r) => r.status === 'sent' || new Date(r.claimedAt).getTime() >= staleBefore)
      .map((r) => r.key),
  );
}
