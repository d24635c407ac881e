import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  generateCode,
  isValidCodeShape,
  normalizeCode,
} from '../../src/auth/codes';

describe('magic codes', () => {
  it('are 8 characters from the unambiguous alphabet', () => {
    for (let i = 0; i < 500; i++) {
      const code = generateCode();
      expect(code).toHaveLength(CODE_LENGTH);
      expect(isValidCodeShape(code)).toBe(true);
      expect(code).not.toMatch(/[01OILU]/);
    }
  });

  it('throws away bytes that would bias the distribution', () => {
    // 240..255 are rejected; 0 → '2', 29 → 'Z', 30 → '2' again.
    const feed = [255, 250, 240, 0, 29, 30, 59, 1, 2, 3, 4, 5, 6];
    let pos = 0;
    const random = (b: Uint8Array) => {
      for (let i = 0; i < b.length; i++) b[i] = feed[pos++ % feed.length] ?? 0;
    };
    expect(generateCode(random)).toBe('2Z2Z3456');
  });

  it('is close to uniform over many draws', () => {
    const counts = new Map<string, number>();
    const draws = 3000;
    for (let i = 0; i < draws; i++) for (const c of generateCode()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(CODE_ALPHABET.length);
    const expected = (draws * CODE_LENGTH) / CODE_ALPHABET.length;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.2);
  });

  it('rejects anything not shaped like a code', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const ok = isValidCodeShape(s);
        expect(ok).toBe(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/.test(s));
      }),
    );
    expect(isValidCodeShape('ABCDEFG')).toBe(false);
    expect(isValidCodeShape('ABCDEFGO')).toBe(false);
    expect(isValidCodeShape('abcdefgh')).toBe(false);
  });

  it('normalises what people type', () => {
    expect(normalizeCode(' k7m2-9qab ')).toBe('K7M29QAB');
  });
});
