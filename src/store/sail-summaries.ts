/**
 * What the App Home shows about many sails at once: who holds each slot and how many guest seats
 * are taken, for every sail on the page, without one read per sail. The keys of a sail's slots are
 * known from its crew count (`captain`, `crew-1` … `crew-N`), and so is its guest counter's key.
 * They are read with `BatchGetItem`, 100 keys a call: 20 sails of 4 slots take one call.
 *
 * Waivers are the exception. Which guests signed is known only from the guest items, whose keys
 * are not known in advance. `guestTally` therefore reads each sail's guests with one Query,
 * projected to the status. It is asked only for an admin's page of sails that have guests.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { StorageError } from '../errors';
import { slotsFor } from '../sails/roster';
import type { Sail, Slot } from '../sails/types';
import { entities } from './entities';
import { type Key, keys } from './keys';
import { queryItems } from './query';

/** A sail's roster and guest seats, as the home shows them. */
export interface SailFill {
  /** In roster order; a slot whose item is missing is shown open. */
  slots: Slot[];
  /** Guests invited plus the minors their waivers list. */
  seatsTaken: number;
}

/** Guests invited to a sail and how many of them signed the waiver. */
export interface GuestTally {
  invited: number;
  signed: number;
}

/** The reads behind the App Home's lists. */
export interface SailSummaryReader {
  /** The roster and guest seats of each sail, by id, in `BatchGetItem` calls of 100 keys. */
  fillOf(sails: readonly Pick<Sail, 'id' | 'crewCount'>[]): Promise<Map<string, SailFill>>;
  /** Guests and signed waivers of each sail, by id: one Query per sail, projected to the status. */
  guestTally(sailIds: readonly string[]): Promise<Map<string, GuestTally>>;
}

/** `BatchGetItem`'s limit on keys per call. */
const BATCH_GET_LIMIT = 100;
/** Rounds of unprocessed keys retried before giving up (throttling). */
const MAX_ROUNDS = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const guestStatus = z.object({ status: z.string() });

/** Builds the reader over the document client and table, for one workspace. */
export function createSailSummaryReader(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  workspace: string;
}): SailSummaryReader {
  const { doc, table, workspace: ws } = deps;

  /** Every item of `wanted` that exists, retrying unprocessed keys with backoff. */
  async function batchGet(wanted: Key[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    for (let i = 0; i < wanted.length; i += BATCH_GET_LIMIT) {
      let pending: Record<string, unknown>[] = wanted.slice(i, i + BATCH_GET_LIMIT).map((k) => ({ ...k }));
      for (let round = 0; pending.length > 0; round++) {
        if (round >= MAX_ROUNDS) throw new StorageError('Could not read the sails for the home (throttled)');
        if (round > 0) await sleep(20 * 2 ** round);
        const r: BatchGetCommandOutput = await doc.send(
          new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }),
        );
        found.push(...(r.Responses?.[table] ?? []));
        pending = r.UnprocessedKeys?.[table]?.Keys ?? [];
      }
    }
    return found;
  }

  return {
    async fillOf(sails) {
      const wanted = sails.flatMap((s) => [
        ...slotsFor(s.crewCount).map((slotId) => keys.slot(ws, s.id, slotId)),
        keys.guestCount(ws, s.id),
      ]);
      const items = await batchGet(wanted);
      const slots = new Map<string, Map<string, Slot>>();
      const seats = new Map<string, number>();
      for (const item of items) {
        if (entities.slot.is(item)) {
          const slot = entities.slot.parse(item);
          const of = slots.get(slot.sailId) ?? new Map<string, Slot>();
          of.set(slot.slotId, slot);
          slots.set(slot.sailId, of);
        } else if (entities.guestCounter.is(item)) {
          // The counter's item carries no sail id; its key does (`SAIL#<id>`/`GUESTCOUNT`).
          const sailId = String(item.PK).replace(/^.*SAIL#/, '');
          seats.set(sailId, entities.guestCounter.parse(item).count);
        }
      }
      return new Map(
        sails.map((s) => [
          s.id,
          {
            slots: slotsFor(s.crewCount).map(
              (slotId) => slots.get(s.id)?.get(slotId) ?? { sailId: s.id, slotId },
            ),
            seatsTaken: seats.get(s.id) ?? 0,
          },
        ]),
      );
    },

    async guestTally(sailIds) {
      const tallies = await Promise.all(
        sailIds.map(async (sailId): Promise<[string, GuestTally]> => {
          const tally: GuestTally = { invited: 0, signed: 0 };
          const items = queryItems(doc, {
            TableName: table,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
            ExpressionAttributeValues: { ':pk': keys.sailPartition(ws, sailId), ':prefix': keys.guestPrefix },
            ProjectionExpression: '#status',
            ExpressionAttributeNames: { '#status': 'status' },
          });
          for await (const item of items) {
            tally.invited++;
            if (guestStatus.parse(item).status === 'signed') tally.signed++;
          }
          return [sailId, tally];
        }),
      );
      return new Map(tallies);
    },
  };
}
