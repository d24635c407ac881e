/**
 * Magic-link codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U), drawn from
 * the platform's cryptographic source with rejection sampling so every character is equally likely.
 */

/** The 30 characters a code may contain: digits 2–9 and letters that cannot be misread. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** How many characters a code has: 30^8 ≈ 6.6 × 10^11 possibilities. */
export const CODE_LENGTH = 8;

const CODE_SHAPE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

// The largest multiple of the alphabet's size below 256: bytes at or above it are thrown away, so
// `byte % 30` is uniform (no modulo bias).
const ACCEPT_BELOW = 256 - (256 % CODE_ALPHABET.length);

/** Generates a fresh code; `fill` fills a byte array with random bytes (defaults to `crypto.getRandomValues`). */
export function generateCode(
  fill: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => {
    crypto.getRandomValues(b);
  },
): string {
  let out = '';
  while (out.length < CODE_LENGTH) {
    const bytes = new Uint8Array(CODE_LENGTH * 2);
    fill(bytes);
    for (const b of bytes) {
      if (b >= ACCEPT_BELOW) continue;
      out += CODE_ALPHABET[b % CODE_ALPHABET.length];
      if (out.length === CODE_LENGTH) break;
    }
  }
  return out;
}

/** Upper-cases and trims what someone typed or what a link carried, so `abcd efgh` finds the code. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** True when the string has exactly a code's shape (length and alphabet), before any lookup. */
export function isValidCodeShape(code: string): boolean {
  return CODE_SHAPE.test(code);
}
