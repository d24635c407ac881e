/**
 * The guest API (Hono), mounted at `/api`: look at a magic link without spending it, claim it for
 * a token, ask for a new link, read the sail view, sign the waiver. Every error is
 * `{ error, message }` with a sentence the page shows as is.
 *
 * Handlers parse, call a use case and render; answer first, effects after: a signature is stored
 * before the answer, and the copy by email and the Slack card follow as queued effects (`enqueue`).
 * Only "email me a new link" mails before answering, since the page says whether it went. Stores
 * and the mailer come in as interfaces: nothing here loads the storage or SES code.
 *
 * Rate limits stop guessing, not guests (docs/design-notes.md "Guessing a magic code"): an address
 * may make a few wrong guesses (codes that do not exist) per window; a real link that no longer
 * opens is counted against that code, never against the address; a signed guest opening their old
 * link is no failure at all; a refused try is taken back, so it does not prolong the wait; and no
 * site-wide count ever refuses anyone. Many guesses across the site only tighten each address's
 * allowance. The address is the viewer's (`viewerAddress`: CloudFront's header on a request that
 * proves it came through CloudFront, else the transport's).
 * @see ../../../shared/DESIGN.md "HTTP routes"
 */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { isValidCodeShape, normalizeCode } from '../auth/codes';
import { createGuestTokens, type GuestClaims } from '../auth/jwt';
import type { Effect } from '../effects/types';
import type { GuestTemplates } from '../guests/emails';
import { DEFAULT_PLACE, sendInvitation, vesselPlace } from '../guests/invite';
import { type LinkState, linkState } from '../guests/links';
import {
  type GuestSail,
  type GuestSailLookup,
  guestView,
  localDateLabel,
  localDateTimeLabel,
  placeOfVessel,
  type SailPlace,
} from '../guests/sail-view';
import { logger } from '../log';
import type { Mailer } from '../mail/types';
import type { CodeStore, MagicCode } from '../store/codes';
import type { GuestStore } from '../store/guests';
import type { RateLimiter, RateLimitRule } from '../store/rate-limit';
import type { Invocation } from '../usecases/context';
import { type QuotaTake, resendLink } from '../usecases/resend-link';
import { type SignWaiverOutcome, signWaiver } from '../usecases/sign-waiver';
import { rateLimitKey, viewerAddress } from './viewer-address';

/**
 * Wrong guesses (codes that do not exist) one address may make per window, on claims, peeks and
 * re-send requests together. A guest who mistypes has ten tries; a guesser gets ten per 10 minutes.
 */
export const CLAIM_LIMIT: RateLimitRule = { limit: 10, windowSeconds: 600 };
/** The allowance per address while the site sees many wrong guesses (`SITE_GUESS_SIGNAL`). */
export const CLAIM_LIMIT_UNDER_ATTACK: RateLimitRule = { limit: 3, windowSeconds: 600 };
/**
 * Wrong guesses from all addresses together per window above which each address gets the tighter
 * allowance. A signal only: it never refuses a request by itself, so a flood of bad guesses cannot
 * lock a guest with a valid link out.
 */
export const SITE_GUESS_SIGNAL: RateLimitRule = { limit: 300, windowSeconds: 600 };
/** The bucket that counts every address's wrong guesses, for the signal. */
export const SITE_GUESS_BUCKET = 'guess:*';
/**
 * Tries per window of one real link that does not open (used, expired, superseded): a page left
 * reloading, or someone holding an old link. Counted per code, never against the address.
 */
export const CODE_LIMIT: RateLimitRule = { limit: 10, windowSeconds: 600 };
/** "Email me a new link" requests allowed per address per window. */
export const RESEND_IP_LIMIT: RateLimitRule = { limit: 5, windowSeconds: 600 };
/** New links one guest can be sent per day, whoever asks (the page's button). */
export const RESEND_GUEST_DAILY: RateLimitRule = { limit: 4, windowSeconds: 86_400 };

/**
 * The workspace a magic code belongs to, while code items do not name one yet.
 * TODO(workspace): drop this default once every code item carries its `workspace` (the code store's
 * restructuring adds it; codes issued before that expire within 24 hours).
 */
export const DEFAULT_WORKSPACE = 'T0LOCAL';

/** The workspace (Slack team id) a claimed code belongs to. */
function workspaceOf(code: MagicCode): string {
  const workspace = 'workspace' in code ? code.workspace : undefined;
  return typeof workspace === 'string' && workspace !== '' ? workspace : DEFAULT_WORKSPACE;
}

/** What the guest API needs; the HTTP app wires the real ones. */
export interface GuestApiDeps {
  guests: Pick<GuestStore, 'get' | 'getWaiver' | 'recordWaiver'>;
  codes: Pick<CodeStore, 'claim' | 'get' | 'create' | 'activate'>;
  rateLimit: Pick<RateLimiter, 'hit' | 'undo' | 'peek'>;
  sails: GuestSailLookup;
  templates: GuestTemplates;
  jwtSecret: string;
  /** The guests' mailer (no audit copy): only "email me a new link" sends before answering. */
  mailer: Mailer;
  publicUrl: string;
  now?: () => Date;
  /** The vessel's zone, name and directions for a sail; defaults to what the lookup joined from the fleet (`vesselPlace`). */
  placeOf?: (sail: GuestSail) => SailPlace;
  /**
   * Queues a use case's effects for the workspace `team`, to run after the answer (in-process, or
   * one EventBridge `PutEvents`). Called once the response is computed, before it is returned.
   */
  enqueue: (team: string, effects: Effect[]) => Promise<void>;
  /**
   * The socket's peer address off Lambda (from the Node adapter). On Lambda the Function URL's
   * source address is used instead.
   */
  socketAddress?: (c: Context) => string | undefined;
  /**
   * Origin secrets CloudFront proves itself with (`Config.originSecrets`): on a request carrying one,
   * `CloudFront-Viewer-Address` names the guest. Empty: the transport's address is used.
   */
  originSecrets?: readonly string[];
}

/** Adapts the sail store (whose `get` returns the whole partition) to the lookup the guest API needs. */
export function guestSailLookup<S extends GuestSail>(
  store: { get(id: string): Promise<{ sail: S } | undefined> },
  fleet: {
    get(id: string): Promise<Parameters<typeof placeOfVessel>[1] | undefined>;
  },
  /** The business's name guests see (the portfolio's `brand`), when one is imported. */
  brandOf: () => Promise<string | undefined> = async () => undefined,
) {
  return {
    get: async (id: string): Promise<S | undefined> => {
      const sail = (await store.get(id))?.sail;
      if (!sail) return undefined;
      // The vessel's name, meeting place, parking and what to bring come from the fleet as it is
      // now; the business's name from the portfolio.
      const [vessel, brand] = await Promise.all([fleet.get(sail.vesselId), brandOf()]);
      return { ...sail, place: { ...placeOfVessel(sail, vessel), ...(brand ? { brand } : {}) } };
    },
  };
}

const codeBody = z.object({ code: z.string().max(64) });

/** The part of the env `hono/aws-lambda` passes (`{ event, requestContext, lambdaContext }`) we read. */
const lambdaEnv = z.object({
  requestContext: z.object({ http: z.object({ sourceIp: z.string().min(1) }) }),
});

/**
 * The address Lambda saw the request come from (`requestContext.http.sourceIp` of the Function URL
 * event), set by AWS and not by the client; undefined off Lambda.
 */
export function lambdaSourceIp(c: Context): string | undefined {
  const env = lambdaEnv.safeParse(c.env);
  return env.success ? env.data.requestContext.http.sourceIp : undefined;
}

/**
 * The client's address for rate limits and the waiver record: the viewer's own address from
 * CloudFront on a request that carries a valid origin secret (`viewerAddress`), else Lambda's
 * source address, else the socket's. `X-Forwarded-For` is never used, and `CloudFront-Viewer-Address`
 * only with the secret: anyone calling the public Function URL directly can send those headers.
 */
export function clientIp(
  c: Context,
  socketAddress?: (c: Context) => string | undefined,
  originSecrets: readonly string[] = [],
): string {
  const transport = lambdaSourceIp(c) ?? socketAddress?.(c);
  return viewerAddress(c.req.raw.headers, transport, originSecrets) ?? 'unknown';
}

function problem(
  c: Context,
  status: 400 | 401 | 403 | 404 | 409 | 422 | 429 | 502,
  error: string,
  message: string,
  extra?: object,
) {
  return c.json({ error, message, ...extra }, status);
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

const claimMessages = {
  unknown:
    'We do not recognise this link. Check that you opened the whole link from your email, or ask the person who invited you.',
  used: 'This link has already been used. If you opened it on another device, continue there — or email yourself a new link.',
  expired: 'This link has expired. Email yourself a new link and open it within 24 hours.',
  superseded:
    'This link was replaced by a newer one we emailed you. Open the newest email, or ask for a new link below.',
  revoked:
    'This invitation was withdrawn, so the link no longer works. Ask the person who invited you if that is a mistake.',
} as const;

const TOO_MANY_GUESSES = 'Too many attempts from your connection. Wait ten minutes and try again.';
const SITE_BUSY =
  'Too many attempts from your connection while the site is busy. Wait a few minutes and try again.';

/** Builds the guest API with routes relative to its mount point (`/api`). */
export function createGuestApi(deps: GuestApiDeps): Hono {
  const now = deps.now ?? (() => new Date());
  const tokens = createGuestTokens({ secret: deps.jwtSecret, now });
  const placeOf = deps.placeOf ?? vesselPlace;
  const addressOf = (c: Context) => clientIp(c, deps.socketAddress, deps.originSecrets);
  /** What limits count under: the address, or an IPv6 address's /64 (`rateLimitKey`). */
  const limitKey = (c: Context) => rateLimitKey(addressOf(c));
  const signDeps = {
    guests: deps.guests,
    sails: deps.sails,
    waivers: deps.templates.waivers,
    now,
    placeOf,
  };
  const app = new Hono();

  app.use(
    '*',
    bodyLimit({
      maxSize: 32 * 1024,
      onError: (c) => problem(c, 400, 'invalid_input', 'The request is too large.'),
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  /** Verifies the Bearer token; the claims bind the request to one guest on one sail. */
  async function authenticate(c: Context): Promise<GuestClaims | Response> {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      return problem(c, 401, 'unauthorized', 'Open the link from your invitation email to see this page.');
    }
    const result = await tokens.verify(match[1]);
    if (!result.ok) {
      return problem(
        c,
        401,
        'unauthorized',
        result.reason === 'expired'
          ? 'Your session has ended. Email yourself a new link to continue.'
          : 'This session is not valid. Open the link from your invitation email again.',
        { reason: result.reason },
      );
    }
    return result.claims;
  }

  async function loadGuestAndSail(c: Context, claims: GuestClaims) {
    const [guest, sail] = await Promise.all([
      deps.guests.get(claims.sailId, claims.guestId),
      deps.sails.get(claims.sailId),
    ]);
    if (!guest || !sail) {
      return problem(
        c,
        404,
        'not_found',
        'We could not find your invitation. Ask the person who invited you.',
      );
    }
    return { guest, sail };
  }

  /** When the guest behind a used or expired code has signed: when, in the vessel's zone, and a sentence. */
  async function signedState(code: { sailId: string; guestId: string }) {
    const [guest, sail] = await Promise.all([
      deps.guests.get(code.sailId, code.guestId),
      deps.sails.get(code.sailId),
    ]);
    if (guest?.status !== 'signed' || !guest.signedAt) return undefined;
    const zone = (sail ? placeOf(sail) : DEFAULT_PLACE).zone;
    const signedAtLabel = localDateTimeLabel(new Date(guest.signedAt), zone);
    return {
      signedAt: guest.signedAt,
      signedAtLabel,
      message:
        sail?.status === 'cancelled'
          ? `You signed the waiver on ${signedAtLabel}. This sail has since been cancelled.`
          : `You signed the waiver on ${signedAtLabel}; you are all set.`,
    };
  }

  /**
   * Takes one try from a bucket: undefined when within the limit (the hit stays counted), else a
   * 429 with Retry-After. A refused try is taken back at once, so hammering a limited bucket does
   * not keep it limited for longer.
   */
  async function take(
    c: Context,
    bucket: string,
    rule: RateLimitRule,
    message: string,
  ): Promise<{ giveBack: () => Promise<void> } | Response> {
    const hit = await deps.rateLimit.hit(bucket, rule);
    const giveBack = () => deps.rateLimit.undo(bucket, hit.window);
    if (hit.allowed) return { giveBack };
    await giveBack();
    c.header('Retry-After', String(hit.retryAfterSeconds));
    return problem(c, 429, 'rate_limited', message);
  }

  /**
   * Takes one try from the address's allowance of wrong guesses, before the code is looked up (so
   * a burst of parallel guesses cannot all slip in). The caller gives it back unless the code turns
   * out not to exist, and counts such a guess site-wide with `guessed`. While the site sees many
   * wrong guesses the address's allowance is `CLAIM_LIMIT_UNDER_ATTACK`; nothing else is refused.
   */
  async function guessAllowance(c: Context) {
    const bucket = `guess:${limitKey(c)}`;
    const hit = await deps.rateLimit.hit(bucket, CLAIM_LIMIT);
    const giveBack = () => deps.rateLimit.undo(bucket, hit.window);
    let refusal: { message: string; retryAfter: number } | undefined = hit.allowed
      ? undefined
      : { message: TOO_MANY_GUESSES, retryAfter: hit.retryAfterSeconds };
    if (!refusal && hit.count > CLAIM_LIMIT_UNDER_ATTACK.limit) {
      const site = await deps.rateLimit.peek(SITE_GUESS_BUCKET, SITE_GUESS_SIGNAL);
      if (site > SITE_GUESS_SIGNAL.limit) {
        refusal = { message: SITE_BUSY, retryAfter: Math.ceil(CLAIM_LIMIT_UNDER_ATTACK.windowSeconds / 2) };
      }
    }
    if (refusal) {
      await giveBack();
      c.header('Retry-After', String(refusal.retryAfter));
      return problem(c, 429, 'rate_limited', refusal.message);
    }
    return {
      giveBack,
      /** A wrong guess: it stays on the address, and is counted for the site-wide signal. */
      guessed: async () => {
        await deps.rateLimit.hit(SITE_GUESS_BUCKET, SITE_GUESS_SIGNAL);
      },
    };
  }

  /** The magic code in a JSON body, or a 400 saying to open the whole link. */
  async function codeFrom(c: Context): Promise<string | Response> {
    const body = codeBody.safeParse(await readJson(c));
    return checkedCode(c, body.success ? body.data.code : '');
  }

  function checkedCode(c: Context, raw: string): string | Response {
    const code = normalizeCode(raw.slice(0, 64));
    if (isValidCodeShape(code)) return code;
    return problem(c, 400, 'invalid_input', 'This link is incomplete. Open the whole link from your email.');
  }

  /**
   * The first step of opening a link (`GET /g/:code` runs it): what the link is for — the sail's
   * title and date, nothing personal — and whether it would open, without spending it. A mail
   * scanner that renders the page therefore spends nothing. Unknown codes count as guesses.
   */
  app.get('/auth/peek', async (c) => {
    const code = checkedCode(c, c.req.query('code') ?? '');
    if (code instanceof Response) return code;
    const allowance = await guessAllowance(c);
    if (allowance instanceof Response) return allowance;
    const record = await deps.codes.get(code);
    if (!record) {
      await allowance.guessed();
      return problem(c, 404, 'not_found', claimMessages.unknown, { reason: 'unknown', canResend: false });
    }
    await allowance.giveBack();
    const [guest, sail] = await Promise.all([
      deps.guests.get(record.sailId, record.guestId),
      deps.sails.get(record.sailId),
    ]);
    if (!sail) {
      return problem(c, 404, 'not_found', claimMessages.unknown, { reason: 'unknown', canResend: false });
    }
    const state: LinkState = linkState(record, guest, now());
    const place = placeOf(sail);
    const signed = state === 'signed' ? await signedState(record) : undefined;
    return c.json({
      state,
      sail: {
        title: sail.title,
        date: sail.date,
        dateLabel: localDateLabel(sail.departAt, place.zone),
        status: sail.status,
      },
      ...(state === 'ready'
        ? {}
        : signed
          ? { message: signed.message, signedAtLabel: signed.signedAtLabel, canResend: false }
          : {
              message: claimMessages[state === 'signed' ? 'used' : state],
              canResend: state !== 'revoked',
            }),
    });
  });

  app.post('/auth/claim', async (c) => {
    const code = await codeFrom(c);
    if (code instanceof Response) return code;
    const allowance = await guessAllowance(c);
    if (allowance instanceof Response) return allowance;
    const claim = await deps.codes.claim(code);
    if (claim.ok) {
      await allowance.giveBack();
      const { token, expiresAt } = await tokens.sign({
        guestId: claim.code.guestId,
        sailId: claim.code.sailId,
        workspace: workspaceOf(claim.code),
      });
      return c.json({ token, expiresAt: expiresAt.toISOString() });
    }
    if (claim.reason === 'unknown' || !claim.code) {
      await allowance.guessed();
      return problem(c, 401, 'unauthorized', claimMessages.unknown, { reason: 'unknown', canResend: false });
    }
    // A real link that does not open is no guess: it leaves the address's allowance alone.
    await allowance.giveBack();
    // A spent link opened again (a new tab has no session) by a guest who has signed: say so,
    // rather than offering a new link they do not need. Not a failure, so not counted at all.
    const signed = await signedState(claim.code);
    if (signed) {
      return problem(c, 401, 'unauthorized', signed.message, {
        reason: 'signed',
        canResend: false,
        signedAt: signed.signedAt,
        signedAtLabel: signed.signedAtLabel,
      });
    }
    const counted = await take(
      c,
      `code:${code}`,
      CODE_LIMIT,
      'This link has been tried too many times. Wait ten minutes, or email yourself a new link.',
    );
    if (counted instanceof Response) return counted;
    return problem(c, 401, 'unauthorized', claimMessages[claim.reason], {
      reason: claim.reason,
      canResend: claim.reason !== 'revoked',
    });
  });

  app.post('/auth/resend', async (c) => {
    const code = await codeFrom(c);
    if (code instanceof Response) return code;
    const refused = await take(
      c,
      `resend:${limitKey(c)}`,
      RESEND_IP_LIMIT,
      'Too many requests for new links. Wait ten minutes and try again.',
    );
    if (refused instanceof Response) return refused;
    const allowance = await guessAllowance(c);
    if (allowance instanceof Response) return allowance;
    const record = await deps.codes.get(code);
    if (!record) {
      // Asking about an unknown code tells whether it exists, like a claim: a guess.
      await allowance.guessed();
      return problem(
        c,
        404,
        'not_found',
        'We cannot send a new link for this one. Ask the person who invited you.',
      );
    }
    await allowance.giveBack();
    const inv: Invocation = {
      actor: { userId: record.guestId, isAdmin: false },
      change: `resend:${record.code}`,
    };
    const quota = async (guestId: string): Promise<QuotaTake> => {
      const bucket = `resend-guest:${guestId}`;
      const hit = await deps.rateLimit.hit(bucket, RESEND_GUEST_DAILY);
      const giveBack = () => deps.rateLimit.undo(bucket, hit.window);
      if (hit.allowed) return { ok: true, giveBack };
      await giveBack();
      return { ok: false, retryAfterSeconds: hit.retryAfterSeconds };
    };
    const { outcome } = await resendLink(
      {
        guests: deps.guests,
        sails: deps.sails,
        now,
        placeOf,
        quota,
        sendInvitation: (input) =>
          sendInvitation(
            {
              codes: deps.codes,
              mailer: deps.mailer,
              emails: deps.templates.emails,
              publicUrl: deps.publicUrl,
              placeOf,
            },
            input,
          ),
      },
      inv,
      { sailId: record.sailId, guestId: record.guestId },
    );
    switch (outcome.kind) {
      case 'sent':
        return c.json({ ok: true, message: outcome.message }, 202);
      case 'not_found':
        return problem(c, 404, 'not_found', outcome.message);
      case 'signed':
        return problem(c, 409, 'already_signed', outcome.message, {
          reason: 'signed',
          signedAt: outcome.signedAt,
          signedAtLabel: outcome.signedAtLabel,
        });
      case 'cancelled':
        return problem(c, 409, 'cancelled', outcome.message);
      case 'departed':
        return problem(c, 409, 'departed', outcome.message);
      case 'too_many':
        c.header('Retry-After', String(outcome.retryAfterSeconds));
        return problem(c, 429, 'rate_limited', outcome.message);
      case 'delivery_failed':
        return problem(c, 502, 'delivery_failed', outcome.message);
    }
  });

  app.get('/guest', async (c) => {
    const claims = await authenticate(c);
    if (claims instanceof Response) return claims;
    const found = await loadGuestAndSail(c, claims);
    if (found instanceof Response) return found;
    const { guest, sail } = found;
    const signed = guest.status === 'signed' ? await deps.guests.getWaiver(sail.id, guest.id) : undefined;
    const waiver = (signed && deps.templates.waivers.get(signed.version)) || deps.templates.waivers.current;
    return c.json(guestView({ sail, place: placeOf(sail), guest, waiver, now: now() }));
  });

  app.post('/waiver', async (c) => {
    const claims = await authenticate(c);
    if (claims instanceof Response) return claims;
    const inv: Invocation = {
      actor: { userId: claims.guestId, isAdmin: false },
      // A guest signs once (the record is write-once), so the signature itself names the change: a
      // repeated request can never make a second set of effects.
      change: `waiver:${claims.guestId}`,
    };
    const done = await signWaiver(signDeps, inv, {
      sailId: claims.sailId,
      guestId: claims.guestId,
      body: await readJson(c),
      ip: addressOf(c),
      userAgent: c.req.header('user-agent') ?? '',
      forwardedFor: c.req.header('x-forwarded-for'),
    });
    const response = signedResponse(c, done.outcome);
    await enqueue(claims.workspace, done.effects);
    return response;
  });

  /**
   * Hands effects to the queue. The state change is stored and the answer says so; a queue that
   * fails now cannot undo it, so the guest still gets their answer and the lost effects are logged
   * by key for a person to redo.
   */
  async function enqueue(team: string, effects: Effect[]) {
    if (effects.length === 0) return;
    try {
      await deps.enqueue(team, effects);
    } catch (err) {
      logger.error('effects not queued after their state change', {
        team,
        keys: effects.map((e) => e.key),
        error: err,
      });
    }
  }

  app.notFound((c) => problem(c, 404, 'not_found', `Nothing is served at ${c.req.path}.`));
  return app;
}

/** The JSON answer to a submission: the fixed statuses and error codes of `POST /api/waiver`. */
function signedResponse(c: Context, outcome: SignWaiverOutcome) {
  switch (outcome.kind) {
    case 'signed':
      return c.json(
        {
          signed: true,
          signedAt: outcome.waiver.signedAt,
          signedAtLabel: outcome.signedAtLabel,
          version: outcome.waiver.version,
          message: outcome.message,
        },
        201,
      );
    case 'not_found':
      return problem(c, 404, 'not_found', outcome.message);
    case 'sail_cancelled':
      return problem(c, 409, 'sail_cancelled', outcome.message);
    case 'already_signed':
      return problem(c, 409, 'already_signed', outcome.message);
    case 'waiver_changed':
      return problem(c, 409, 'waiver_changed', outcome.message);
    case 'invalid':
      return problem(c, 400, 'invalid_input', outcome.message, { fields: outcome.fields });
    case 'no_seats':
      return problem(c, 409, 'no_seats', outcome.message, {
        seatsLeft: outcome.seatsLeft,
        fields: outcome.fields,
      });
  }
}
