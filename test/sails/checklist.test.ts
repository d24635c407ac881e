import { describe, expect, it } from 'vitest';
import { vesselKinds } from '../../src/fleet/vessel';
import { checklistFor, checklistView, isChecklistItem } from '../../src/sails/checklist';
import { checkTransition } from '../../src/sails/lifecycle';
import { resolveVessel } from '../../src/sails/parse';
import { JADA } from '../support/fleet';

describe('vessels of the fleet', () => {
  const seaFever = { ...JADA, id: 'sea-fever', name: 'Sea Fever' };
  it('finds the one named (any case), lists the known ids for an unknown one, refuses a retired one', () => {
    expect(resolveVessel('JADA', [JADA])).toEqual({ ok: true, value: JADA });
    expect(resolveVessel('titanic', [JADA])).toEqual({
      ok: false,
      error: 'There is no vessel "titanic". Known vessels: jada (e.g. vessel=jada).',
    });
    expect(resolveVessel('jada', [{ ...JADA, retired: true }, seaFever])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/JADA \(jada\) is retired.*Known vessels: sea-fever/),
    });
  });

  it('without vessel= takes the only vessel in service, or asks which', () => {
    expect(resolveVessel(undefined, [JADA, { ...seaFever, retired: true }])).toEqual({
      ok: true,
      value: JADA,
    });
    expect(resolveVessel(undefined, [JADA, seaFever])).toMatchObject({
      ok: false,
      error: 'Say which vessel with vessel=<id>. Known vessels: jada, sea-fever (e.g. vessel=jada).',
    });
    expect(resolveVessel(undefined, [])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/\/fleet add/),
    });
  });
});

describe('checklist', () => {
  it('has the safety items, with unique ids, for every kind', () => {
    for (const kind of Object.values(vesselKinds)) {
      const ids = checklistFor(kind).map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of [
        'safety-briefing',
        'life-jackets',
        'fuel',
        'weather-check',
        'float-plan',
        'vhf-radio-check',
        'bilge-check',
      ]) {
        expect(ids).toContain(id);
      }
    }
    expect(isChecklistItem(JADA, 'rigging-check')).toBe(true);
    expect(isChecklistItem(JADA, 'engine-check')).toBe(false);
  });

  it('shows the latest tick of each item with who and when', () => {
    const t1 = new Date('2026-07-04T00:00:00Z');
    const t2 = new Date('2026-07-04T00:05:00Z');
    const view = checklistView(JADA, [
      { itemId: 'fuel', checked: false, by: 'U2', at: t2 },
      { itemId: 'fuel', checked: true, by: 'U1', at: t1 },
      { itemId: 'life-jackets', checked: true, by: 'U3', at: t1 },
      { itemId: 'retired-item', checked: true, by: 'U3', at: t1 },
    ]);
    expect(view.find((l) => l.id === 'fuel')).toMatchObject({ checked: false, by: 'U2', at: t2 });
    expect(view.find((l) => l.id === 'life-jackets')).toMatchObject({ checked: true, by: 'U3', at: t1 });
    expect(view.find((l) => l.id === 'bilge-check')).toMatchObject({ checked: false, by: undefined });
    expect(view.map((l) => l.id)).not.toContain('retired-item');
  });
});

describe('status transitions', () => {
  const now = new Date('2026-07-01T00:00:00Z');
  const sail = { id: 'S-7K2M9Q', departAt: new Date('2026-07-04T01:30:00Z') };
  it('hold, unhold and cancel follow the rules', () => {
    expect(checkTransition({ ...sail, status: 'scheduled' }, 'on_hold', now)).toEqual({ ok: true });
    expect(checkTransition({ ...sail, status: 'on_hold' }, 'on_hold', now)).toEqual({ ok: true });
    expect(checkTransition({ ...sail, status: 'on_hold' }, 'scheduled', now)).toEqual({ ok: true });
    expect(checkTransition({ ...sail, status: 'scheduled' }, 'scheduled', now)).toMatchObject({
      reason: 'not_on_hold',
    });
    expect(checkTransition({ ...sail, status: 'on_hold' }, 'cancelled', now)).toEqual({ ok: true });
    expect(checkTransition({ ...sail, status: 'cancelled' }, 'scheduled', now)).toMatchObject({
      reason: 'cancelled',
    });
    // Uncancel: only from cancelled, only before departure.
    expect(checkTransition({ ...sail, status: 'cancelled' }, 'scheduled', now, { uncancel: true })).toEqual({
      ok: true,
    });
    expect(
      checkTransition({ ...sail, status: 'scheduled' }, 'scheduled', now, { uncancel: true }),
    ).toMatchObject({
      reason: 'not_cancelled',
    });
    expect(
      checkTransition({ ...sail, status: 'cancelled' }, 'scheduled', sail.departAt, { uncancel: true }),
    ).toMatchObject({ reason: 'departed' });
    expect(checkTransition({ ...sail, status: 'scheduled' }, 'cancelled', sail.departAt)).toMatchObject({
      reason: 'departed',
    });
  });
});
