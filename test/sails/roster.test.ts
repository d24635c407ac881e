import { describe, expect, it } from 'vitest';
import {
  checkClaimable,
  compareSlotIds,
  isSlotId,
  resolveRole,
  slotLabel,
  slotsFor,
} from '../../src/sails/roster';

const slots = slotsFor(3);

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
