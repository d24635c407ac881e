/**
 * Sail ids: `S-` and six Crockford base32 characters (`S-7K2M9Q`), about a billion values, drawn
 * from the platform's cryptographic random source.
 * @see https://www.crockford.com/base32.html
 */

/** Crockford's base32 alphabet: no I, L, O or U, so ids read aloud and type without confusion. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const SAIL_ID = /^S-[0-9A-HJKMNP-TV-Z]{6}$/;

/** Fills a byte array with random values; injectable so tests can pin ids. */
export type RandomBytes = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;

const cryptoBytes: RandomBytes = (bytes) => crypto.getRandomValues(bytes);

/** A new random sail id. */
export function newSailId(random: RandomBytes = cryptoBytes): string {
  const bytes = random(new Uint8Array(6));
  // 256 is a multiple of 32, so taking the low five bits of each byte is unbiased.
  return `S-${Array.from(bytes, (b) => CROCKFORD_ALPHABET[b & 31]).join('')}`;
}

/** Whether a string is a sail id in canonical form. */
export function isSailId(s: string): boolean {
  return SAIL_ID.test(s);
}

/**
 * Reads a sail id the way a person types it: any case, with or without the `S-` prefix, with
 * O read as 0 and I/L as 1 (Crockford's decoding rules). Returns the canonical id, or undefined.
 */
export function normalizeSailId(input: string): string | undefined {
  let s = input.trim().toUpperCase();
  if (s.startsWith('S-')) s = s.slice(2);
  else if (s.length === 7 && s.startsWith('S')) s = s.slice(1);
  s = s.replace(/O/g, '0').replace(/[IL]/g, '1');
  const id = `S-${s}`;
  return isSailId(id) ? id : undefined;
}
