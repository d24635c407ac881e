import { getTimes } from 'suncalc';
import { describe, expect, it } from 'vitest';
import {
  CREW_CALL_MINUTES,
  computeTiming,
  floorToMinutes,
  formatLocal,
  localDate,
  localWallTime,
  type SailTiming,
} from '../../src/sails/timing';
import { JADA_PLACE } from '../support/fleet';

const jada = JADA_PLACE;
const zone = 'America/Los_Angeles';
const MIN = 60_000;

function timing(date: string, start: string, durationMinutes = 120): SailTiming {
  const r = computeTiming({ date, start, durationMinutes, vessel: jada });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Local wall-clock `HH:mm` and the UTC offset, as the vessel's zone shows them. */
const local = (at: Date) => formatLocal(at, zone, 'yyyy-MM-dd HH:mm xxx');

describe('sunset sails', () => {
  it('2026-07-04 (summer, PDT): sunset near 20:00 local, departure by the ¾ rule rounded down to 15 min', () => {
    const t = timing('2026-07-04', 'sunset', 120);
    expect(local(t.sunsetAt)).toMatch(/^2026-07-04 20:0\d -07:00$/);
    // Independent: suncalc at San Diego for the UTC instant of that evening.
    const ref = getTimes(new Date('2026-07-04T19:00:00Z'), 32.7157, -117.1611).sunset;
    expect(ref).not.toBeNull();
    expect(Math.abs(t.sunsetAt.getTime() - (ref?.getTime() ?? 0))).toBeLessThan(MIN);
    // 20:00:20 − 90 min = 18:30:20 → 18:30.
    expect(local(t.departAt)).toBe('2026-07-04 18:30 -07:00');
    expect(t.departAt.getTime()).toBe(
      floorToMinutes(new Date(t.sunsetAt.getTime() - 90 * MIN), 15).getTime(),
    );
    expect(t.returnAt.getTime() - t.departAt.getTime()).toBe(120 * MIN);
    expect(t.departAt.getTime() - t.crewCallAt.getTime()).toBe(CREW_CALL_MINUTES * MIN);
    expect(local(t.crewCallAt)).toBe('2026-07-04 17:45 -07:00');
    expect(t.civilDuskAt.getTime()).toBeGreaterThan(t.sunsetAt.getTime() + 20 * MIN);
    expect(t.civilDuskAt.getTime()).toBeLessThan(t.sunsetAt.getTime() + 40 * MIN);
  });

  it('2026-12-21 (winter, PST): sunset 16:45–16:55 local; a 2h30m sail departs floor15(sunset − 112.5 min)', () => {
    const t = timing('2026-12-21', 'sunset', 150);
    expect(local(t.sunsetAt)).toMatch(/^2026-12-21 16:(4[5-9]|5[0-5]) -08:00$/);
    const expected = floorToMinutes(new Date(t.sunsetAt.getTime() - 0.75 * 150 * MIN), 15);
    expect(t.departAt.getTime()).toBe(expected.getTime());
    // 16:46:47 − 1:52:30 = 14:54:17 → 14:45.
    expect(local(t.departAt)).toBe('2026-12-21 14:45 -08:00');
    expect(local(t.returnAt)).toBe('2026-12-21 17:15 -08:00');
    expect(t.departAt.getUTCMinutes() % 15).toBe(0);
    expect(t.departAt.getUTCSeconds()).toBe(0);
  });

  it('uses the local date: a winter sunset falls on the next UTC day but belongs to the asked date', () => {
    const t = timing('2026-12-21', 'sunset');
    expect(t.sunsetAt.toISOString().slice(0, 10)).toBe('2026-12-22');
    expect(localDate(t.sunsetAt, zone)).toBe('2026-12-21');
  });

  it('2026-03-08 (spring forward) and 2026-11-01 (fall back): sunset sails come out in the day-after offset', () => {
    const spring = timing('2026-03-08', 'sunset', 120);
    expect(local(spring.sunsetAt)).toMatch(/^2026-03-08 18:5\d -07:00$/);
    expect(local(spring.departAt)).toMatch(/^2026-03-08 17:(00|15|30) -07:00$/);
    const fall = timing('2026-11-01', 'sunset', 120);
    expect(local(fall.sunsetAt)).toMatch(/^2026-11-01 16:5\d -08:00$/);
    expect(local(fall.departAt)).toMatch(/^2026-11-01 15:(15|30|45) -08:00$/);
    for (const t of [spring, fall]) {
      expect(t.departAt.getTime()).toBe(floorToMinutes(new Date(t.sunsetAt.getTime() - 90 * MIN)).getTime());
    }
  });
});

describe('fixed local start times', () => {
  it('10:00 on 2026-03-08 is 17:00Z (−07:00 after spring forward)', () => {
    const t = timing('2026-03-08', '10:00', 180);
    expect(t.departAt.toISOString()).toBe('2026-03-08T17:00:00.000Z');
    expect(t.crewCallAt.toISOString()).toBe('2026-03-08T16:15:00.000Z');
    expect(t.returnAt.toISOString()).toBe('2026-03-08T20:00:00.000Z');
  });

  it('10:00 on 2026-11-01 is 18:00Z (−08:00 after fall back)', () => {
    expect(timing('2026-11-01', '10:00').departAt.toISOString()).toBe('2026-11-01T18:00:00.000Z');
  });

  it('a sail spanning the spring-forward jump lasts its real duration', () => {
    const t = timing('2026-03-08', '01:00', 120);
    expect(t.departAt.toISOString()).toBe('2026-03-08T09:00:00.000Z');
    expect(local(t.returnAt)).toBe('2026-03-08 04:00 -07:00');
  });

  it('an ambiguous fall-back time means its first (daylight) occurrence', () => {
    expect(timing('2026-11-01', '01:30').departAt.toISOString()).toBe('2026-11-01T08:30:00.000Z');
  });

  it('refuses 02:30 on 2026-03-08, which does not exist in Los Angeles', () => {
    const r = computeTiming({ date: '2026-03-08', start: '02:30', durationMinutes: 120, vessel: jada });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/02:30 does not exist on 2026-03-08.*e\.g\. 03:30/);
    expect(localWallTime('2026-03-08', '02:00', zone).ok).toBe(false);
    expect(localWallTime('2026-03-08', '03:00', zone).ok).toBe(true);
  });

  it('refuses impossible dates and times', () => {
    expect(localWallTime('2026-02-30', '10:00', zone)).toMatchObject({ ok: false });
    expect(localWallTime('2026-02-28', '24:00', zone)).toMatchObject({ ok: false });
    expect(computeTiming({ date: '2026-07-04', start: '10:00', durationMinutes: 0, vessel: jada }).ok).toBe(
      false,
    );
  });
});

describe('formatLocal', () => {
  it('shows an instant in the vessel zone with its abbreviation', () => {
    const at = new Date('2026-12-13T00:15:00Z');
    expect(formatLocal(at, zone)).toBe('Sat 12 Dec 2026, 16:15 PST');
    expect(formatLocal(new Date('2026-07-05T01:30:00Z'), zone, 'HH:mm zzz')).toBe('18:30 PDT');
  });
});
