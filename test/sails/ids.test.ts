import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET, isSailId, newSailId, normalizeSailId } from '../../src/sails/ids';

describe('sail ids', () => {
  it('are S- and six Crockford characters', () => {
    const ids = Array.from({ length: 200 }, () => newSailId());
    for (const id of ids) expect(isSailId(id)).toBe(true);
    expect(new Set(ids).size).toBeGreaterThan(195);
  });

  it('map random bytes onto the whole alphabet', () => {
    const id = newSailId((b) => b.map((_, i) => [0, 31, 32, 255, 18, 27][i] ?? 0));
    expect(id).toBe(`S-0Z0ZJV`);
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
  });

  it('rejects non-canonical forms', () => {
    for (const s of ['S-7K2M9', 'S-7K2M9QQ', 's-7k2m9q', 'S-7K2M9U', 'S-7K2M9O', 'X-7K2M9Q', '']) {
      expect(isSailId(s)).toBe(false);
    }
  });

  it('normalises what people type', () => {
    expect(normalizeSailId('s-7k2m9q')).toBe('S-7K2M9Q');
    expect(normalizeSailId('  S-7K2M9Q ')).toBe('S-7K2M9Q');
    expect(normalizeSailId('7k2m9q')).toBe('S-7K2M9Q');
    expect(normalizeSailId('S7K2M9Q')).toBe('S-7K2M9Q');
    expect(normalizeSailId('s-o1il00')).toBe('S-011100');
    expect(normalizeSailId('S-7K2M9U')).toBeUndefined();
    expect(normalizeSailId('hello')).toBeUndefined();
  });

  it('normalisation is idempotent and lower-case round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), (bytes) => {
        const id = newSailId(() => new Uint8Array(bytes));
        expect(normalizeSailId(id)).toBe(id);
        expect(normalizeSailId(id.toLowerCase())).toBe(id);
      }),
    );
  });
});
