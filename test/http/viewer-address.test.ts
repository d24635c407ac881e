import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  matchesOriginSecret,
  ORIGIN_SECRET_HEADER,
  parseOriginSecrets,
  parseViewerAddress,
  rateLimitKey,
  VIEWER_ADDRESS_HEADER,
  viewerAddress,
} from '../../src/http/viewer-address';

const CURRENT = 'current-origin-secret-0123456789abcdefghijkl';
const PREVIOUS = 'previous-origin-secret-0123456789abcdefghijk';
const SOCKET = '130.176.98.7'; // a CloudFront edge, or whoever called the Function URL

const request = (h: Record<string, string>) => new Headers(h);

describe('viewerAddress', () => {
  it('ignores a forged CloudFront-Viewer-Address without the origin secret', () => {
    const headers = request({ [VIEWER_ADDRESS_HEADER]: '203.0.113.66:1234' });
    expect(viewerAddress(headers, SOCKET, [CURRENT])).toBe(SOCKET);
  });

  it('ignores it with a wrong origin secret, including a prefix or an empty one', () => {
    for (const wrong of ['nope', CURRENT.slice(0, -1), `${CURRENT}x`, ' ', CURRENT.toUpperCase()]) {
      const headers = request({
        [VIEWER_ADDRESS_HEADER]: '203.0.113.66:1234',
        [ORIGIN_SECRET_HEADER]: wrong,
      });
      expect(viewerAddress(headers, SOCKET, [CURRENT]), wrong).toBe(SOCKET);
    }
  });

  it('trusts nothing when no secret is configured, whatever the request carries', () => {
    const headers = request({ [VIEWER_ADDRESS_HEADER]: '203.0.113.66:1234', [ORIGIN_SECRET_HEADER]: '' });
    expect(viewerAddress(headers, SOCKET, [])).toBe(SOCKET);
    expect(viewerAddress(headers, SOCKET, [''])).toBe(SOCKET);
  });

  it('returns the viewer IPv4 without its port when the origin secret is right', () => {
    const headers = request({
      [VIEWER_ADDRESS_HEADER]: '198.51.100.10:46532',
      [ORIGIN_SECRET_HEADER]: CURRENT,
    });
    expect(viewerAddress(headers, SOCKET, [CURRENT])).toBe('198.51.100.10');
  });

  it('returns the viewer IPv6 in the unbracketed form CloudFront sends, and the bracketed one', () => {
    for (const [value, ip] of [
      ['2001:db8::1:443', '2001:db8::1'],
      ['2406:2d40:728d:fa10::c4a:42838', '2406:2d40:728d:fa10::c4a'],
      ['[2001:db8::1]:443', '2001:db8::1'],
      ['::ffff:198.51.100.10:5000', '::ffff:198.51.100.10'],
    ] as const) {
      const headers = request({ [VIEWER_ADDRESS_HEADER]: value, [ORIGIN_SECRET_HEADER]: CURRENT });
      expect(viewerAddress(headers, SOCKET, [CURRENT]), value).toBe(ip);
    }
  });

  it('accepts the previous secret during a rotation, and not once it is retired', () => {
    const headers = request({
      [VIEWER_ADDRESS_HEADER]: '198.51.100.10:46532',
      [ORIGIN_SECRET_HEADER]: PREVIOUS,
    });
    expect(viewerAddress(headers, SOCKET, [CURRENT, PREVIOUS])).toBe('198.51.100.10');
    expect(viewerAddress(headers, SOCKET, [CURRENT])).toBe(SOCKET);
  });

  it('falls back to the socket address when a trusted request has no or a malformed viewer header', () => {
    expect(viewerAddress(request({ [ORIGIN_SECRET_HEADER]: CURRENT }), SOCKET, [CURRENT])).toBe(SOCKET);
    for (const bad of ['198.51.100.10', 'localhost:80', '[2001:db8::1:443', '1.2.3.4:1, 5.6.7.8:2', ':443']) {
      const headers = request({ [VIEWER_ADDRESS_HEADER]: bad, [ORIGIN_SECRET_HEADER]: CURRENT });
      expect(viewerAddress(headers, SOCKET, [CURRENT]), bad).toBe(SOCKET);
    }
    expect(viewerAddress(request({}), undefined, [CURRENT])).toBeUndefined();
  });
});

describe('parseViewerAddress', () => {
  it('returns the IP of any IPv4 or IPv6 address followed by a port', () => {
    const ipv4 = fc.tuple(...Array.from({ length: 4 }, () => fc.nat(255))).map((p) => p.join('.'));
    fc.assert(
      fc.property(fc.oneof(ipv4, fc.ipV6()), fc.nat(65535), (ip, port) => {
        expect(parseViewerAddress(`${ip}:${port}`)).toBe(ip);
        if (ip.includes(':')) expect(parseViewerAddress(`[${ip}]:${port}`)).toBe(ip);
      }),
    );
  });
});

describe('matchesOriginSecret', () => {
  it('matches exactly one of the accepted values', () => {
    expect(matchesOriginSecret(CURRENT, [CURRENT, PREVIOUS])).toBe(true);
    expect(matchesOriginSecret(PREVIOUS, [CURRENT, PREVIOUS])).toBe(true);
    expect(matchesOriginSecret(null, [CURRENT])).toBe(false);
    expect(matchesOriginSecret('', [''])).toBe(false);
  });
});

describe('parseOriginSecrets', () => {
  it('reads the secret JSON: current, then previous while a rotation is under way', () => {
    expect(parseOriginSecrets(undefined)).toEqual([]);
    expect(parseOriginSecrets(JSON.stringify({ current: CURRENT }))).toEqual([CURRENT]);
    expect(parseOriginSecrets(JSON.stringify({ current: CURRENT, previous: PREVIOUS }))).toEqual([
      CURRENT,
      PREVIOUS,
    ]);
    expect(parseOriginSecrets(JSON.stringify({ current: CURRENT, previous: CURRENT }))).toEqual([CURRENT]);
  });

  it('refuses a value that is not that JSON, or a short secret', () => {
    expect(() => parseOriginSecrets(CURRENT)).toThrow();
    expect(() => parseOriginSecrets(JSON.stringify({ previous: PREVIOUS }))).toThrow();
    expect(() => parseOriginSecrets(JSON.stringify({ current: 'short' }))).toThrow();
  });
});

describe('rateLimitKey', () => {
  it('counts IPv4 as is, IPv4-mapped IPv6 as its IPv4, and IPv6 by its /64', () => {
    expect(rateLimitKey('198.51.100.7')).toBe('198.51.100.7');
    expect(rateLimitKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(rateLimitKey('2001:db8:0:1:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
    expect(rateLimitKey('2001:DB8:0:1::42')).toBe('2001:db8:0:1::/64');
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('unknown')).toBe('unknown');
  });
});
