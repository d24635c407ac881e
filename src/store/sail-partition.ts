/**
 * A sail's whole partition (`SAIL#<id>`) read with one paginated Query and returned as typed
 * groups: the sail, its slots in roster order, members, checklist ticks, guests, waivers and the
 * guest seats taken. Each item is parsed by its entity's schema, so a bad item is a clear error.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CoverRequest } from '../crew/cover';
import { inLine, type Waiter } from '../crew/waitlist';
import type { Guest } from '../guests/guest';
import type { ChecklistTick } from '../sails/checklist';
import { compareSlotIds } from '../sails/roster';
import type { Member, Sail, Slot } from '../sails/types';
import { entities, type SignedWaiver } from './entities';
import { keys } from './keys';
import { queryItems } from './query';

/** A sail with everything stored under its partition. */
export interface SailRecord {
  sail: Sail;
  /** In roster order: captain, crew-1, crew-2, … */
  slots: Slot[];
  members: Member[];
  /** The latest tick of each checklist item that has been ticked. */
  checklist: ChecklistTick[];
  /** Invited guests, in the order they were invited. */
  guests: Guest[];
  /** Signed waivers, one per guest who signed. */
  waivers: SignedWaiver[];
  /** Guest seats taken: invited guests plus the minors their waivers list. */
  seatsTaken: number;
  /** Cover requests, one per slot that has had one (closed ones included). */
  covers: CoverRequest[];
  /** The waitlist, first in line first. */
  waitlist: Waiter[];
  /** Who muted this sail's reminder DMs. */
  mutes: string[];
}

/**
 * Reads a sail's partition (strongly consistent); undefined when the sail does not exist. Items
 * of kinds this code does not know (written by a newer version) are left out, not an error.
 */
export async function readSailPartition(
  doc: DynamoDBDocumentClient,
  table: string,
  workspace: string,
  sailId: string,
): Promise<SailRecord | undefined> {
  let sail: Sail | undefined;
  const record: Omit<SailRecord, 'sail'> = {
    slots: [],
    members: [],
    checklist: [],
    guests: [],
    waivers: [],
    seatsTaken: 0,
    covers: [],
    waitlist: [],
    mutes: [],
  };
  const items = queryItems(doc, {
    TableName: table,
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.sailPartition(workspace, sailId) },
    ConsistentRead: true,
  });
  for await (const item of items) {
    if (entities.sail.is(item)) sail = entities.sail.parse(item);
    else if (entities.slot.is(item)) record.slots.push(entities.slot.parse(item));
    else if (entities.member.is(item)) record.members.push(entities.member.parse(item));
    else if (entities.checklistTick.is(item)) {
      const { sailId: _, ...tick } = entities.checklistTick.parse(item);
      record.checklist.push(tick);
    } else if (entities.guest.is(item)) record.guests.push(entities.guest.parse(item));
    else if (entities.waiver.is(item)) record.waivers.push(entities.waiver.parse(item));
    else if (entities.guestCounter.is(item)) record.seatsTaken = entities.guestCounter.parse(item).count;
    else if (entities.coverRequest.is(item)) record.covers.push(entities.coverRequest.parse(item));
    else if (entities.waiter.is(item)) record.waitlist.push(entities.waiter.parse(item));
    else if (entities.mute.is(item)) record.mutes.push(entities.mute.parse(item).userId);
  }
  if (!sail) return undefined;
  record.slots.sort((a, b) => compareSlotIds(a.slotId, b.slotId));
  record.guests.sort(compareGuests);
  record.waitlist = inLine(record.waitlist);
  return { sail, ...record };
}

/** Guests in the order they were invited (ties by id, so the order is stable). */
export function compareGuests(a: Guest, b: Guest): number {
  return a.invitedAt.localeCompare(b.invitedAt) || a.id.localeCompare(b.id);
}
