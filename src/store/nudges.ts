/**
 * Nudge records `NUDGE#<sailId>` / `<kind>#<window>#<target>`: a nudge is claimed with a conditional
 * put BEFORE it is sent ('sending'), then marked 'sent'. A failed send deletes the claim so the next
 * sweep retries. A claim is never taken over, however old: its run may have sent the nudge (see
 * `src/nudges/records.ts` for why "never twice" wins). So two overlapping sweeps send a nudge once.
 * Also the per-vessel crew log that role nudges DM (`VESSEL#<id>` / `CREW`).
 */
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { NudgeRecord } from '../nudges/records';
import { entities } from './entities';
import { storageFailure } from './failures';
import { keys } from './keys';
import { queryAll } from './query';
import { checkWorkspace } from './workspaces';

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
  /** Claims a nudge before sending it: succeeds once, while no record of it exists. */
  claim(ref: NudgeRef): Promise<ClaimResult>;
  /** Marks our claim sent; false if the record is not our claim. Idempotent: safe to retry. */
  markSent(ref: NudgeRef, token: string): Promise<boolean>;
  /** Drops our claim after a failed send, so the next sweep retries. */
  release(ref: NudgeRef, token: string): Promise<void>;
  /** Adds people to a vessel's crew log. */
  recordCrew(vesselId: string, userIds: readonly string[]): Promise<void>;
  /** The people who have crewed a vessel. */
  regulars(vesselId: string): Promise<string[]>;
}

function wrap(what: string, next = 'the next sweep will try again') {
  return (cause: unknown): never => {
    throw storageFailure(`Could not ${what}; ${next}.`, cause);
  };
}

/** Builds the nudge store over the document client and table. */
export function createNudgeStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack team id every key of this store begins with. */
  workspace: string;
  now?: () => Date;
  newToken?: () => string;
}): NudgeStore {
  const { doc, table } = deps;
  const ws = checkWorkspace(deps.workspace);
  const now = deps.now ?? (() => new Date());
  const newToken = deps.newToken ?? randomUUID;
  const keyOf = (r: NudgeRef) => entities.nudge.key({ ...r, workspace: ws });

  return {
    async recorded(sailId) {
      const items = await queryAll(doc, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.nudgePartition(ws, sailId) },
        ConsistentRead: true,
      }).catch(wrap('read the nudge records'));
      return items.map((item) => {
        const n = entities.nudge.parse(item);
        return {
          sailId,
          key: entities.nudge.key({ ...n, workspace: ws }).SK,
          status: n.status,
          claimedAt: n.claimedAt,
          sentAt: n.sentAt,
        };
      });
    },

    async claim(ref) {
      const at = now();
      const token = newToken();
      try {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: entities.nudge.item(
              {
                workspace: ws,
                sailId: ref.sailId,
                kind: ref.kind,
                window: ref.window,
                target: ref.target,
                status: 'sending',
                token,
                claimedAt: at.toISOString(),
              },
              { expires: new Date(ref.departAt.getTime() + NUDGE_RETENTION_MS) },
            ),
            // Only a new one: a claim left 'sending' may have been sent, so it is never taken over.
            ConditionExpression: 'attribute_not_exists(PK)',
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
            // The token stays, so a retry after a lost response finds its claim and succeeds again.
            UpdateExpression: 'SET #s = :sent, sentAt = if_not_exists(sentAt, :at)',
            ConditionExpression: '#t = :token',
            ExpressionAttributeNames: { '#s': 'status', '#t': 'token' },
            ExpressionAttributeValues: { ':sent': 'sent', ':at': now().toISOString(), ':token': token },
          }),
        );
        return true;
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return false;
        return wrap(
          'mark a nudge sent',
          'the sweep retries, then keeps the claim so it is not sent twice',
        )(err);
      }
    },

    async release(ref, token) {
      try {
        await doc.send(
          new DeleteCommand({
            TableName: table,
            Key: keyOf(ref),
            // Never a sent record, even with its token.
            ConditionExpression: '#t = :token AND #s = :sending',
            ExpressionAttributeNames: { '#t': 'token', '#s': 'status' },
            ExpressionAttributeValues: { ':token': token, ':sending': 'sending' },
          }),
        );
      } catch (err) {
        // Not our claim (sent, or deleted by hand): nothing to undo.
        if (err instanceof ConditionalCheckFailedException) return;
        wrap('release a nudge', 'the sweep retries, then reports it')(err);
      }
    },

    async recordCrew(vesselId, userIds) {
      if (userIds.length === 0) return;
      await doc
        .send(
          new UpdateCommand({
            TableName: table,
            Key: entities.vesselCrew.key({ workspace: ws, vesselId }),
            UpdateExpression: 'ADD crew :users SET vesselId = :v',
            ExpressionAttributeValues: { ':users': new Set(userIds), ':v': vesselId },
          }),
        )
        .catch(wrap('record the crew of a vessel'));
    },

    async regulars(vesselId) {
      const r = await doc
        .send(new GetCommand({ TableName: table, Key: entities.vesselCrew.key({ workspace: ws, vesselId }) }))
        .catch(wrap('read the crew of a vessel'));
      return r.Item ? [...entities.vesselCrew.parse(r.Item).crew].sort() : [];
    },
  };
}
