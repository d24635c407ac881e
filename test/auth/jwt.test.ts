import { base64url, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createGuestTokens, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/auth/jwt';

const secret = 'a-test-secret-that-is-at-least-32-bytes-long';
const t0 = new Date('2026-06-01T12:00:00Z');

describe('guest tokens', () => {
  it('round-trips guest, sail and workspace, and expires in 6 hours', async () => {
    const tokens = createGuestTokens({ secret, now: () => t0 });
    const { token, expiresAt } = await tokens.sign({
      guestId: 'G1',
      sailId: 'S-7K2M9Q',
      workspace: 'T0TEAM',
    });
    expect(expiresAt.toISOString()).toBe('2026-06-01T18:00:00.000Z');
    const r = await tokens.verify(token);
    expect(r).toEqual({
      ok: true,
      claims: { guestId: 'G1', sailId: 'S-7K2M9Q', workspace: 'T0TEAM', role: 'guest', expiresAt },
    });
  });

  it('refuses an expired token', async () => {
    let now = t0;
    const tokens = createGuestTokens({ secret, now: () => now });
    const { token } = await tokens.sign({ guestId: 'G1', sailId: 'S-1', workspace: 'T0TEAM' });
    now = new Date(t0.getTime() + 6 * 3600_000 + 1000);
    expect(await tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a tampered payload', async () => {
    const tokens = createGuestTokens({ secret, now: () => t0 });
    const { token } = await tokens.sign({ guestId: 'G1', sailId: 'S-1', workspace: 'T0TEAM' });
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(new TextDecoder().decode(base64url.decode(p ?? '')));
    payload.sub = 'G2';
    const forged = `${h}.${base64url.encode(JSON.stringify(payload))}.${s}`;
    expect(await tokens.verify(forged)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses alg none', async () => {
    const tokens = createGuestTokens({ secret, now: () => t0 });
    const unsecured = new UnsecuredJWT({ sail: 'S-1', ws: 'T0TEAM', role: 'guest' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject('G1')
      .setIssuedAt(Math.floor(t0.getTime() / 1000))
      .setExpirationTime(Math.floor(t0.getTime() / 1000) + 3600)
      .encode();
    expect(await tokens.verify(unsecured)).toEqual({ ok: false, reason: 'invalid' });
  });

  async function signWith(claims: {
    iss?: string;
    aud?: string;
    alg?: string;
    key?: string;
    role?: string;
    ws?: string | null;
  }) {
    const iat = Math.floor(t0.getTime() / 1000);
    const ws = claims.ws === null ? {} : { ws: claims.ws ?? 'T0TEAM' };
    return new SignJWT({ sail: 'S-1', ...ws, role: claims.role ?? 'guest' })
      .setProtectedHeader({ alg: claims.alg ?? 'HS256' })
      .setIssuer(claims.iss ?? TOKEN_ISSUER)
      .setAudience(claims.aud ?? TOKEN_AUDIENCE)
      .setSubject('G1')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(new TextEncoder().encode(claims.key ?? secret));
  }

  it('refuses wrong audience, wrong issuer, another algorithm, another key, another role', async () => {
    const tokens = createGuestTokens({ secret, now: () => t0 });
    expect((await tokens.verify(await signWith({}))).ok).toBe(true);
    expect(await tokens.verify(await signWith({ aud: 'bosun-admin' }))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await tokens.verify(await signWith({ iss: 'someone' }))).toEqual({ ok: false, reason: 'invalid' });
    expect(await tokens.verify(await signWith({ alg: 'HS512' }))).toEqual({ ok: false, reason: 'invalid' });
    expect(await tokens.verify(await signWith({ key: `${secret}-other` }))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await tokens.verify(await signWith({ role: 'admin' }))).toEqual({ ok: false, reason: 'invalid' });
    // The workspace is pinned like the sail: a token without it, or with an empty one, is refused.
    expect(await tokens.verify(await signWith({ ws: null }))).toEqual({ ok: false, reason: 'invalid' });
    expect(await tokens.verify(await signWith({ ws: '' }))).toEqual({ ok: false, reason: 'invalid' });
    expect(await tokens.verify('not.a.jwt')).toEqual({ ok: false, reason: 'invalid' });
    expect(await tokens.verify('')).toEqual({ ok: false, reason: 'invalid' });
  });
});
