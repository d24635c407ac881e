/**
 * Calendar subscription tokens. A token is the secret part of a person's feed URL
 * (`GET /cal/<token>.ics`). Calendar apps call that URL without a workspace, so the token's item
 * has a global key (`CALTOKEN#<token>`) and names the workspace and the person. The person's
 * current token also sits under a workspace key (`<team>#CALUSER#<user>`), so `/crew calendar`
 * gives the same URL again and a reset retires the old one.
 *
 * Issuing and resetting are each one transaction over the token item and the pointer. Two
 * requests at the same moment therefore never leave a person with two live tokens. A reset
 * deletes the old token's item, so the old URL answers 404 at once.
 */
import { randomBytes } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { StorageError } from '../errors';
import { calendarPointerEntity, calendarTokenEntity } from './entities';
import { calendarKeys } from './keys';
import { transactWrite } from './transact';

/** Whom a token's feed is for. */
export interface CalendarOwner {
  workspace: string;
  userId: string;
}

/** The calendar token store. */
export interface CalendarTokenStore {
  /** The person's current token, if they have one. */
  current(owner: CalendarOwner): Promise<string | undefined>;
  /** The person's current token, or a new one when they have none (`created` says which). */
  issue(owner: CalendarOwner): Promise<{ token: string; created: boolean }>;
  /** Retires the person's token (if any) and issues a new one. */
  reset(owner: CalendarOwner): Promise<{ token: string; revoked?: string | undefined }>;
  /** Whom a token belongs to; undefined for an unknown or retired token. */
  resolve(token: string): Promise<CalendarOwner | undefined>;
}

/**
 * 24 random bytes, base64url: 32 characters, 192 bits. The URL is the only credential, like a
 * private calendar address in Google Calendar.
 */
export function newCalendarToken(): string {
  return randomBytes(24).toString('base64url');
}

/** What a token may look like in a URL; anything else is refused before the table is asked. */
export const CALENDAR_TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,64}$/;

/** Builds the store; `newToken` is injectable for tests. */
export function createCalendarTokenStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  now?: () => Date;
  newToken?: () => string;
}): CalendarTokenStore {
  const { doc, table } = deps;
  const now = deps.now ?? (() => new Date());
  const newToken = deps.newToken ?? newCalendarToken;

  async function current(owner: CalendarOwner): Promise<string | undefined> {
    const r = await doc.send(
      new GetCommand({
        TableName: table,
        Key: calendarKeys.ofUser(owner.workspace, owner.userId),
        ConsistentRead: true,
      }),
    );
    return r.Item ? calendarPointerEntity.parse(r.Item).token : undefined;
  }

  /**
   * Moves the person's pointer from `previous` (undefined: no pointer yet) to a new token, and
   * writes the new token's item (deleting the previous one's) in the same transaction. False when
   * the pointer was not what the caller read: someone else moved it first.
   */
  async function swap(owner: CalendarOwner, previous: string | undefined, token: string): Promise<boolean> {
    const issuedAt = now();
    const outcome = await transactWrite(doc, {
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: calendarPointerEntity.item({ ...owner, token, issuedAt }),
            ConditionExpression: previous === undefined ? 'attribute_not_exists(PK)' : '#token = :previous',
            ...(previous === undefined
              ? {}
              : {
                  ExpressionAttributeNames: { '#token': 'token' },
                  ExpressionAttributeValues: { ':previous': previous },
                }),
          },
        },
        {
          Put: {
            TableName: table,
            Item: calendarTokenEntity.item({ token, ...owner, issuedAt }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...(previous === undefined
          ? []
          : [{ Delete: { TableName: table, Key: calendarKeys.token(previous) } }]),
      ],
    });
    return outcome.ok;
  }

  return {
    current,

    async issue(owner) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const existing = await current(owner);
        if (existing) return { token: existing, created: false };
        const token = newToken();
        if (await swap(owner, undefined, token)) return { token, created: true };
      }
      throw new StorageError('Could not issue a calendar link (it kept changing); try again.');
    },

    async reset(owner) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const previous = await current(owner);
        const token = newToken();
        if (await swap(owner, previous, token)) return { token, revoked: previous };
      }
      throw new StorageError('Could not reset the calendar link (it kept changing); try again.');
    },

    async resolve(token) {
      if (!CALENDAR_TOKEN_PATTERN.test(token)) return undefined;
      const r = await doc.send(
        new GetCommand({ TableName: table, Key: calendarKeys.token(token), ConsistentRead: true }),
      );
      if (!r.Item) return undefined;
      const { workspace, userId } = calendarTokenEntity.parse(r.Item);
      return { workspace, userId };
    },
  };
}
