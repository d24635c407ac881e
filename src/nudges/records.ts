/**
 * The rules over nudge records, apart from how they are stored. A nudge is claimed ('sending')
 * before it is sent and marked 'sent' after; a failed send drops its claim, so the next sweep
 * sends it again. Any record that remains blocks the nudge for good, because a 'sending' claim
 * that was never finished may well have been sent: its run may have died mid-send (Lambda
 * timeout), or sent it and then failed to record that. Between "never sent twice" and "never lost"
 * that case takes "never sent twice" (a doubled DM or email is what issue 5 forbids, and a crew
 * member asking about a missed reminder is cheaper than a guest getting two); it is not silent
 * either: once the claim is older than `STALE_CLAIM_MS` every sweep reports it, and deleting the
 * record sends it again. Plain data, no I/O.
 */

/**
 * A 'sending' claim older than this is from a run that died or could not record its send (a live
 * run finishes within the Lambda timeout of 30 s). It is reported, never taken over.
 */
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

/** The keys of nudges not to send again: every record, sent or claimed, however old. */
export function sentKeys(records: readonly NudgeRecord[]): Set<string> {
  return new Set(records.map((r) => r.key));
}

/** Claims left 'sending' for longer than `STALE_CLAIM_MS`: their outcome is unknown. */
export function abandonedClaims(records: readonly NudgeRecord[], now: Date): NudgeRecord[] {
  const staleBefore = now.getTime() - STALE_CLAIM_MS;
  return records.filter((r) => r.status === 'sending' && new Date(r.claimedAt).getTime() < staleBefore);
}
