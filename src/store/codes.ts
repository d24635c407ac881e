/**
 * Magic codes `CODE#<code>`: who the code is for, when it expires (`expiresAt`, the table's TTL, in
 * seconds) and when it was used. Claiming is one conditional write, so a code works exactly once;
 * DynamoDB deletes expired items late, so every read checks `expiresAt` too.
 *
 * A code is made in two steps around its email: `create` stores it (it supersedes nothing yet), and
 * `activate`, called once SES has accepted the email, records it on the guest's item (`latestCode`,
 * `linkIssuedAt` = the code's creation time). A claim checks the guest in the same transaction: the
 * guest must still exist (removing a guest revokes their links), and the code must be the newest
 * one activated, or made after it (an email whose fate is unknown, say a timeout). So a send that
 * SES refused leaves the earlier link working, and a link that did go retires every older one.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

/**
 * Why a claim failed; `superseded`: a newer link was emailed to the same guest since; `revoked`: the
 * guest was removed from the sail.
 */
export type ClaimFailure = 'unknown' | 'used' | 'expired' | 'superseded' | 'revoked';

/** A claimed code (now used) or why not. */
export type ClaimResult =
  | { ok: true; code: MagicCode }
  | { ok: false; reason: ClaimFailure; code?: MagicCode };

/** The magic code store. */
export interface CodeStore {
  /**
   * Stores a fresh code for a guest, valid for 24 h from `at` (default: the store's clock; the nudge
   * sweep passes its own). It retires nothing until `activate`.
   */
  create(input: { guestId: string; sailId: string; at?: Date }): Promise<IssuedCode>;
  /**
   * Makes `code` the guest's live link once its email went: every code made before it stops
   * working. An older code activated late changes nothing.
   */
  activate(code: IssuedCode): Promise<void>;
  claim(code: string): Promise<ClaimResult>;
  /** The record behind a code, used or expired included (until DynamoDB's TTL removes it). */
  get(code: string): Promise<MagicCode | undefined>;
}

/** A code just made, with what `activate` needs. */
export interface IssuedCode {
  code: string;
  guestId: string;
  sailId: string;
  /** ISO time the code was made: the guest's `linkIssuedAt` once it is activated. */
  createdAt: string;
  expiresAt: Date;
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

  return {
    get,

    async create({ guestId, sailId, at: when }) {
      const at = when ?? now();
      const expires = new Date(at.getTime() + CODE_TTL_HOURS * 3600_000);
      // 30^8 codes make a collision vanishingly rare; the condition makes one harmless.
      for (let attempt = 0; attempt < 5; attempt++) {
        const code = generate();
        const createdAt = at.toISOString();
        const item = entities.magicCode.item({
          code,
          workspace: ws,
          guestId,
          sailId,
          createdAt,
          expiresAt: ttlSeconds(expires),
        });
        try {
          await doc.send(
            new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }),
          );
          return { code, guestId, sailId, createdAt, expiresAt: expires };
        } catch (err) {
          if (err instanceof ConditionalCheckFailedException) continue;
          throw storageFailure('Could not store the magic code.', err);
        }
      }
      throw new StorageError('Could not find a free magic code after 5 tries.');
    },

    async activate({ code, guestId, sailId, createdAt }) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.guest(ws, sailId, guestId),
            UpdateExpression: 'SET latestCode = :code, linkIssuedAt = :at',
            // The newest code wins, whatever order the emails' answers come back in.
            ConditionExpression:
              'attribute_exists(PK) AND (attribute_not_exists(linkIssuedAt) OR linkIssuedAt <= :at)',
            ExpressionAttributeValues: { ':code': code, ':at': createdAt },
          }),
        );
      } catch (err) {
        // The guest is gone (their links are revoked anyway) or a newer link went first.
        if (err instanceof ConditionalCheckFailedException) return;
        throw storageFailure('Could not record the new magic link on the guest.', err);
      }
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
            // The guest is still on the sail, and this is their newest link (`isCurrentFor` in
            // guests/links.ts reads the same rule);
            // guests from before links were recorded on them have no `latestCode`.
            ConditionCheck: {
              TableName: table,
              Key: keys.guest(existing.workspace, existing.sailId, existing.guestId),
              ConditionExpression:
                'attribute_exists(PK) AND (attribute_not_exists(latestCode) OR latestCode = :code OR linkIssuedAt < :created)',
              ExpressionAttributeValues: { ':code': code, ':created': existing.createdAt },
            },
          },
        ],
      });
      if (outcome.ok) return { ok: true, code: { ...existing, usedAt: at.toISOString() } };
      const current = await get(code);
      if (!current) return { ok: false, reason: 'unknown' };
      if (current.usedAt) return { ok: false, reason: 'used', code: current };
      if (conditionFailed(outcome.reasons[1])) {
        const guest = await doc.send(
          new GetCommand({
            TableName: table,
            Key: keys.guest(current.workspace, current.sailId, current.guestId),
            ConsistentRead: true,
          }),
        );
        return { ok: false, reason: guest.Item ? 'superseded' : 'revoked', code: current };
      }
      return { ok: false, reason: 'expired', code: current };
    },
  };
}
