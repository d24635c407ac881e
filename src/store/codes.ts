/**
 * Magic codes `CODE#<code>`: who the code is for, when it expires (`expiresAt`, the table's TTL, in
 * seconds) and when it was used. Claiming is one conditional update, so a code works exactly once;
 * DynamoDB deletes expired items late, so every read checks `expiresAt` too.
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { generateCode } from '../auth/codes';
import { StorageError } from '../errors';
import { keys, ttlSeconds } from './keys';

/** How long a magic link works. */
export const CODE_TTL_HOURS = 24;

/** A stored magic code. */
export interface MagicCode {
  code: string;
  guestId: string;
  sailId: string;
  createdAt: string;
  /** Seconds since the epoch (DynamoDB TTL). */
  expiresAt: number;
  usedAt?: string | undefined;
}

/** Why a claim failed. */
export type ClaimFailure = 'unknown' | 'used' | 'expired';

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

function toCode(item: Record<string, unknown>): MagicCode {
  return {
    code: String(item.code),
    guestId: String(item.guestId),
    sailId: String(item.sailId),
    createdAt: String(item.createdAt),
    expiresAt: Number(item.expiresAt),
    usedAt: typeof item.usedAt === 'string' ? item.usedAt : undefined,
  };
}

/** Builds the code store; `generate` is injectable for tests. */
export function createCodeStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  now?: () => Date;
  generate?: () => string;
}): CodeStore {
  const { doc, table } = deps;
  const now = deps.now ?? (() => new Date());
  const generate = deps.generate ?? (() => generateCode());

  async function get(code: string): Promise<MagicCode | undefined> {
    const r = await doc.send(
      new GetCommand({ TableName: table, Key: keys.magicCode(code), ConsistentRead: true }),
    );
    return r.Item ? toCode(r.Item) : undefined;
  }

  return {
    get,

    async create({ guestId, sailId }) {
      const at = now();
      const expires = new Date(at.getTime() + CODE_TTL_HOURS * 3600_000);
      // 30^8 codes make a collision vanishingly rare; the condition makes one harmless.
      for (let attempt = 0; attempt < 5; attempt++) {
        const code = generate();
        try {
          await doc.send(
            new PutCommand({
              TableName: table,
              Item: {
                ...keys.magicCode(code),
                type: 'magic-code',
                code,
                guestId,
                sailId,
                createdAt: at.toISOString(),
                expiresAt: ttlSeconds(expires),
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            }),
          );
          return { code, expiresAt: expires };
        } catch (err) {
          if (!(err instanceof ConditionalCheckFailedException)) {
            throw new StorageError('Could not store the magic code.', { cause: err });
          }
        }
      }
      throw new StorageError('Could not find a free magic code after 5 tries.');
    },

    async claim(code) {
      const at = now();
      try {
        const r = await doc.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.magicCode(code),
            UpdateExpression: 'SET usedAt = :now',
            // Single use, and not past its expiry even if DynamoDB has not deleted it yet.
            ConditionExpression:
              'attribute_exists(PK) AND attribute_not_exists(usedAt) AND expiresAt > :nowSec',
            ExpressionAttributeValues: { ':now': at.toISOString(), ':nowSec': ttlSeconds(at) },
            ReturnValues: 'ALL_NEW',
          }),
        );
        if (!r.Attributes) throw new StorageError('Claiming the code returned nothing.');
        return { ok: true, code: toCode(r.Attributes) };
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) {
          if (err instanceof StorageError) throw err;
          throw new StorageError('Could not claim the magic code.', { cause: err });
        }
      }
      const existing = await get(code);
      if (!existing) return { ok: false, reason: 'unknown' };
      if (existing.usedAt) return { ok: false, reason: 'used', code: existing };
      return { ok: false, reason: 'expired', code: existing };
    },
  };
}
