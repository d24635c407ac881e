/**
 * Sunset anywhere: a vessel in the southern hemisphere (Sydney, Australia/Sydney) and one in another
 * zone (Lisbon, Europe/Lisbon), checked against an independent computation, NOAA's sunset algorithm
 * (the equations of the NOAA Solar Calculator) written out here, not suncalc. The sunset-sail rule
 * (departure = sunset − ¾ of the duration, rounded down to 15 minutes) is checked at their ports,
 * through the timing module and end to end through `/fleet add` and `/sail create`.
 * @see https://gml.noaa.gov/grad/solcalc/calcdetails.html
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SailingPlace } from '../../src/fleet/vessel';
import { computeTiming, formatLocal, repeatedHourNotice } from '../../src/sails/timing';
import { replyText, startTestBosun, type TestBosun } from '../support/bosun';

const MIN = 60_000;
const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** NOAA's solar position at an instant: the sun's declination and the equation of time (minutes). */
function noaaSun(at: Date): { declination: number; eqTime: number } {
  const jd = at.getTime() / 86_400_000 + 2440587.5;
  const t = (jd - 2451545) / 36525;
  const l0 = (280.46646 + t * (36000.76983 + t * 0.0003032)) % 360;
  const m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
  const e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
  const c =
    Math.sin(rad(m)) * (1.914602 - t * (0.004817 + 0.000014 * t)) +
    Math.sin(rad(2 * m)) * (0.019993 - 0.000101 * t) +
    Math.sin(rad(3 * m)) * 0.000289;
  const omega = 125.04 - 1934.136 * t;
  const apparent = l0 + c - 0.00569 - 0.00478 * Math.sin(rad(omega));
  const meanObliquity = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
  const obliquity = meanObliquity + 0.00256 * Math.cos(rad(omega));
  const declination = deg(Math.asin(Math.sin(rad(obliquity)) * Math.sin(rad(apparent))));
  const y = Math.tan(rad(obliquity / 2)) ** 2;
  const eqTime =
    4 *
    deg(
      y * Math.sin(2 * rad(l0)) -
        2 * e * Math.sin(rad(m)) +
        4 * e * y * Math.sin(rad(m)) * Math.cos(2 * rad(l0)) -
        0.5 * y * y * Math.sin(4 * rad(l0)) -
        1.25 * e * e * Math.sin(2 * rad(m)),
    );
  return { declination, eqTime };
}

/**
 * Sunset (the sun's upper edge at the horizon, with refraction: zenith 90.833°) on a local date at a
 * place, in UTC. The local date's solar noon is found from the longitude; the sun's position is then
 * taken again at the sunset found, once, as the NOAA spreadsheet's own refinement does.
 */
function noaaSunset(date: string, lat: number, lng: number): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  // The local solar day: the solar noon nearest to noon local mean time, which may fall on the
  // UTC day before or after.
  const meanNoon = midnightUtc + (720 - 4 * lng) * MIN;
  let at = new Date(meanNoon);
  for (let i = 0; i < 3; i++) {
    const { declination, eqTime } = noaaSun(at);
    const ha = deg(
      Math.acos(
        Math.cos(rad(90.833)) / (Math.cos(rad(lat)) * Math.cos(rad(declination))) -
          Math.tan(rad(lat)) * Math.tan(rad(declination)),
      ),
    );
    at = new Date(midnightUtc + (720 - 4 * lng - eqTime + 4 * ha) * MIN);
  }
  return at;
}

const sydney: SailingPlace = {
  zone: 'Australia/Sydney',
  homePort: { name: 'Sydney Harbour', lat: -33.8688, lng: 151.2093 },
};
const lisbon: SailingPlace = {
  zone: 'Europe/Lisbon',
  homePort: { name: 'Lisbon', lat: 38.7223, lng: -9.1393 },
};

function timing(place: SailingPlace, date: string, start: string, durationMinutes: number) {
  const r = computeTiming({ date, start, durationMinutes, vessel: place });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** The ¾ rule applied to NOAA's sunset. */
function ruleFrom(sunset: Date, durationMinutes: number): Date {
  const step = 15 * MIN;
  return new Date(Math.floor((sunset.getTime() - 0.75 * durationMinutes * MIN) / step) * step);
}

describe('sunset at a port in the southern hemisphere (Sydney) and in another zone (Lisbon)', () => {
  it.each([
    // Southern summer (AEDT, UTC+11): a late sunset, about 20:05.
    [sydney, '2026-12-21', /^2026-12-21 20:0\d \+11:00$/],
    // Southern winter (AEST, UTC+10): an early one, about 16:54.
    [sydney, '2026-06-21', /^2026-06-21 16:5\d \+10:00$/],
    // Lisbon in summer (WEST, UTC+1), about 21:05, and winter (WET, UTC+0), about 17:18.
    [lisbon, '2026-06-21', /^2026-06-21 21:0\d \+01:00$/],
    [lisbon, '2026-12-21', /^2026-12-21 17:1\d \+00:00$/],
  ] as const)(
    '%s on %s: suncalc and NOAA agree within 2 minutes, at the local hour expected',
    (place, date, local) => {
      const t = timing(place, date, 'sunset', 120);
      const noaa = noaaSunset(date, place.homePort.lat, place.homePort.lng);
      expect(Math.abs(t.sunsetAt.getTime() - noaa.getTime())).toBeLessThan(2 * MIN);
      expect(formatLocal(t.sunsetAt, place.zone, 'yyyy-MM-dd HH:mm xxx')).toMatch(local);
      // The hemisphere shows: Sydney's December evening is ~3 h longer than its June one.
    },
  );

  it('Sydney has long December evenings and short June ones, the reverse of San Diego', () => {
    const dec = noaaSunset('2026-12-21', -33.8688, 151.2093);
    const jun = noaaSunset('2026-06-21', -33.8688, 151.2093);
    const local = (d: Date, zone: string) => {
      const [h, m] = formatLocal(d, zone, 'HH:mm').split(':').map(Number);
      return (h ?? 0) * 60 + (m ?? 0);
    };
    // Clock time, corrected for the hour of daylight saving in December.
    expect(local(dec, 'Australia/Sydney') - 60 - local(jun, 'Australia/Sydney')).toBeGreaterThan(120);
  });

  it.each([
    [sydney, '2026-12-21', 120],
    [sydney, '2026-06-21', 150],
    [sydney, '2026-03-14', 90],
    [lisbon, '2026-06-21', 180],
    [lisbon, '2026-12-21', 120],
  ] as const)('the sunset-sail rule at %s on %s (%i min) matches NOAA', (place, date, minutes) => {
    const t = timing(place, date, 'sunset', minutes);
    const noaa = noaaSunset(date, place.homePort.lat, place.homePort.lng);
    const fromNoaa = ruleFrom(noaa, minutes);
    const fromOurs = ruleFrom(t.sunsetAt, minutes);
    // Where the two sunsets straddle a 15-minute mark, a one-step difference is the rounding's.
    const straddles = fromNoaa.getTime() !== fromOurs.getTime();
    expect(t.departAt).toEqual(fromOurs);
    if (!straddles) expect(t.departAt).toEqual(fromNoaa);
    else expect(Math.abs(t.departAt.getTime() - fromNoaa.getTime())).toBe(15 * MIN);
    expect(t.departAt.getTime() % (15 * MIN)).toBe(0);
    expect(t.crewCallAt.getTime()).toBe(t.departAt.getTime() - 45 * MIN);
    expect(t.returnAt.getTime()).toBe(t.departAt.getTime() + minutes * MIN);
    // Departure before sunset by at least ¾ of the duration.
    expect(t.sunsetAt.getTime() - t.departAt.getTime()).toBeGreaterThanOrEqual(0.75 * minutes * MIN);
  });

  it("fixed times are read in the port's zone, across its own daylight-saving changes", () => {
    // Sydney's clocks go forward at 02:00 on 2026-10-04: 02:30 never happens.
    expect(
      computeTiming({ date: '2026-10-04', start: '02:30', durationMinutes: 60, vessel: sydney }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/02:30 does not exist on 2026-10-04 in Australia\/Sydney/),
    });
    // And back at 03:00 on 2026-04-05: 02:30 happens twice; the first (AEDT) unless told.
    const first = timing(sydney, '2026-04-05', '02:30', 60);
    expect(formatLocal(first.departAt, 'Australia/Sydney', 'HH:mm xxx')).toBe('02:30 +11:00');
    expect(repeatedHourNotice('2026-04-05', '02:30', 'Australia/Sydney')).toMatch(
      /02:30 happens twice on 2026-04-05 in Australia\/Sydney .*I took the first, 02:30 GMT\+11\. For the second, an hour later, write 02:30GMT\+10\./,
    );
    const second = timing(sydney, '2026-04-05', '02:30GMT+10', 60);
    expect(second.departAt.getTime() - first.departAt.getTime()).toBe(60 * MIN);
    expect(timing(sydney, '2026-04-05', '02:30+10:00', 60).departAt).toEqual(second.departAt);
  });
});

describe('end to end: a Sydney vessel in the fleet, and a sunset sail on it', () => {
  let t: TestBosun;
  beforeAll(async () => {
    t = await startTestBosun({ now: () => new Date('2026-12-01T20:00:00Z') });
  });
  afterAll(() => t.stop());

  it('times the sail at Sydney, in Australia/Sydney, by the rule, as NOAA says', async () => {
    await t.command(
      '/fleet add sydney-star Sydney Star guests=10 crew=3 port="Sydney Harbour" lat=-33.8688 lng=151.2093 zone=Australia/Sydney',
    );
    const res = await t.command('/sail create 2026-12-21 sunset 2h vessel=sydney-star Solstice');
    const id = /S-[0-9A-Z]{6}/.exec(replyText(res))?.[0] ?? '';
    const sail = (await t.bosun.stores.sails.get(id))?.sail;
    expect(sail).toMatchObject({ zone: 'Australia/Sydney', date: '2026-12-21', vesselId: 'sydney-star' });
    const noaa = noaaSunset('2026-12-21', -33.8688, 151.2093);
    expect(Math.abs((sail?.sunsetAt.getTime() ?? 0) - noaa.getTime())).toBeLessThan(2 * MIN);
    expect(sail?.departAt).toEqual(ruleFrom(noaa, 120));
    expect(formatLocal(sail?.departAt ?? new Date(0), 'Australia/Sydney', 'HH:mm')).toBe('18:30');
    // The card's fallback times are Sydney's.
    const card = res.calls.find((c) => c.method === 'chat.postMessage');
    expect(JSON.stringify(card?.args.blocks)).toMatch(/\|18:30 GMT\+11>/);
  });
});
