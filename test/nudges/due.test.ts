import { describe, expect, it } from 'vitest';
import { type DueInput, dueNudges, firingWindow, nudgeKey } from '../../src/nudges/due';

const H = 3_600_000;
const departAt = new Date('2026-07-04T02:00:00.000Z');
const crewCallAt = new Date(departAt.getTime() - 45 * 60_000);
const hoursBefore = (h: number) => new Date(departAt.getTime() - h * H);

type Sail = DueInput['sail'];
const sail = (over: Partial<Sail> = {}): Sail => ({
  id: 'S-7K2M9Q',
  status: 'scheduled',
  departAt,
  crewCallAt,
  createdAt: hoursBefore(24 * 14),
  ...over,
});
const slots = [
  { slotId: 'captain', holder: 'UCAPTAIN1' },
  { slotId: 'crew-1', holder: 'UCREW0001' },
  { slotId: 'crew-2', holder: undefined },
];
const guests = [
  { id: 'G-SIGNED01', status: 'signed' as const },
  { id: 'G-UNSIGNED', status: 'on_hold' as const },
];

function keysAt(now: Date, over: Partial<DueInput> = {}): string[] {
  return dueNudges({ sail: sail(), slots, guests, sent: new Set(), now, ...over })
    .map((n) => n.key)
    .sort();
}

describe('dueNudges over the clock', () => {
  const cases: { name: string; now: Date; over?: Partial<DueInput>; expected: string[] }[] = [
    { name: 'a week out: nothing', now: hoursBefore(24 * 7), expected: [] },
    { name: 'just before the 72 h window', now: new Date(hoursBefore(72).getTime() - 1), expected: [] },
    {
      name: 'exactly on the 72 h edge: the role nudge fires',
      now: hoursBefore(72),
      expected: ['roles#72h#channel'],
    },
    {
      name: 'exactly on the 48 h edge: the unsigned guest is reminded, the signed one not',
      now: hoursBefore(48),
      expected: ['roles#72h#channel', 'waiver#48h#G-UNSIGNED'],
    },
    {
      name: '24 h: latest role window only, waiver 24 h, roster to the captain',
      now: hoursBefore(24),
      expected: ['roles#24h#channel', 'roster#24h#UCAPTAIN1', 'waiver#24h#G-UNSIGNED'],
    },
    {
      name: '6 h',
      now: hoursBefore(6),
      expected: ['roles#6h#channel', 'roster#24h#UCAPTAIN1', 'waiver#24h#G-UNSIGNED'],
    },
    {
      name: 'exactly 3 h before crew call: each holder gets the crew-call DM',
      now: new Date(crewCallAt.getTime() - 3 * H),
      expected: [
        'crew-call#3h#UCAPTAIN1',
        'crew-call#3h#UCREW0001',
        'roles#6h#channel',
        'roster#24h#UCAPTAIN1',
        'waiver#24h#G-UNSIGNED',
      ],
    },
    {
      name: 'after crew call, before departure: no crew-call DM any more; the captain’s guest manifest',
      now: new Date(crewCallAt.getTime() + 60_000),
      expected: [
        'manifest#crew-call#UCAPTAIN1',
        'roles#6h#channel',
        'roster#24h#UCAPTAIN1',
        'waiver#24h#G-UNSIGNED',
      ],
    },
    { name: 'exactly at departure: past, nothing', now: departAt, expected: [] },
    { name: 'after departure: nothing', now: new Date(departAt.getTime() + H), expected: [] },
    {
      name: 'created late (30 h out): no 72 h or 48 h nudges at 30 h',
      now: hoursBefore(29),
      over: { sail: sail({ createdAt: hoursBefore(30) }) },
      expected: [],
    },
    {
      name: 'created late (30 h out): the 24 h windows still ahead of it fire',
      now: hoursBefore(23),
      over: { sail: sail({ createdAt: hoursBefore(30) }) },
      expected: ['roles#24h#channel', 'roster#24h#UCAPTAIN1', 'waiver#24h#G-UNSIGNED'],
    },
    {
      name: 'created exactly on the 24 h edge: the 24 h window is still ahead of it',
      now: hoursBefore(24),
      over: { sail: sail({ createdAt: hoursBefore(24) }) },
      expected: ['roles#24h#channel', 'roster#24h#UCAPTAIN1', 'waiver#24h#G-UNSIGNED'],
    },
    {
      name: 'created 2 h out: every window (crew call too) opened before it, so nothing',
      now: hoursBefore(1.5),
      over: { sail: sail({ createdAt: hoursBefore(2) }) },
      expected: [],
    },
    {
      name: 'on hold: role nudges pause, the others continue',
      now: hoursBefore(24),
      over: { sail: sail({ status: 'on_hold' }) },
      expected: ['roster#24h#UCAPTAIN1', 'waiver#24h#G-UNSIGNED'],
    },
    {
      name: 'cancelled: nothing at all',
      now: new Date(crewCallAt.getTime() - 3 * H),
      over: { sail: sail({ status: 'cancelled' }) },
      expected: [],
    },
    {
      name: 'all slots filled: no role nudge',
      now: hoursBefore(24),
      over: { slots: slots.map((s) => ({ ...s, holder: s.holder ?? 'UCREW0002' })) },
      expected: ['roster#24h#UCAPTAIN1', 'waiver#24h#G-UNSIGNED'],
    },
    {
      name: 'no captain: no roster DM',
      now: hoursBefore(24),
      over: {
        slots: slots.map((s) => (s.slotId === 'captain' ? { slotId: 'captain', holder: undefined } : s)),
      },
      expected: ['roles#24h#channel', 'waiver#24h#G-UNSIGNED'],
    },
    {
      name: 'guests not wired: no waiver nudges',
      now: hoursBefore(24),
      over: { guests: undefined },
      expected: ['roles#24h#channel', 'roster#24h#UCAPTAIN1'],
    },
    {
      name: 'a guest invited 30 h out gets the 24 h reminder but not the 48 h one',
      now: hoursBefore(29),
      over: { guests: [{ id: 'G-LATE0001', status: 'on_hold', invitedAt: hoursBefore(30).toISOString() }] },
      expected: ['roles#72h#channel'],
    },
    {
      name: 'regulars not aboard get a DM about the open role; those aboard do not',
      now: hoursBefore(72),
      over: { regulars: ['UREGULAR1', 'UCREW0001', 'UREGULAR1'] },
      expected: ['roles#72h#UREGULAR1', 'roles#72h#channel'],
    },
    {
      name: 'already sent: not due again',
      now: hoursBefore(24),
      over: { sent: new Set([nudgeKey('roles', '24h', 'channel'), nudgeKey('roster', '24h', 'UCAPTAIN1')]) },
      expected: ['waiver#24h#G-UNSIGNED'],
    },
  ];

  it.each(cases)('$name', ({ now, over, expected }) => {
    expect(keysAt(now, over)).toEqual(expected);
  });

  it('names the open slots and the held slot', () => {
    const nudges = dueNudges({
      sail: sail(),
      slots,
      sent: new Set(),
      now: new Date(crewCallAt.getTime() - 2 * H),
    });
    expect(nudges.find((n) => n.kind === 'roles')?.openSlots).toEqual(['crew-2']);
    expect(nudges.find((n) => n.key === 'crew-call#3h#UCREW0001')?.slotId).toBe('crew-1');
    expect(new Set(nudges.map((n) => n.sailId))).toEqual(new Set(['S-7K2M9Q']));
  });

  it('walking the clock every 15 minutes from creation sends each window once and only the latest one reached', () => {
    const sent = new Set<string>();
    const fired: string[] = [];
    for (let t = hoursBefore(24 * 5).getTime(); t < departAt.getTime() + H; t += 15 * 60_000) {
      for (const n of dueNudges({ sail: sail(), slots, guests, sent, now: new Date(t) })) {
        sent.add(n.key);
        fired.push(n.key);
      }
    }
    expect(fired.sort()).toEqual(
      [
        'crew-call#3h#UCAPTAIN1',
        'crew-call#3h#UCREW0001',
        'manifest#crew-call#UCAPTAIN1',
        'roles#24h#channel',
        'roles#6h#channel',
        'roles#72h#channel',
        'roster#24h#UCAPTAIN1',
        'waiver#24h#G-UNSIGNED',
        'waiver#48h#G-UNSIGNED',
      ].sort(),
    );
  });
});

describe('firingWindow', () => {
  it('skips windows passed while the sweep was not looking, firing only the latest reached', () => {
    expect(firingWindow([72, 24, 6], departAt, hoursBefore(5), hoursBefore(100))).toBe('6h');
    expect(firingWindow([72, 24, 6], departAt, hoursBefore(25), hoursBefore(100))).toBe('72h');
  });
  it('is closed at and after the anchor', () => {
    expect(firingWindow([72], departAt, departAt, hoursBefore(100))).toBeUndefined();
  });
});
