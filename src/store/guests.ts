/**
 * Guests, their one-per-address locks, the sail's guest counter and signed waivers, all in the
 * sail's partition. Adding a guest and signing a waiver are each one transaction with the counter,
 * so concurrent invites can never overfill a sail.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { generateCode } from '../auth/codes';
import { StorageError } from '../errors';
import { type Guest, guestStatuses, normalizeEmail } from '../guests/guest';
import { entities, type SignedWaiver } from './entities';
import { keys } from './keys';
import { queryItems } from './query';
import { compareGuests } from './sail-partition';
import { conditionFailed, transactWrite } from './transact';
import { checkWorkspace } from './workspaces';

export type { SignedWaiver } from './entities';

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

/** What removing a guest did. */
export type RemoveGuestResult =
  | { ok: true; guest: Guest; seatsFreed: number }
  | { ok: false; reason: 'no_guest' };

/** What checking a guest in did. */
export type CheckInResult =
  | { ok: true; guest: Guest }
  /** Already checked in (by whom and when stay as first recorded). */
  | { ok: false; reason: 'already'; guest: Guest }
  | { ok: false; reason: 'no_guest' };

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
  /**
   * Removes a guest in one transaction: the guest and their address lock go, and the seats they
   * held (theirs and their minors') are freed. A signed waiver stays: it is the record of what was
   * signed. Every link of the guest stops working, since a claim checks that its guest exists; the
   * codes themselves stay until their TTL, so such a link says it was withdrawn.
   */
  remove(sailId: string, guestId: string): Promise<RemoveGuestResult>;
  /** Records who checked a guest in at the dock, and when; the first check-in stands. */
  checkIn(sailId: string, guestId: string, by: string, at: Date): Promise<CheckInResult>;
  /** Marks a guest nobody checked in as a no-show (once); false when checked in or marked already. */
  markNoShow(sailId: string, guestId: string, at: Date): Promise<boolean>;
}

/** Builds the guest store over the document client and table. */
export function createGuestStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack team id every key of this store begins with. */
  workspace: string;
  now?: () => Date;
  newGuestId?: () => string;
}): GuestStore {
  const { doc, table } = deps;
  const ws = checkWorkspace(deps.workspace);
  const now = deps.now ?? (() => new Date());
  const newGuestId = deps.newGuestId ?? (() => `G-${generateCode()}`);

  async function get(sailId: string, guestId: string): Promise<Guest | undefined> {
    const r = await doc.send(
      new GetCommand({ TableName: table, Key: keys.guest(ws, sailId, guestId), ConsistentRead: true }),
    );
    return r.Item ? entities.guest.parse(r.Item) : undefined;
  }

  async function findByEmail(sailId: string, email: string): Promise<Guest | undefined> {
    const lock = await doc.send(
      new GetCommand({
        TableName: table,
        Key: keys.guestEmail(ws, sailId, normalizeEmail(email)),
        ConsistentRead: true,
      }),
    );
    return lock.Item ? get(sailId, entities.guestEmail.parse(lock.Item).guestId) : undefined;
  }

  async function getWaiver(sailId: string, guestId: string): Promise<SignedWaiver | undefined> {
    const r = await doc.send(
      new GetCommand({ TableName: table, Key: keys.waiver(ws, sailId, guestId), ConsistentRead: true }),
    );
    return r.Item ? entities.waiver.parse(r.Item) : undefined;
  }

  async function seatsTaken(sailId: string): Promise<number> {
    const r = await doc.send(
      new GetCommand({ TableName: table, Key: keys.guestCount(ws, sailId), ConsistentRead: true }),
    );
    return r.Item ? entities.guestCounter.parse(r.Item).count : 0;
  }

  return {
    get,
    findByEmail,
    getWaiver,
    seatsTaken,

    async remove(sailId, guestId) {
      const guest = await get(sailId, guestId);
      if (!guest) return { ok: false, reason: 'no_guest' };
      const seats = 1 + (guest.minors ?? 0);
      const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        {
          Delete: {
            TableName: table,
            Key: keys.guest(ws, sailId, guestId),
            // As read: a signature recorded meanwhile changes the seats to free, so try again.
            ConditionExpression: 'attribute_exists(PK) AND #status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': guest.status },
          },
        },
        { Delete: { TableName: table, Key: keys.guestEmail(ws, sailId, guest.email) } },
        {
          Update: {
            TableName: table,
            Key: keys.guestCount(ws, sailId),
            UpdateExpression: 'ADD #n :minus',
            ConditionExpression: 'attribute_exists(#n)',
            ExpressionAttributeNames: { '#n': 'count' },
            ExpressionAttributeValues: { ':minus': -seats },
          },
        },
      ];
      const outcome = await transactWrite(doc, { TransactItems: items });
      if (outcome.ok) return { ok: true, guest, seatsFreed: seats };
      if (conditionFailed(outcome.reasons[0])) {
        const now = await get(sailId, guestId);
        if (!now) return { ok: false, reason: 'no_guest' };
      }
      throw new StorageError('Could not remove the guest (a concurrent change got in the way); try again.');
    },

    async checkIn(sailId, guestId, by, at) {
      try {
        const r = await doc.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.guest(ws, sailId, guestId),
            UpdateExpression: 'SET checkedInAt = :at, checkedInBy = :by REMOVE noShowAt',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(checkedInAt)',
            ExpressionAttributeValues: { ':at': at.toISOString(), ':by': by },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { ok: true, guest: entities.guest.parse(r.Attributes ?? {}) };
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
        const guest = await get(sailId, guestId);
        return guest ? { ok: false, reason: 'already', guest } : { ok: false, reason: 'no_guest' };
      }
    },

    async markNoShow(sailId, guestId, at) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.guest(ws, sailId, guestId),
            UpdateExpression: 'SET noShowAt = :at',
            ConditionExpression:
              'attribute_exists(PK) AND attribute_not_exists(checkedInAt) AND attribute_not_exists(noShowAt)',
            ExpressionAttributeValues: { ':at': at.toISOString() },
          }),
        );
        return true;
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return false;
        throw err;
      }
    },

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
              Item: entities.guestEmail.item({ workspace: ws, sailId, email: normalized, guestId: guest.id }),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            // The counter only moves while it is below capacity; a missing counter means no guests yet.
            Update: {
              TableName: table,
              Key: keys.guestCount(ws, sailId),
              UpdateExpression: 'ADD #n :one SET #type = :type',
              ConditionExpression: 'attribute_not_exists(#n) OR #n < :cap',
              ExpressionAttributeNames: { '#n': 'count', '#type': 'type' },
              ExpressionAttributeValues: { ':one': 1, ':cap': capacity, ':type': entities.guestCounter.name },
            },
          },
          {
            Put: {
              TableName: table,
              Item: entities.guest.item({ ...guest, workspace: ws }),
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
      const guests: Guest[] = [];
      const items = queryItems(doc, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.sailPartition(ws, sailId), ':prefix': keys.guestPrefix },
      });
      for await (const item of items) guests.push(entities.guest.parse(item));
      return guests.sort(compareGuests);
    },

    async recordWaiver(waiver, { capacity }) {
      const minors = waiver.minors.length;
      const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        {
          Put: {
            TableName: table,
            Item: entities.waiver.item({ ...waiver, workspace: ws }),
            // Write-once: a signature is never replaced.
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        {
          Update: {
            TableName: table,
            Key: keys.guest(ws, waiver.sailId, waiver.guestId),
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
            Key: keys.guestCount(ws, waiver.sailId),
            UpdateExpression: 'ADD #n :minors SET #type = :type',
            ConditionExpression: '(attribute_not_exists(#n) AND :minors <= :cap) OR #n <= :room',
            ExpressionAttributeNames: { '#n': 'count', '#type': 'type' },
            ExpressionAttributeValues: {
              ':minors': minors,
              ':cap': capacity,
              ':room': capacity - minors,
              ':type': entities.guestCounter.name,
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
