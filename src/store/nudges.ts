/**
 * Nudge records `NUDGE#<sailId>` / `<kind>#<window>#<target>`: a nudge is claimed with a conditional
 * put BEFORE it is sent ('sending'), then marked 'sent'. A failed send deletes the claim so the next
 * sweep retries; a claim left 'sending' by a crashed run goes stale and may be taken again. So two
 * overlapping sweeps send a nudge once, and a failure is neither lost nor doubled.
 * Also the per-vessel crew log that role nudges DM (`VESSEL#<id>` / `CREW`).
 */
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { StorageError } from '../errors';
import { type NudgeRecord, STALE_CLAIM_MS } from '../nudges/records';
import { keys, ttlSeconds } from './keys';

/** Nudge records outlive their sail by this long (DynamoDB TTL), for inspection. */
export const NUDGE_RETENTION_MS = 14 * 24 * 3_600_000;

/** Which nudge, and the departure that bounds its record's life. */
export interface NudgeRef {
  sailId: string;
  kind: string;
  window: string;
  target: string;
  departAt: Date;
}

/** A claim: ours (with the token that proves it), or someone else's. */
export type ClaimResult = { ok: true; token: string } | { ok: false; reason: 'taken' };

/** The nudge store. */
export interface NudgeStore {
  /** Every record of a sail's nudges (one Query). */
  recorded(sailId: string): Promise<NudgeRecord[]>;
  /** Claims a nudge before sending it: succeeds once, unless an earlier claim went stale. */
  claim(ref: NudgeRef): Promise<ClaimResult>;
  /** Marks our claim sent; false if the claim is no longer ours. */
  markSent(ref: NudgeRef, token: string): Promise<boolean>;
  /** Drops our claim after a failed send, so the next sweep retries. */
  release(ref: NudgeRef, token: string): Promise<void>;
  /** Adds people to a vessel's crew log. */
  recordCrew(vesselId: string, userIds: readonly string[]): Promise<void>;
  /** The people who have crewed a vessel. */
  regulars(vesselId: string): Promise<string[]>;
}

function wrap(what: string) {
  return (cause: unknown): never => {
    throw new StorageError(`Could not ${what}; the next sweep will try again.`, { cause });
  };
}

/** Builds the nudge store over the document client and table. */
export function createNudgeStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  now?: () => Date;
  newToken?: () => string;
}): NudgeStore {
  const { doc, table } = deps;
  const now = deps.now ?? (() => new Date());
  const newToken = deps.newToken ?? randomUUID;
  const keyOf = (r: NudgeRef) => keys.nudge(r.sailId, r.kind, r.window, r.target);

  return {
    async recorded(sailId) {
      const out: NudgeRecord[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const r = await doc
          .send(
            new QueryCommand({
              TableName: table,
              KeyConditionExpression: 'PK = :pk',
              ExpressionAttributeValues: { ':pk': keys.nudgePartition(sailId) },
              ConsistentRead: true,
              ExclusiveStartKey: start,
            }),
          )
          .catch(wrap('read the nudge records'));
        for (const item of r.Items ?? []) {
          out.push({
            sailId,
            key: String(item.SK),
            status: item.status === 'sent' ? 'sent' : 'sending',
            claimedAt: String(item.claimedAt),
            sentAt: typeof item.sentAt === 'string' ? item.sentAt : undefined,
          });
        }
        start = r.LastEvaluatedKey;
      } while (start);
      return out;
    },

    async claim(ref) {
      const at = now();
      const token = newToken();
      try {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keyOf(ref),
              sailId: ref.sailId,
              kind: ref.kind,
              window: ref.window,
              target: ref.target,
              status: 'sending',
              token,
              claimedAt: at.toISOString(),
              expiresAt: ttlSeconds(new Date(ref.departAt.getTime() + NUDGE_RETENTION_MS)),
            },
            // New, or a 'sending' claim whose run died before it could finish or release.
            ConditionExpression: 'attribute_not_exists(PK) OR (#s = :sending AND claimedAt < :staleBefore)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':staleBefore': new Date(at.getTime() - STALE_CLAIM_MS).toISOString(),
            },
          }),
        );
        return { ok: true, token };
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return { ok: false, reason: 'taken' };
        return wrap('claim a nudge')(err);
      }
    },

    async markSent(ref, token) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: table,
            Key: keyOf(ref),
            UpdateExpression: 'SET #s = :sent, sentAt = :at REMOVE #t',
            ConditionExpression: '#t = :token',
            ExpressionAttributeNames: { '#s': 'status', '#t': 'token' },
            ExpressionAttributeValues: { ':sent': 'sent', ':at': now().toISOString(), ':token': token },
          }),
        );
        return true;
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return false;
        return wrap('mark a nudge sent')(err);
      }
    },

    async release(ref, token) {
      try {
        await doc.send(
          new DeleteCommand({
            TableName: table,
            Key: keyOf(ref),
            ConditionExpression: '#t = :token',
            ExpressionAttributeNames: { '#t': 'token' },
            ExpressionAttributeValues: { ':token': token },
          }),
        );
      } catch (err) {
        // Someone else's claim now (ours went stale): theirs to finish, nothing to undo.
        if (err instanceof ConditionalCheckFailedException) return;
        wrap('release a nudge')(err);
      }
    },

    async recordCrew(vesselId, userIds) {
      if (userIds.length === 0) return;
      await doc
        .send(
          new UpdateCommand({
            TableName: table,
            Key: keys.vesselCrew(vesselId),
            UpdateExpression: 'ADD crew :users SET vesselId = :v',
            ExpressionAttributeValues: { ':users': new Set(userIds), ':v': vesselId },
          }),
        )
        .catch(wrap('record the crew of a vessel'));
    },

    async regulars(vesselId) {
      const r = await doc
        .send(new GetCommand({ TableName: table, Key: keys.vesselCrew(vesselId) }))
        .catch(wrap('read the crew of a vessel'));
      const crew: unknown = r.Item?.crew;
      return crew instanceof Set ? [...crew].map(String).sort() : [];
    },
  };
}
