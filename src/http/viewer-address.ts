/**
 * The guest's own address behind CloudFront, for rate limits. CloudFront tells the origin who the
 * viewer is in `CloudFront-Viewer-Address`, but anyone calling the public Function URL directly can
 * send that header too. So it is believed only on a request that also carries the origin secret,
 * a header CloudFront adds to every request it forwards (and overwrites if a viewer sent one); any
 * other request is keyed on the address the transport saw.
 * @see ../../docs/design-notes.md "Guests behind CloudFront: the viewer's address"
 * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

/** The header CloudFront adds to origin requests, holding the current origin secret. */
export const ORIGIN_SECRET_HEADER = 'x-bosun-origin-secret';

/** CloudFront's header with the viewer's `ip:port`. */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

/** The shortest origin secret accepted; the stack generates 48 characters. */
const MIN_SECRET_LENGTH = 32;

const secretValue = z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`);

/**
 * `ORIGIN_SECRET` as Secrets Manager holds it: `{"current": "…", "previous": "…"}`. `previous` is
 * set only while a rotation is under way (CloudFront may still send it); see infra/README.md.
 */
export const originSecretJson = z.object({ current: secretValue, previous: secretValue.optional() });

/**
 * Parses `ORIGIN_SECRET` into the list of values to accept (current first). Unset → `[]`, and no
 * request is ever trusted for its viewer header. Throws a `ZodError` or `SyntaxError` on a bad value.
 */
export function parseOriginSecrets(raw: string | undefined): string[] {
  if (raw === undefined || raw === '') return [];
  const { current, previous } = originSecretJson.parse(JSON.parse(raw));
  return previous && previous !== current ? [current, previous] : [current];
}

/** `ORIGIN_SECRET` at the config border: the secret JSON → the values to accept. */
export const originSecretEnv = z.string().transform((raw, ctx): string[] => {
  try {
    return parseOriginSecrets(raw);
  } catch {
    // The value is a secret: the message describes the shape, never the content.
    ctx.addIssue({
      code: 'custom',
      message: `must be the JSON {"current": "…", "previous"?: "…"}, each at least ${MIN_SECRET_LENGTH} characters`,
    });
    return z.NEVER;
  }
});

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * True when `presented` equals one of `accepted`. Each comparison is constant-time over SHA-256
 * digests (equal lengths whatever the inputs), and every accepted value is compared, so the time
 * says neither which one matched nor how much of one did.
 */
export function matchesOriginSecret(presented: string | null, accepted: readonly string[]): boolean {
  if (!presented) return false;
  const given = digest(presented);
  let ok = false;
  for (const secret of accepted) {
    if (secret.length === 0) continue;
    if (timingSafeEqual(given, digest(secret))) ok = true;
  }
  return ok;
}

/**
 * The IP in a `CloudFront-Viewer-Address` value, without its port, or undefined if it is not
 * `ip:port`. CloudFront writes IPv4 as `198.51.100.10:46532` and IPv6 without brackets, so the
 * port is whatever follows the last colon (`2001:db8::1:443` → `2001:db8::1`); a bracketed
 * `[2001:db8::1]:443` is accepted as well.
 */
export function parseViewerAddress(value: string): string | undefined {
  const m = /^(.+):(\d{1,5})$/.exec(value.trim());
  if (!m?.[1]) return undefined;
  let ip = m[1];
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  else if (ip.includes('[') || ip.includes(']')) return undefined;
  return isIP(ip) === 0 ? undefined : ip;
}

/**
 * The address to key a guest's rate limits on: the viewer's IP from `CloudFront-Viewer-Address`
 * when the request carries a valid origin secret (so it came through CloudFront), otherwise
 * `socketAddress` (the Function URL's `sourceIp`, or the local socket). A trusted request whose
 * viewer header is missing or malformed also falls back to `socketAddress`.
 */
export function viewerAddress(
  headers: Headers,
  socketAddress: string | undefined,
  originSecrets: readonly string[],
): string | undefined {
  if (!matchesOriginSecret(headers.get(ORIGIN_SECRET_HEADER), originSecrets)) return socketAddress;
  const forwarded = headers.get(VIEWER_ADDRESS_HEADER);
  return (forwarded && parseViewerAddress(forwarded)) || socketAddress;
}

/**
 * The key a client's rate limits are counted under: an IPv4 address as it is (an IPv4-mapped IPv6
 * address `::ffff:a.b.c.d` as its IPv4), and an IPv6 address by its /64 network (`2001:db8:0:1::/64`),
 * since one subscriber usually holds a whole /64 and could otherwise take a fresh address for
 * every guess. Anything else is returned unchanged.
 */
export function rateLimitKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = address.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  const prefix = groups.slice(0, 4).map((g) => (g.includes('.') ? '0' : Number.parseInt(g, 16).toString(16)));
  return `${prefix.join(':')}::/64`;
}
