/**
 * Magic codes `CODE#<code>`: who the code is for, when it expires (`expiresAt`, the table's TTL, in
 * seconds) and when it was used. Claiming is one conditional write, so a code works exactly once;
 * DynamoDB deletes expired items late, so every read checks `expiresAt` too.
 *
 * Codes are global (a claim arrives with the code alone) and name the workspace of the guest they
 * were issued to; a claim checks that workspace's guest item.
 *
 * Issuing a code also records it on the guest's item (`latestCode`, `linkIssuedAt`) in the same
 * transaction, and a claim checks that record in its own: only the newest link a guest was sent
 * works, so "the old one no longer works" in a re-sent invitation is true.
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { generateCode } from '../auth/codes';
import { StorageError } from '../errors';
import { entities, type MagicCode } from './entities';
import { storageFailure } from './failures';
import { keys, ttlSeconds } from './keys';

export type { MagicCode } from './entities';

import { conditionFailed, transactWrite } from './transact';
import { checkWorkspace } from './workspaces';

/** How long a magic link works. */
export const CODE_TTL_HOURS = 24;

/** Why a claim failed; `superseded`: a newer code was issued to the same guest since. */
export type ClaimFailure = 'unknown' | 'used' | 'expired' | 'superseded';

/** A claimed code (now used) or why not. */
export type ClaimResult =
  | { ok: true; code: MagicCode }
  | { ok: false; reason: ClaimFailure; code?: MagicCode };

/** The magic code store. */
export interface CodeStore {
  create(input: { guestId: string; sailId: string }): Promise<{ code: string; expiresAt: Date }>;
  claim(code: string): Promise<ClaimResult>;
  /** The record behind a code, used or expired included (until DynamoDB's TTL removes it). */
  get(code: string): Promise<MagicCode | undefined>;
}

/** Builds the code store; `generate` is injectable for tests. */
export function createCodeStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The workspace the codes this store issues belong to; claims read it from the code. */
  workspace: string;
  now?: () => Date;
  generate?: () => string;
}): CodeStore {
  const { doc, table } = deps;
  const ws = checkWorkspace(deps.workspace);
  const now = deps.now ?? (() => new Date());
  const generate = deps.generate ?? (() => generateCode());

  async function get(code: string): Promise<MagicCode | undefined> {
    const r = await doc.send(
      new GetCommand({ TableName: table, Key: keys.magicCode(code), ConsistentRead: true }),
    );
    return r.Item ? entities.magicCode.parse(r.Item) : undefined;
  }

  /** Puts the code alone: for a guest with no item (nothing to supersede), e.g. a bare reminder. */
  async function putAlone(item: Record<string, unknown>): Promise<boolean> {
    try {
      await doc.send(
        new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw storageFailure('Could not store the magic code.', err);
    }
  }

  return {
    get,

    async create({ guestId, sailId }) {
      const at = now();
      const expires = new Date(at.getTime() + CODE_TTL_HOURS * 3600_000);
      // 30^8 codes make a collision vanishingly rare; the condition makes one harmless.
      for (let attempt = 0; attempt < 5; attempt++) {
        const code = generate();
        const item = entities.magicCode.item({
          code,
          workspace: ws,
          guestId,
          sailId,
          createdAt: at.toISOString(),
          expiresAt: ttlSeconds(expires),
        });
        const outcome = await transactWrite(doc, {
          TransactItems: [
            { Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
            {
              // The newest code wins: claims of any earlier one check this and fail as superseded.
              Update: {
                TableName: table,
                Key: keys.guest(ws, sailId, guestId),
                UpdateExpression: 'SET latestCode = :code, linkIssuedAt = :at',
                ConditionExpression: 'attribute_exists(PK)',
                ExpressionAttributeValues: { ':code': code, ':at': at.toISOString() },
              },
            },
          ],
        });
        if (outcome.ok) return { code, expiresAt: expires };
        const [put, guest] = outcome.reasons;
        if (conditionFailed(put)) continue;
        // No guest item to record the code on (never an item created just for it): store the code alone.
        if (conditionFailed(guest) && (await putAlone(item))) return { code, expiresAt: expires };
      }
      throw new StorageError('Could not find a free magic code after 5 tries.');
    },

    async claim(code) {
      const at = now();
      const existing = await get(code);
      if (!existing) return { ok: false, reason: 'unknown' };
      const outcome = await transactWrite(doc, {
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: keys.magicCode(code),
              UpdateExpression: 'SET usedAt = :now',
              // Single use, and not past its expiry even if DynamoDB has not deleted it yet.
              ConditionExpression:
                'attribute_exists(PK) AND attribute_not_exists(usedAt) AND expiresAt > :nowSec',
              ExpressionAttributeValues: { ':now': at.toISOString(), ':nowSec': ttlSeconds(at) },
            },
          },
          {
            // Only the newest code issued to the guest works; guests from before codes were recorded
            // on them (or with no item at all) have no `latestCode`, and their codes keep working.
            ConditionCheck: {
              TableName: table,
              Key: keys.guest(existing.workspace, existing.sailId, existing.guestId),
              ConditionExpression: 'attribute_not_exists(latestCode) OR latestCode = :code',
              ExpressionAttributeValues: { ':code': code },
            },
          },
        ],
      });
      if (outcome.ok) return { ok: true, code: { ...existing, usedAt: at.toISOString() } };
      const current = await get(code);
      if (!current) return { ok: false, reason: 'unknown' };
      if (current.usedAt) return { ok: false, reason: 'used', code: current };
      if (conditionFailed(outcome.reasons[1])) return { ok: false, reason: 'superseded', code: current };
      return { ok: false, reason: 'expired', code: current };
    },
  };
}
