import { describe, expect, it } from 'vitest';
import {
  checkClaimable,
  compareSlotIds,
  describeTaken,
  freeSlots,
  isSlotId,
  resolveRole,
  slotLabel,
  slotsFor,
} from '../../src/sails/roster';
import type { Slot } from '../../src/sails/types';

const slots = slotsFor(3);
const slotList = (holders: Record<string, string>): Slot[] =>
  slots.map((slotId) => ({ sailId: 'S-7K2M9Q', slotId, holder: holders[slotId] }));

describe('slots', () => {
  it('are the captain and numbered crew, in roster order', () => {
    expect(slotsFor(0)).toEqual(['captain']);
    expect(slots).toEqual(['captain', 'crew-1', 'crew-2', 'crew-3']);
    expect(['crew-10', 'crew-2', 'captain', 'crew-1'].sort(compareSlotIds)).toEqual([
      'captain',
      'crew-1',
      'crew-2',
      'crew-10',
    ]);
    expect(isSlotId('crew-0')).toBe(false);
    expect(isSlotId('crew-12')).toBe(true);
    expect(slotLabel('crew-2')).toBe('Crew 2');
    expect(slotLabel('captain')).toBe('Captain');
  });
});

describe('resolveRole', () => {
  it('maps captain, crew (first free crew slot) and slot ids', () => {
    expect(resolveRole('captain', slots, {})).toEqual({ ok: true, value: 'captain' });
    expect(resolveRole('Crew', slots, { 'crew-1': 'U1' })).toEqual({ ok: true, value: 'crew-2' });
    expect(resolveRole('CREW-3', slots, {})).toEqual({ ok: true, value: 'crew-3' });
    // A taken slot still resolves, so the claim can say who holds it.
    expect(resolveRole('crew-1', slots, { 'crew-1': 'U1' })).toEqual({ ok: true, value: 'crew-1' });
  });

  it('explains what is wrong', () => {
    expect(resolveRole('crew', slots, { 'crew-1': 'U1', 'crew-2': 'U2', 'crew-3': 'U3' })).toEqual({
      ok: false,
      error: 'Every crew slot is taken (crew-1, crew-2, crew-3).',
    });
    expect(resolveRole('crew', ['captain'], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no crew slots/),
    });
    expect(resolveRole('bosun', slots, {})).toEqual({
      ok: false,
      error: '"bosun" is not a role on this sail. Use one of: captain, crew, crew-1, crew-2, crew-3.',
    });
    expect(resolveRole('crew-4', slots, {}).ok).toBe(false);
  });
});

describe('checkClaimable', () => {
  const now = new Date('2026-07-01T00:00:00Z');
  const sail = { id: 'S-7K2M9Q', departAt: new Date('2026-07-04T01:30:00Z') };

  it('allows scheduled and held sails (showing the hold), refuses cancelled and departed ones', () => {
    expect(checkClaimable({ ...sail, status: 'scheduled' }, now)).toEqual({ ok: true, onHold: false });
    expect(checkClaimable({ ...sail, status: 'on_hold' }, now)).toEqual({ ok: true, onHold: true });
    expect(checkClaimable({ ...sail, status: 'cancelled' }, now)).toMatchObject({
      ok: false,
      reason: 'cancelled',
    });
    expect(checkClaimable({ ...sail, status: 'scheduled' }, sail.departAt)).toMatchObject({
      ok: false,
      reason: 'departed',
      message: expect.stringMatching(/already departed/),
    });
  });
});

describe('describeTaken', () => {
  it('names the holder and what is still free', () => {
    expect(
      describeTaken('crew-2', 'U123', slotList({ 'crew-2': 'U123', captain: 'U9', 'crew-1': 'U8' })),
    ).toBe('crew-2 is taken by <@U123> — crew-3 is still free.');
    expect(describeTaken('captain', 'U123', slotList({ captain: 'U123' }))).toBe(
      'captain is taken by <@U123> — crew-1, crew-2 and crew-3 are still free.',
    );
    const full = slotList({ captain: 'U1', 'crew-1': 'U2', 'crew-2': 'U3', 'crew-3': 'U4' });
    expect(describeTaken('crew-1', 'U2', full)).toBe(
      'crew-1 is taken by <@U2> — every slot on this sail is taken.',
    );
    const many: Slot[] = slotsFor(6).map((slotId) => ({
      sailId: 'S-1',
      slotId,
      holder: slotId === 'captain' ? 'U1' : undefined,
    }));
    expect(describeTaken('captain', 'U1', many)).toBe(
      'captain is taken by <@U1> — crew-1, crew-2 and crew-3 (and 3 more) are still free.',
    );
    expect(freeSlots(slots, { 'crew-1': 'U1' })).toEqual(['captain', 'crew-2', 'crew-3']);
  });
});
