import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { generateCode } from '../auth/codes';
import { StorageError } from '../errors';
import { type Guest, guestStatuses, normalizeEmail } from '../guests/guest';
import { keys } from './keys';
import { conditionFailed, transactWrite } from './transact';

/** A signed waiver as stored: what was shown (version, SHA-256), who signed, when and from where. */
export interface SignedWaiver {
  sailId: string;
  guestId: string;
  version: string;
  sha256: string;
  signedName: string;
  minors: { fullName: string; birthDate: string }[];
  signedAt: string;
  /** The address the request came from as the transport saw it (Lambda's source IP, or the socket). */
  ip: string;
  /** The raw `X-Forwarded-For` header, when sent: informational, since the client can forge it. */
  forwardedFor?: string | undefined;
  userAgent: string;
}

/** What adding a guest did: created, found the same address already invited, or the sail is full. */
export type AddGuestResult =
  | { ok: true; created: boolean; guest: Guest }
  | { ok: false; reason: 'full'; capacity: number };

/** What recording a waiver did. */
export type RecordWaiverResult =
  | { ok: true; waiver: SignedWaiver }
  | { ok: false; reason: 'already_signed'; waiver?: SignedWaiver | undefined }
  | { ok: false; reason: 'no_guest' }
  /** The minors listed need more seats than the sail has left (`seatsLeft` beyond the signer's own). */
  | { ok: false; reason: 'no_seats'; seatsLeft: number; capacity: number };

/** The guest store. */
export interface GuestStore {
  add(input: {
    sailId: string;
    name: string;
    email: string;
    capacity: number;
    invitedBy?: string;
  }): Promise<AddGuestResult>;
  get(sailId: string, guestId: string): Promise<Guest | undefined>;
  list(sailId: string): Promise<Guest[]>;
  findByEmail(sailId: string, email: string): Promise<Guest | undefined>;
  /**
   * Stores a signature once; the minors it lists take guest seats (the signer already holds one),
   * added to the sail's guest counter in the same transaction while `capacity` allows.
   */
  recordWaiver(waiver: SignedWaiver, seats: { capacity: number }): Promise<RecordWaiverResult>;
  /** Guest seats taken on a sail: invited guests plus the minors their waivers list. */
  seatsTaken(sailId: string): Promise<number>;
  getWaiver(sailId: string, guestId: string): Promise<SignedWaiver | undefined>;
}

/** Reads a stored guest item (also used on the `GUEST` items a sail's partition query returns). */
export function toGuest(item: Record<string, unknown>): Guest {
  return {
    id: String(item.guestId),
    sailId: String(item.sailId),
    name: String(item.name),
    email: String(item.email),
    invitedAt: String(item.invitedAt),
    invitedBy: typeof item.invitedBy === 'string' ? item.invitedBy : undefined,
    status: item.status === guestStatuses.signed ? guestStatuses.signed : guestStatuses.onHold,
    signedAt: typeof item.signedAt === 'string' ? item.signedAt : undefined,
    signedName: typeof item.signedName === 'string' ? item.signedName : undefined,
    minors: typeof item.minors === 'number' ? item.minors : undefined,
  };
}

function toWaiver(item: Record<string, unknown>): SignedWaiver {
  const minors = Array.isArray(item.minors) ? item.minors : [];
  return {
    sailId: String(item.sailId),
    guestId: String(item.guestId),
    version: String(item.version),
    sha256: String(item.sha256),
    signedName: String(item.signedName),
    minors: minors.map((m: Record<string, unknown>) => ({
      fullName: String(m.fullName),
      birthDate: String(m.birthDate),
    })),
    signedAt: String(item.signedAt),
    ip: String(item.ip),
    ...(typeof item.forwardedFor === 'string' ? { forwardedFor: item.forwardedFor } : {}),
    userAgent: String(item.userAgent),
  };
}

/** Builds the guest store over the document client and table. */
export function createGuestStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  now?: () => Date;
  newGuestId?: () => string;
}): GuestStore {
  const { doc, table } = deps;
  const now = deps.now ?? (() => new Date());
  const newGuestId = deps.newGuestId ?? (() => `G-${generateCode()}`);

  async function get(sailId: string, guestId: string): Promise<Guest | undefined> {
    const r = await doc.send(
      new GetCommand({ TableName: table, Key: keys.guest(sailId, guestId), ConsistentRead: true }),
    );
    return r.Item ? toGuest(r.Item) : undefined;
  }

  async function findByEmail(sailId: string, email: string): Promise<Guest | undefined> {
    const lock = await doc.send(
      new GetCommand({
        TableName: table,
        Key: keys.guestEmail(sailId, normalizeEmail(email)),
        ConsistentRead: true,
      }),
    );
    const guestId = lock.Item?.guestId;
    return typeof guestId === 'string' ? get(sailId, guestId) : undefined;
  }

  async function getWaiver(sailId: string, guestId: string): Promise<SignedWaiver | undefined> {
    const r = await doc.send(
      new GetCommand({ TableName: table, Key: keys.waiver(sailId, guestId), ConsistentRead: true }),
    );
    return r.Item ? toWaiver(r.Item) : undefined;
  }

  async function seatsTaken(sailId: string): Promise<number> {
    const r = await doc.send(
      new GetCommand({ TableName: table, Key: keys.guestCount(sailId), ConsistentRead: true }),
    );
    return typeof r.Item?.count === 'number' ? r.Item.count : 0;
  }

  return {
    get,
    findByEmail,
    getWaiver,
    seatsTaken,

    async add({ sailId, name, email, capacity, invitedBy }) {
      const normalized = normalizeEmail(email);
      const guest: Guest = {
        id: newGuestId(),
        sailId,
        name,
        email: normalized,
        invitedAt: now().toISOString(),
        invitedBy,
        status: guestStatuses.onHold,
      };
      const outcome = await transactWrite(doc, {
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: { ...keys.guestEmail(sailId, normalized), type: 'guest-email', guestId: guest.id },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            // The counter only moves while it is below capacity; a missing counter means no guests yet.
            Update: {
              TableName: table,
              Key: keys.guestCount(sailId),
              UpdateExpression: 'ADD #n :one SET #type = :type',
              ConditionExpression: 'attribute_not_exists(#n) OR #n < :cap',
              ExpressionAttributeNames: { '#n': 'count', '#type': 'type' },
              ExpressionAttributeValues: { ':one': 1, ':cap': capacity, ':type': 'guest-count' },
            },
          },
          {
            Put: {
              TableName: table,
              Item: {
                ...keys.guest(sailId, guest.id),
                type: 'guest',
                guestId: guest.id,
                sailId,
                name,
                email: normalized,
                invitedAt: guest.invitedAt,
                invitedBy,
                status: guest.status,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
      });
      if (outcome.ok) return { ok: true, created: true, guest };
      const [lock, counter] = outcome.reasons;
      if (conditionFailed(lock)) {
        const existing = await findByEmail(sailId, normalized);
        if (existing) return { ok: true, created: false, guest: existing };
      }
      if (conditionFailed(counter)) return { ok: false, reason: 'full', capacity };
      throw new StorageError('Could not add the guest (a concurrent change got in the way); try again.');
    },

    async list(sailId) {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const r = await doc.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
            ExpressionAttributeValues: { ':pk': keys.sailPartition(sailId), ':prefix': keys.guestPrefix },
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(r.Items ?? []));
        start = r.LastEvaluatedKey;
      } while (start);
      return items
        .map(toGuest)
        .sort((a, b) => a.invitedAt.localeCompare(b.invitedAt) || a.id.localeCompare(b.id));
    },

    async recordWaiver(waiver, { capacity }) {
      const minors = waiver.minors.length;
      const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        {
          Put: {
            TableName: table,
            Item: { ...keys.waiver(waiver.sailId, waiver.guestId), type: 'waiver', ...waiver },
            // Write-once: a signature is never replaced.
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        {
          Update: {
            TableName: table,
            Key: keys.guest(waiver.sailId, waiver.guestId),
            UpdateExpression: 'SET #status = :signed, signedAt = :at, signedName = :name, minors = :minors',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':signed': guestStatuses.signed,
              ':at': waiver.signedAt,
              ':name': waiver.signedName,
              ':minors': minors,
            },
          },
        },
      ];
      if (minors > 0) {
        items.push({
          // Conditions cannot add, so "count + minors <= capacity" is written "count <= capacity - minors".
          Update: {
            TableName: table,
            Key: keys.guestCount(waiver.sailId),
            UpdateExpression: 'ADD #n :minors SET #type = :type',
            ConditionExpression: '(attribute_not_exists(#n) AND :minors <= :cap) OR #n <= :room',
            ExpressionAttributeNames: { '#n': 'count', '#type': 'type' },
            ExpressionAttributeValues: {
              ':minors': minors,
              ':cap': capacity,
              ':room': capacity - minors,
              ':type': 'guest-count',
            },
          },
        });
      }
      const outcome = await transactWrite(doc, { TransactItems: items });
      if (outcome.ok) return { ok: true, waiver };
      const [put, update] = outcome.reasons;
      if (conditionFailed(put)) {
        return {
          ok: false,
          reason: 'already_signed',
          waiver: await getWaiver(waiver.sailId, waiver.guestId),
        };
      }
      if (conditionFailed(update)) return { ok: false, reason: 'no_guest' };
      if (conditionFailed(outcome.reasons[2])) {
        const seatsLeft = Math.max(0, capacity - (await seatsTaken(waiver.sailId)));
        return { ok: false, reason: 'no_seats', seatsLeft, capacity };
      }
      throw new StorageError('Could not record the waiver (a concurrent change got in the way); try again.');
    },
  };
}
