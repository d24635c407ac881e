import { describe, expect, it } from 'vitest';
import { createSailFactsLoader } from '../../src/jobs/report-data';
import { ceoReport } from '../../src/reports/kinds/ceo';
import { createGuestStore } from '../../src/store/guests';
import { createSailStore } from '../../src/store/sails';
import { fixtureInput } from '../reports/fixture';
import { rows } from '../reports/support';
import { freshTable, WORKSPACE } from '../support/aws';
import { JADA_PLACE } from '../support/fleet';

describe('sail facts for reports (DynamoDB Local)', () => {
  it('counts the guests actually invited, not the capacity, and keeps the capacity apart', async () => {
    const { doc, table } = await freshTable();
    const now = () => new Date('2026-11-25T20:00:00Z');
    const sails = createSailStore({ workspace: WORKSPACE, doc, table, now });
    const guests = createGuestStore({ workspace: WORKSPACE, doc, table, now });
    const created = await sails.create(
      {
        date: '2026-12-05',
        start: 'sunset',
        durationMinutes: 120,
        crewCount: 1,
        guestCapacity: 6,
        vesselId: 'jada',
        title: 'Smith party',
      },
      'UADMIN',
      JADA_PLACE,
    );
    if (!created.ok) throw new Error(created.error);
    const empty = await sails.create(
      {
        date: '2026-12-12',
        start: 'sunset',
        durationMinutes: 120,
        crewCount: 1,
        guestCapacity: 4,
        vesselId: 'jada',
        title: 'Nobody yet',
      },
      'UADMIN',
      JADA_PLACE,
    );
    if (!empty.ok) throw new Error(empty.error);
    const added = await guests.add({
      sailId: created.sail.id,
      name: 'Ana',
      email: 'ana@example.com',
      capacity: 6,
      invitedBy: 'UADMIN',
    });
    expect(added.ok).toBe(true);

    const facts = await createSailFactsLoader({ sails, now })();
    expect(facts.map((f) => [f.id, f.guests, f.capacity])).toEqual([
      [created.sail.id, 1, 6],
      [empty.sail.id, 0, 4],
    ]);

    const m = ceoReport({ ...fixtureInput(), now: now(), sails: facts });
    expect(m.summary[1]).toMatch(/^2 future sails are booked with 1 guest invited \(of 10 seats\)/);
    expect(rows(m, 'Pipeline').map((r) => [r[0], r[3], r[4]])).toEqual([
      [created.sail.id, '1', '6'],
      [empty.sail.id, '0', '4'],
    ]);
    expect(m.tables.find((t) => t.title.startsWith('Pipeline'))?.columns).toEqual([
      'Sail',
      'Departs',
      'Status',
      'Guests invited',
      'Capacity',
      'Revenue',
    ]);
  });
});
