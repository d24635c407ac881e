import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guestInvite, hasGuestSeat, maskEmail } from '../../src/guests/guest';
import { checkWaiverSubmission, loadWaiverLibrary, waiverText } from '../../src/guests/waiver';
import { ageOn, cleanName, parseIsoDate, validateWaiverForm } from '../../src/guests/waiver-rules';

const dates = { today: '2026-06-01', sailDate: '2026-06-20' };

describe('waiver texts', () => {
  it('loads the current version with the SHA-256 of the exact text', async () => {
    const lib = await loadWaiverLibrary('templates/waivers');
    expect(lib.current.version).toBe('2026-01');
    const raw = await readFile('templates/waivers/2026-01.md', 'utf8');
    expect(lib.current.text).toBe(raw);
    expect(lib.current.sha256).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(lib.current.text).toMatch(/San Diego/);
    expect(lib.get('2026-01')).toBe(lib.current);
    expect(lib.get('1999-01')).toBeUndefined();
  });

  it('normalises line endings before hashing', () => {
    expect(waiverText('v', 'a\r\nb').sha256).toBe(waiverText('v', 'a\nb').sha256);
  });
});

describe('waiver submission', () => {
  it('accepts a signer with a minor, trimming names', () => {
    const r = checkWaiverSubmission(
      { fullName: '  Jane Doe ', agree: true, minors: [{ fullName: ' Sam Doe', birthDate: '2015-04-23' }] },
      dates,
    );
    expect(r).toEqual({
      ok: true,
      value: { fullName: 'Jane Doe', minors: [{ fullName: 'Sam Doe', birthDate: '2015-04-23' }] },
    });
  });

  it('reports each field that is wrong', () => {
    const r = checkWaiverSubmission(
      {
        fullName: '   ',
        agree: false,
        minors: [
          { fullName: '', birthDate: '' },
          { fullName: 'Old Enough', birthDate: '2008-06-20' },
          { fullName: 'Future', birthDate: '2026-06-02' },
          { fullName: 'Nope', birthDate: '2015-02-30' },
        ],
      },
      dates,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual([
      'fullName',
      'agree',
      'minors.0.fullName',
      'minors.0.birthDate',
      'minors.1.birthDate',
      'minors.2.birthDate',
      'minors.3.birthDate',
    ]);
    expect(r.errors.find((e) => e.field === 'minors.1.birthDate')?.message).toMatch(/18 or older/);
  });

  it('turns 18 exactly on the sail date → adult; one day later → minor', () => {
    expect(
      validateWaiverForm(
        { fullName: 'Jo', agree: true, minors: [{ fullName: 'Al', birthDate: '2008-06-20' }] },
        dates,
      ),
    ).toHaveLength(1);
    expect(
      validateWaiverForm(
        { fullName: 'Jo', agree: true, minors: [{ fullName: 'Al', birthDate: '2008-06-21' }] },
        dates,
      ),
    ).toHaveLength(0);
  });

  it('refuses a wrong shape with field paths', () => {
    const r = checkWaiverSubmission({ fullName: 42, agree: 'yes' }, dates);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field).sort()).toEqual(['agree', 'fullName']);
    expect(checkWaiverSubmission(null, dates).ok).toBe(false);
  });

  it('names must be names: format characters are stripped and two letters are needed, for signers and minors', () => {
    const zeroWidth = '\u200B\u200B\u200B';
    const r = checkWaiverSubmission(
      {
        fullName: zeroWidth,
        agree: true,
        minors: [{ fullName: '\u200E\u2066X\u2069', birthDate: '2016-01-01' }],
      },
      dates,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { field: 'fullName', message: 'Type your full legal name to sign.' },
      { field: 'minors.0.fullName', message: 'Type the minor’s name in letters: at least two of them.' },
    ]);
    const ok = checkWaiverSubmission(
      {
        fullName: 'Zoë\u200B Ñúñez\u00AD',
        agree: true,
        minors: [{ fullName: 'Łucja\u200D Ñúñez', birthDate: '2016-01-01' }],
      },
      dates,
    );
    expect(ok).toEqual({
      ok: true,
      value: { fullName: 'Zoë Ñúñez', minors: [{ fullName: 'Łucja Ñúñez', birthDate: '2016-01-01' }] },
    });
    expect(cleanName(' a\tb\u2028c ')).toBe('a b c');
  });

  it('a too-long name is refused', () => {
    expect(checkWaiverSubmission({ fullName: 'x'.repeat(121), agree: true }, dates).ok).toBe(false);
  });

  it('ageOn agrees with a date-based computation', () => {
    const day = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true });
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [birth, on] = a <= b ? [a, b] : [b, a];
        const p = (d: Date) => parseIsoDate(d.toISOString().slice(0, 10));
        const bp = p(birth);
        const op = p(on);
        if (!bp || !op) throw new Error('bad date');
        const age = ageOn(bp, op);
        const anniversary = new Date(Date.UTC(bp.y + age, bp.m - 1, bp.d));
        const next = new Date(Date.UTC(bp.y + age + 1, bp.m - 1, bp.d));
        const onUtc = Date.UTC(op.y, op.m - 1, op.d);
        // Feb 29 birthdays roll to Mar 1 in Date.UTC; ageOn treats Mar 1 as the birthday too.
        expect(anniversary.getTime()).toBeLessThanOrEqual(onUtc);
        expect(next.getTime()).toBeGreaterThan(onUtc);
      }),
    );
  });
});

describe('guests', () => {
  it('validates and normalises the invite', () => {
    expect(guestInvite.parse({ email: ' Jane@Example.COM ', name: ' Jane Doe ' })).toEqual({
      email: 'jane@example.com',
      name: 'Jane Doe',
    });
    const bad = guestInvite.safeParse({ email: 'jane@', name: 'Jane' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/not an email address/);
    expect(guestInvite.safeParse({ email: 'jane@example.com', name: '  ' }).success).toBe(false);
  });

  it('an invited name is cleaned like a signer’s and needs two letters', () => {
    expect(guestInvite.parse({ email: 'a@example.com', name: '\u200BJane\u200D  Doe\n' }).name).toBe(
      'Jane Doe',
    );
    for (const name of ['\u200B\u200B\u200B', '\u2060\uFEFF', 'J', '12', '\u3164\u3164', '--']) {
      const r = guestInvite.safeParse({ email: 'a@example.com', name });
      expect(r.success, JSON.stringify(name)).toBe(false);
    }
    expect(guestInvite.parse({ email: 'a@example.com', name: '李雷' }).name).toBe('李雷');
  });

  it('capacity and masking', () => {
    expect(hasGuestSeat(5, 6)).toBe(true);
    expect(hasGuestSeat(6, 6)).toBe(false);
    expect(maskEmail('jane@example.com')).toBe('ja…@example.com');
    expect(maskEmail('j@example.com')).toBe('j…@example.com');
  });
});
