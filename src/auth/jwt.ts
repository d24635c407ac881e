/**
 * The guest's session token after a magic code is claimed: a JWT signed with HS256 (pinned on
 * verify, so `alg: none` or an asymmetric-key confusion is refused), for one guest on one sail of
 * one workspace (`ws`, the Slack team id: every key of a workspace's data begins with it).
 */
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

/** Who issues Bosun's guest tokens. */
export const TOKEN_ISSUER = 'bosun';
/** Who the tokens are for: the guest API only. */
export const TOKEN_AUDIENCE = 'bosun-guest';
/** How long a guest token lives: long enough for a day on the dock, short enough to not matter later. */
export const TOKEN_TTL_SECONDS = 6 * 60 * 60;

/** What a valid token says. */
export interface GuestClaims {
  guestId: string;
  sailId: string;
  /** The Slack team id whose sail this is (the `ws` claim). */
  workspace: string;
  role: 'guest';
  expiresAt: Date;
}

/** Why a token was refused. */
export type TokenFailure = 'expired' | 'invalid';

/** A verified token, or why not. */
export type VerifyResult = { ok: true; claims: GuestClaims } | { ok: false; reason: TokenFailure };

/** Signs and verifies guest tokens with one secret and an injectable clock. */
export interface GuestTokens {
  sign(input: {
    guestId: string;
    sailId: string;
    workspace: string;
  }): Promise<{ token: string; expiresAt: Date }>;
  verify(token: string): Promise<VerifyResult>;
}

/** Builds the signer/verifier; `secret` must be at least 32 bytes (checked by the config). */
export function createGuestTokens(opts: {
  secret: string;
  now?: () => Date;
  ttlSeconds?: number;
}): GuestTokens {
  const key = new TextEncoder().encode(opts.secret);
  const now = opts.now ?? (() => new Date());
  const ttl = opts.ttlSeconds ?? TOKEN_TTL_SECONDS;
  return {
    async sign({ guestId, sailId, workspace }) {
      const iat = Math.floor(now().getTime() / 1000);
      const exp = iat + ttl;
      const token = await new SignJWT({ sail: sailId, ws: workspace, role: 'guest' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setSubject(guestId)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000) };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: TOKEN_ISSUER,
          audience: TOKEN_AUDIENCE,
          currentDate: now(),
          // A token without its workspace (one issued before `ws` existed) is refused: the guest
          // opens their link again, or asks for a new one, and gets a token that names it.
          requiredClaims: ['sub', 'exp', 'sail', 'ws', 'role'],
        });
        if (
          payload.role !== 'guest' ||
          typeof payload.sail !== 'string' ||
          typeof payload.sub !== 'string' ||
          typeof payload.ws !== 'string' ||
          payload.ws === ''
        ) {
          return { ok: false, reason: 'invalid' };
        }
        if (typeof payload.exp !== 'number') return { ok: false, reason: 'invalid' };
        return {
          ok: true,
          claims: {
            guestId: payload.sub,
            sailId: payload.sail,
            workspace: payload.ws,
            role: 'guest',
            expiresAt: new Date(payload.exp * 1000),
          },
        };
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
        if (err instanceof joseErrors.JOSEError) return { ok: false, reason: 'invalid' };
        throw err;
      }
    },
  };
}
