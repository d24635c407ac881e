import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  draftDefaults,
  formatDuration,
  looksLikeDuration,
  parseCreateCommand,
  parseDuration,
  validateDraft,
} from '../../src/sails/parse';
import { JADA } from '../support/fleet';

/** Noon in San Diego on 1 June 2026. */
const now = new Date('2026-06-01T19:00:00Z');
const fleet = [JADA];
const parse = (text: string) => parseCreateCommand(text, { now, fleet });

function error(text: string): string {
  const r = parse(text);
  if (r.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe('parseCreateCommand examples', () => {
  it('reads the DESIGN.md example', () => {
    expect(parse('2026-12-12 sunset 2h crew=2 guests=6 Holiday lights')).toEqual({
      ok: true,
      value: {
        date: '2026-12-12',
        start: 'sunset',
        durationMinutes: 120,
        crewCount: 2,
        guestCapacity: 6,
        vesselId: 'jada',
        title: 'Holiday lights',
      },
    });
  });

  it('fills defaults and normalises', () => {
    expect(parse('  2026-07-04   SUNSET ')).toMatchObject({
      ok: true,
      value: { durationMinutes: 120, crewCount: 2, guestCapacity: 6, vesselId: 'jada', title: 'Sunset sail' },
    });
    expect(parse('2026-07-04 9:05 90m vessel=JADA')).toMatchObject({
      ok: true,
      value: { start: '09:05', durationMinutes: 90, title: 'Day sail' },
    });
    expect(parse('2026-07-04 10:00 Whale  watching crew=4 trip')).toMatchObject({
      ok: true,
      value: { crewCount: 4, title: 'Whale watching trip', durationMinutes: 120 },
    });
    expect(parse('2026-07-04 10:00 crew=0 guests=0 2h30m Crewless')).toMatchObject({
      ok: true,
      value: { crewCount: 0, guestCapacity: 0, durationMinutes: 150, title: 'Crewless' },
    });
    expect(parse('2026-06-01 18:00')).toMatchObject({ ok: true, value: { date: '2026-06-01' } });
  });

  it('refuses an impossible date and says how to write one', () => {
    expect(error('2026-02-30 sunset')).toBe(
      '2026-02-30 is not a real date. Write the date as YYYY-MM-DD, e.g. 2026-12-12.',
    );
    expect(error('12/12/2026 sunset')).toMatch(/is not a date\. Write the date as YYYY-MM-DD/);
    expect(error('2026-13-01 sunset')).toMatch(/not a real date/);
  });

  it('refuses a past date, and a time already gone today', () => {
    expect(error('2026-05-31 sunset')).toMatch(
      /2026-05-31 is in the past \(today is 2026-06-01 .*\)\. Pick today or a later date\./,
    );
    expect(error('2026-06-01 11:00')).toMatch(/would depart in the past\. Pick a later time/);
  });

  it('refuses a duration of 0 or over 12 hours, and unreadable durations', () => {
    expect(error('2026-07-04 sunset 0h')).toMatch(/longer than 0 minutes.*2h, 90m or 2h30m/);
    expect(error('2026-07-04 sunset 0m')).toMatch(/longer than 0 minutes/);
    expect(error('2026-07-04 sunset 12h1m')).toMatch(/at most 12h/);
    expect(error('2026-07-04 sunset 13h')).toMatch(/at most 12h/);
    expect(error('2026-07-04 sunset 2hours')).toMatch(
      /"2hours" is not a duration\. Write it like 2h, 90m or 2h30m\./,
    );
    expect(error('2026-07-04 sunset 1h90m')).toMatch(/Write it like 2h30m or 150m/);
    expect(parse('2026-07-04 sunset 12h')).toMatchObject({ ok: true, value: { durationMinutes: 720 } });
  });

  it('refuses a crew count outside 0–20', () => {
    expect(error('2026-07-04 sunset crew=21')).toMatch(/whole number from 0 to 20.*crew=2/);
    expect(error('2026-07-04 sunset crew=-1')).toMatch(/"-1" is not a crew count/);
    expect(error('2026-07-04 sunset crew=two')).toMatch(/"two" is not a crew count/);
    expect(parse('2026-07-04 sunset crew=20')).toMatchObject({ ok: true, value: { crewCount: 20 } });
  });

  it('refuses guests beyond the vessel capacity', () => {
    expect(error('2026-07-04 sunset guests=13')).toMatch(
      /not a guest count for JADA\. Give a whole number from 0 to 12/,
    );
    expect(parse('2026-07-04 sunset guests=12')).toMatchObject({ ok: true, value: { guestCapacity: 12 } });
  });

  it('refuses an unknown vessel, listing the known ones', () => {
    expect(error('2026-07-04 sunset vessel=titanic')).toMatch(/no vessel "titanic"\. Known vessels: jada/);
  });

  it('refuses a title over 120 characters', () => {
    expect(error(`2026-07-04 sunset ${'x'.repeat(121)}`)).toMatch(/121 characters long; keep it to 120/);
    expect(parse(`2026-07-04 sunset ${'x'.repeat(120)}`).ok).toBe(true);
  });

  it('refuses a missing or wrong start time, a time skipped by DST, and unknown or repeated options', () => {
    expect(error('')).toMatch(/Give a date and a start time/);
    expect(error('2026-07-04')).toMatch(/Give a start time after the date: HH:MM or "sunset"/);
    expect(error('2026-07-04 noon')).toMatch(/"noon" is not a start time\. Write HH:MM.*or "sunset"/);
    expect(error('2026-07-04 25:00')).toMatch(/not a start time/);
    expect(error('2027-03-14 02:30')).toMatch(/02:30 does not exist on 2027-03-14/);
    expect(error('2026-07-04 sunset captain=U1')).toMatch(
      /"captain=" is not an option\. The options are crew=/,
    );
    expect(error('2026-07-04 sunset crew=2 crew=3')).toMatch(/crew= is given twice/);
    expect(error('2026-07-04 sunset crew=')).toMatch(/crew= needs a value, e\.g\. crew=2/);
  });
});

describe('titles that look a little like options or durations', () => {
  it('reads "4th of July fireworks" as a title, not a duration', () => {
    const r = parse('2026-07-04 sunset 4th of July fireworks');
    expect(r).toMatchObject({ ok: true, value: { title: '4th of July fireworks', durationMinutes: 120 } });
  });

  it('keeps an unknown key=value inside a title that has begun', () => {
    const r = parse('2026-07-04 sunset 2h Dinner time=7pm on deck crew=3');
    expect(r).toMatchObject({ ok: true, value: { title: 'Dinner time=7pm on deck', crewCount: 3 } });
  });

  it('still refuses an unknown option before the title, a bare number and a unit it cannot read', () => {
    expect(error('2026-07-04 sunset crw=2 Party')).toMatch(/"crw=" is not an option/);
    expect(error('2026-07-04 sunset 90 Party')).toMatch(/not a duration/);
    expect(error('2026-07-04 sunset 90min Party')).toMatch(/not a duration/);
  });

  it('any title without duration-shaped words reads back exactly (property)', () => {
    const titleWord = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9'&!.,=-]{0,10}$/);
    fc.assert(
      fc.property(
        fc
          .array(titleWord, { minLength: 1, maxLength: 6 })
          .filter(
            (ws) =>
              !/^\d+(?:[hm]|$)/i.test(ws[0] ?? '') &&
              // A number first (`90`, `1,5`) is a duration lacking its unit, not a title word.
              !/^[-+]?\d+(?:[.,]\d+)?$/.test(ws[0] ?? '') &&
              !/^[a-z]+=/i.test(ws[0] ?? ''),
          )
          .filter((ws) => ws.slice(1).every((w) => !/^(crew|guests|vessel)=/i.test(w)))
          // Duration-shaped words are read as the duration wherever they stand; `force` is the flag.
          .filter((ws) => ws.every((w) => !looksLikeDuration(w) && w !== 'force')),
        (words) => {
          const r = parse(`2026-07-04 sunset 2h ${words.join(' ')}`);
          expect(r.ok && r.value.title).toBe(words.join(' '));
        },
      ),
    );
  });
});

describe('validateDraft (the modal path)', () => {
  it('gives the same answers as the inline grammar', () => {
    expect(
      validateDraft(
        {
          date: '2026-12-12',
          start: 'sunset',
          duration: '2h',
          crew: '2',
          guests: '6',
          title: 'Holiday lights',
        },
        { now, fleet },
      ),
    ).toEqual(parse('2026-12-12 sunset 2h crew=2 guests=6 Holiday lights'));
    expect(validateDraft({ date: '2026-02-30', start: 'sunset' }, { now, fleet })).toEqual(
      parse('2026-02-30 sunset'),
    );
    expect(
      validateDraft(
        { date: '2026-07-04', start: '10:00', crew: '', guests: '', title: '  ' },
        { now, fleet },
      ),
    ).toMatchObject({
      ok: true,
      value: {
        crewCount: draftDefaults.crewCount,
        guestCapacity: draftDefaults.guestCapacity,
        title: 'Day sail',
      },
    });
  });
});

describe('parseDuration', () => {
  it('reads the three forms', () => {
    expect(parseDuration('2h')).toEqual({ ok: true, value: 120 });
    expect(parseDuration('90m')).toEqual({ ok: true, value: 90 });
    expect(parseDuration('2h30m')).toEqual({ ok: true, value: 150 });
    expect(parseDuration('2H30M')).toEqual({ ok: true, value: 150 });
    for (const bad of ['', 'h', 'm', '2', '2.5h', '30m2h', '-1h', '2h 30m'])
      expect(parseDuration(bad).ok).toBe(false);
  });

  it('round-trips every allowed duration through formatDuration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 720 }), (n) => {
        expect(parseDuration(formatDuration(n))).toEqual({ ok: true, value: n });
        expect(parseDuration(`${n}m`)).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('never accepts 0 or more than 12 hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 721, max: 100_000 }), (n) => {
        expect(parseDuration(`${n}m`).ok).toBe(false);
      }),
    );
    expect(parseDuration('0h0m').ok).toBe(false);
  });
});

describe('parser properties', () => {
  const isoDate = (d: Date) => d.toISOString().slice(0, 10);
  const date = fc
    .integer({ min: 1, max: 540 })
    .map((days) => isoDate(new Date(Date.UTC(2026, 5, 1) + days * 86_400_000)));
  // Hour 2 is skipped so no generated time falls in a spring-forward gap.
  const clock = fc
    .record({ h: fc.integer({ min: 0, max: 23 }).filter((h) => h !== 2), m: fc.integer({ min: 0, max: 59 }) })
    .map(({ h, m }) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9'&<>!@.,-]{0,11}$/);

  it('any well-formed command parses back to the generated values', () => {
    fc.assert(
      fc.property(
        date,
        fc.oneof(fc.constant('sunset'), clock),
        fc.option(fc.integer({ min: 1, max: 720 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        fc.option(fc.constantFrom('jada', 'JADA', 'Jada'), { nil: undefined }),
        fc.array(word, { maxLength: 6 }).filter((ws) => ws.join(' ').length <= 120 && !ws.includes('force')),
        fc.boolean(),
        (d, start, duration, crew, guests, vessel, title, optionsLast) => {
          const options = [
            crew === undefined ? '' : `crew=${crew}`,
            guests === undefined ? '' : `guests=${guests}`,
            vessel === undefined ? '' : `vessel=${vessel}`,
          ];
          const parts = [d, start, duration === undefined ? '' : formatDuration(duration)];
          const text = (
            optionsLast ? [...parts, ...title, ...options] : [...parts, ...options, ...title]
          ).join(' ');
          const r = parse(text);
          expect(r).toEqual({
            ok: true,
            value: {
              date: d,
              start,
              durationMinutes: duration ?? 120,
              crewCount: crew ?? 2,
              guestCapacity: guests ?? 6,
              vesselId: 'jada',
              title: title.length ? title.join(' ') : start === 'sunset' ? 'Sunset sail' : 'Day sail',
            },
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws: any text is either a draft or a sentence to act on', () => {
    const token = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'sunset',
        '2026-07-04',
        '2026-02-30',
        '02:30',
        'crew=',
        'guests=999',
        'vessel=',
        '0m',
        '99h',
        '=',
        'crew=1e3',
      ),
      date,
      clock,
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme' }),
          fc.array(token, { maxLength: 8 }).map((t) => t.join(' ')),
        ),
        (text) => {
          const r = parse(text);
          if (r.ok) expect(r.value.title.length).toBeGreaterThan(0);
          else expect(r.error.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
