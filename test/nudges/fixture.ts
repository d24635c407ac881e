/**
 * A portfolio for the sweep tests and the benchmark: 20 upcoming sails in every state the sweep
 * cares about (open roles, fully crewed, held, cancelled, created late, with guests), written
 * through the real sail and guest stores, plus any number of past sails written in batches as
 * copies of a real sail item (so their shape is exactly the sail store's).
 */
import { BatchWriteCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { NudgeSenders, SweepGuest } from '../../src/nudges/sweep';
import type { Sail } from '../../src/sails/types';
import type { MessageBody } from '../../src/slack/blocks/types';
import { createFleetStore, type FleetStore } from '../../src/store/fleet';
import { createGuestStore, type GuestStore } from '../../src/store/guests';
import { keys } from '../../src/store/keys';
import { createNudgeStore, type NudgeStore } from '../../src/store/nudges';
import { createSailStore, type SailStore } from '../../src/store/sails';
import { WORKSPACE } from '../support/aws';
import { JADA_PLACE, seedFleet } from '../support/fleet';

/** The sweep's clock in these tests: noon in San Diego, 1 July 2026. */
export const NOW = new Date('2026-07-01T19:00:00.000Z');
const DAY = 86_400_000;

/** The seeded stores and what was seeded. */
export interface Seeded {
  sails: SailStore;
  guests: GuestStore;
  nudges: NudgeStore;
  /** JADA, with two regular crew (`/fleet regulars`): UREGULAR01 and UCREW00001. */
  fleet: FleetStore;
  upcoming: Sail[];
  held: string[];
  cancelled: string[];
  full: string[];
  late: string[];
  withGuests: string[];
}

const starts = ['09:00', '13:30', '18:00'];

/** Seeds 20 upcoming sails and `past` past ones. */
export async function seed(doc: DynamoDBDocumentClient, table: string, past: number): Promise<Seeded> {
  const early = createSailStore({
    workspace: WORKSPACE,
    doc,
    table,
    now: () => new Date(NOW.getTime() - 10 * DAY),
  });
  const late = createSailStore({
    workspace: WORKSPACE,
    doc,
    table,
    now: () => new Date(NOW.getTime() - 2 * 3_600_000),
  });
  const guests = createGuestStore({
    workspace: WORKSPACE,
    doc,
    table,
    now: () => new Date(NOW.getTime() - 5 * DAY),
  });
  const nudges = createNudgeStore({ workspace: WORKSPACE, doc, table, now: () => NOW });
  const fleet = createFleetStore({ workspace: WORKSPACE, doc, table, now: () => NOW });
  await seedFleet(fleet, []);
  const out: Seeded = {
    sails: createSailStore({ workspace: WORKSPACE, doc, table, now: () => NOW }),
    guests,
    nudges,
    fleet,
    upcoming: [],
    held: [],
    cancelled: [],
    full: [],
    late: [],
    withGuests: [],
  };

  for (let i = 0; i < 20; i++) {
    const store = i % 6 === 5 ? late : early;
    const created = await store.create(
      {
        date: `2026-07-0${2 + (i % 3)}`,
        start: starts[Math.floor(i / 3) % starts.length] ?? '13:30',
        durationMinutes: 120,
        crewCount: 2,
        guestCapacity: 6,
        vesselId: 'jada',
        title: `Upcoming <${i}> & friends`,
      },
      'UADMIN0001',
      JADA_PLACE,
    );
    if (!created.ok) throw new Error(created.error);
    const { sail } = created;
    if (store === late) out.late.push(sail.id);
    if (i % 2 === 0) await early.claim(sail.id, 'captain', `UCAPT${String(i).padStart(4, '0')}`);
    if (i % 5 === 1) {
      await early.claim(sail.id, 'captain', `UCAPT${String(i).padStart(4, '0')}`);
      await early.claim(sail.id, 'crew-1', 'UCREW00001');
      await early.claim(sail.id, 'crew-2', 'UCREW00002');
      out.full.push(sail.id);
    }
    if (i % 4 === 0) {
      await guests.add({ sailId: sail.id, name: 'Ann Guest', email: `ann.${i}@example.com`, capacity: 6 });
      await guests.add({ sailId: sail.id, name: 'Bo Guest', email: `bo.${i}@example.com`, capacity: 6 });
      out.withGuests.push(sail.id);
    }
    if (i % 7 === 3) {
      await early.setStatus(sail.id, 'on_hold', 'Small craft advisory');
      out.held.push(sail.id);
    }
    if (i % 9 === 4) {
      await early.setStatus(sail.id, 'cancelled');
      out.cancelled.push(sail.id);
    }
    const record = await early.get(sail.id);
    if (record) out.upcoming.push(record.sail);
  }
  const jada = await fleet.get('jada');
  if (!jada) throw new Error('JADA was not seeded');
  await fleet.update(
    jada,
    { regulars: ['UREGULAR01', 'UCREW00001'] },
    { by: 'UADMIN0001', action: 'regulars', changes: [] },
  );
  await writePastSails(doc, table, out.upcoming[0]?.id ?? '', past);
  return out;
}

/** Writes `count` past sails (departed 1 h … count h before NOW) as copies of a real sail item. */
export async function writePastSails(
  doc: DynamoDBDocumentClient,
  table: string,
  templateId: string,
  count: number,
): Promise<void> {
  const r = await doc.send(new GetCommand({ TableName: table, Key: keys.sail(WORKSPACE, templateId) }));
  const template = r.Item;
  if (!template) throw new Error(`no sail ${templateId} to copy`);
  const items = Array.from({ length: count }, (_, j) => {
    const id = `P-${String(j).padStart(6, '0')}`;
    const departAt = new Date(NOW.getTime() - (j + 1) * 3_600_000).toISOString();
    return {
      ...template,
      ...keys.sail(WORKSPACE, id),
      ...keys.sailByDeparture(WORKSPACE, departAt, id),
      id,
      departAt,
      crewCallAt: departAt,
      returnAt: departAt,
      createdAt: new Date(NOW.getTime() - 400 * DAY).toISOString(),
    };
  });
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const writeBatch = async (batch: typeof items) => {
    let pending: { PutRequest: { Item: Record<string, unknown> } }[] = batch.map((Item) => ({
      PutRequest: { Item },
    }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error('BatchWrite kept returning unprocessed items');
      const res = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (res.UnprocessedItems?.[table] ?? []).flatMap((w) =>
        w.PutRequest?.Item ? [{ PutRequest: { Item: w.PutRequest.Item } }] : [],
      );
    }
  };
  const queue = [...batches];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let b = queue.shift(); b; b = queue.shift()) await writeBatch(b);
    }),
  );
}

/** One delivery a recording sender saw. */
export interface Delivery {
  via: 'thread' | 'dm' | 'email';
  sailId: string;
  to: string;
  message?: MessageBody;
  window?: string;
}

/** Senders that record what they would deliver; `fail` makes chosen deliveries throw. */
export function recordingSenders(fail: (d: Delivery) => boolean = () => false): {
  send: Required<NudgeSenders<MessageBody>>;
  deliveries: Delivery[];
} {
  const deliveries: Delivery[] = [];
  const deliver = async (d: Delivery) => {
    // A real send yields to the event loop; so does this one, so concurrent sweeps interleave.
    await new Promise((r) => setImmediate(r));
    if (fail(d)) throw new Error(`Slack said no to ${d.to}`);
    deliveries.push(d);
  };
  return {
    deliveries,
    send: {
      channelThread: (sail, message) => deliver({ via: 'thread', sailId: sail.id, to: 'channel', message }),
      dm: async (userId, message) => {
        const sailId = /\(S-[0-9A-Z]+\)/.exec(message.text)?.[0]?.slice(1, -1) ?? '?';
        await deliver({ via: 'dm', sailId, to: userId, message });
      },
      waiverReminder: ({ sail, guest, window }: { sail: Sail; guest: SweepGuest; window: string }) =>
        deliver({ via: 'email', sailId: sail.id, to: guest.id, window }),
    },
  };
}
