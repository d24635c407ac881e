/**
 * The guest API (Hono), mounted at `/api`: claim a magic code for a token, ask for a new link,
 * read the sail view, sign the waiver. Every error is `{ error, message }` with a sentence the page
 * shows as is.
 *
 * Handlers parse, call a use case and render; answer first, effects after: a signature is stored
 * before the answer, and the copy by email and the Slack card follow as queued effects (`enqueue`).
 * Only "email me a new link" mails before answering, since the page says whether it went. Stores
 * and the mailer come in as interfaces: nothing here loads the storage or SES code.
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
import {
  type GuestSail,
  type GuestSailLookup,
  guestView,
  localDateTimeLabel,
  placeOfVessel,
  type SailPlace,
} from '../guests/sail-view';
import { logger } from '../log';
import type { Mailer } from '../mail/types';
import type { CodeStore, MagicCode } from '../store/codes';
import type { GuestStore } from '../store/guests';
import type { RateLimiter, RateLimitHit, RateLimitRule } from '../store/rate-limit';
import type { Invocation } from '../usecases/context';
import { resendLink } from '../usecases/resend-link';
import { type SignWaiverOutcome, signWaiver } from '../usecases/sign-waiver';

/** Failed claims allowed per client address per window before 429. */
export const CLAIM_LIMIT: RateLimitRule = { limit: 10, windowSeconds: 600 };
/**
 * Failed claims allowed from all clients together per window before 429. Behind CloudFront the
 * client address the API sees is an edge's, shared by many guests, so the per-address limit alone
 * does not bound a guesser who spreads requests; this cap does (300 guesses per 10 minutes against
 * 30^8 possible codes), at the price that a flood of bad claims can make everyone wait a few minutes.
 */
export const CLAIM_GLOBAL_LIMIT: RateLimitRule = { limit: 300, windowSeconds: 600 };
/** What everyone is told while the site-wide cap on failures is reached. */
const SITE_BUSY = 'Too many sign-in attempts on this site right now. Wait a few minutes and try again.';
/** The bucket that counts every client's failed claims. */
export const CLAIM_GLOBAL_BUCKET = 'claim:*';
/** "Email me a new link" requests allowed per client address per window. */
export const RESEND_IP_LIMIT: RateLimitRule = { limit: 5, windowSeconds: 600 };
/** New links one guest can be sent per window, whoever asks. */
export const RESEND_GUEST_LIMIT: RateLimitRule = { limit: 3, windowSeconds: 600 };

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
  codes: Pick<CodeStore, 'claim' | 'get' | 'create'>;
  rateLimit: Pick<RateLimiter, 'hit' | 'undo'>;
  sails: GuestSailLookup;
  templates: GuestTemplates;
  jwtSecret: string;
  /** The guests' mailer (no audit copy): only "email me a new link" sends before answering. */
  mailer: Mailer;
  publicUrl: string;
  now?: () => Date;
  /** The vessel's zone and name for a sail; defaults to what the lookup joined from the fleet (`vesselPlace`). */
  placeOf?: (sail: GuestSail) => SailPlace;
  /**
   * Queues a use case's effects for the workspace `team`, to run after the answer (in-process, or
   * one EventBridge `PutEvents`). Called once the response is computed, before it is returned.
   */
  enqueue: (team: string, effects: Effect[]) => Promise<void>;
  /**
   * The socket's peer address off Lambda (from the Node adapter). On Lambda the Function URL's
   * source address is used instead; client-settable headers never are.
   */
  socketAddress?: (c: Context) => string | undefined;
}

/** Adapts the sail store (whose `get` returns the whole partition) to the lookup the guest API needs. */
export function guestSailLookup<S extends GuestSail>(
  store: { get(id: string): Promise<{ sail: S } | undefined> },
  fleet: {
    get(id: string): Promise<Parameters<typeof placeOfVessel>[1] | undefined>;
  },
) {
  return {
    get: async (id: string): Promise<S | undefined> => {
      const sail = (await store.get(id))?.sail;
      if (!sail) return undefined;
      // The vessel's name, meeting place, parking and what to bring come from the fleet as it is now.
      return { ...sail, place: placeOfVessel(sail, await fleet.get(sail.vesselId)) };
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
 * The client's address for rate limits and the waiver record: Lambda's source address, else the
 * socket's. Never a header: `X-Forwarded-For` and `CloudFront-Viewer-Address` are whatever the
 * client sends when it calls the public Function URL directly.
 */
export function clientIp(c: Context, socketAddress?: (c: Context) => string | undefined): string {
  return lambdaSourceIp(c) ?? socketAddress?.(c) ?? 'unknown';
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
} as const;

/** Builds the guest API with routes relative to its mount point (`/api`). */
export function createGuestApi(deps: GuestApiDeps): Hono {
  const now = deps.now ?? (() => new Date());
  const tokens = createGuestTokens({ secret: deps.jwtSecret, now });
  const placeOf = deps.placeOf ?? vesselPlace;
  const resendDeps = {
    guests: deps.guests,
    sails: deps.sails,
    sendInvitation: (input: Parameters<typeof sendInvitation>[1]) =>
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
  };
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
   * Counts a hit on a bucket: the hit (to take back with `undo`) when within the limit, else a 429
   * with Retry-After and `message`.
   */
  async function limited(
    c: Context,
    bucket: string,
    rule: RateLimitRule,
    message: string,
  ): Promise<RateLimitHit | Response> {
    const hit = await deps.rateLimit.hit(bucket, rule);
    if (hit.allowed) return hit;
    c.header('Retry-After', String(hit.retryAfterSeconds));
    return problem(c, 429, 'rate_limited', message);
  }

  /** The magic code in the body, or a 400 saying to open the whole link. */
  async function codeFrom(c: Context): Promise<string | Response> {
    const body = codeBody.safeParse(await readJson(c));
    const code = body.success ? normalizeCode(body.data.code) : '';
    if (isValidCodeShape(code)) return code;
    return problem(c, 400, 'invalid_input', 'This link is incomplete. Open the whole link from your email.');
  }

  app.post('/auth/claim', async (c) => {
    const bucket = `claim:${clientIp(c, deps.socketAddress)}`;
    // Count first, so a burst of parallel guesses cannot all slip in under the limit; a successful
    // claim takes its hits back, leaving only failures counted. The global bucket is counted only
    // once the address's own limit lets the attempt through, so one blocked address hammering away
    // does not use up everyone's allowance.
    const counted = await limited(
      c,
      bucket,
      CLAIM_LIMIT,
      'Too many attempts from your connection. Wait ten minutes and try again.',
    );
    if (counted instanceof Response) return counted;
    const countedGlobally = await limited(c, CLAIM_GLOBAL_BUCKET, CLAIM_GLOBAL_LIMIT, SITE_BUSY);
    if (countedGlobally instanceof Response) return countedGlobally;
    const code = await codeFrom(c);
    if (code instanceof Response) return code;
    const claim = await deps.codes.claim(code);
    if (!claim.ok) {
      // A spent link opened again (a new tab has no session) by a guest who has signed: say so,
      // rather than offering a new link they do not need.
      const signed = claim.code ? await signedState(claim.code) : undefined;
      if (signed) {
        return problem(c, 401, 'unauthorized', signed.message, {
          reason: 'signed',
          canResend: false,
          signedAt: signed.signedAt,
          signedAtLabel: signed.signedAtLabel,
        });
      }
      return problem(c, 401, 'unauthorized', claimMessages[claim.reason], {
        reason: claim.reason,
        canResend: claim.reason !== 'unknown',
      });
    }
    await Promise.all([
      deps.rateLimit.undo(bucket, counted.window),
      deps.rateLimit.undo(CLAIM_GLOBAL_BUCKET, countedGlobally.window),
    ]);
    const { token, expiresAt } = await tokens.sign({
      guestId: claim.code.guestId,
      sailId: claim.code.sailId,
      workspace: workspaceOf(claim.code),
    });
    return c.json({ token, expiresAt: expiresAt.toISOString() });
  });

  app.post('/auth/resend', async (c) => {
    const refused = await limited(
      c,
      `resend:${clientIp(c, deps.socketAddress)}`,
      RESEND_IP_LIMIT,
      'Too many requests for new links. Wait ten minutes and try again.',
    );
    if (refused instanceof Response) return refused;
    const code = await codeFrom(c);
    if (code instanceof Response) return code;
    const record = await deps.codes.get(code);
    if (!record) {
      // An unknown code here is a guess like a failed claim (it tells that a code exists), so it
      // counts against the same site-wide cap on failures.
      const global = await limited(c, CLAIM_GLOBAL_BUCKET, CLAIM_GLOBAL_LIMIT, SITE_BUSY);
      if (global instanceof Response) return global;
      return problem(
        c,
        404,
        'not_found',
        'We cannot send a new link for this one. Ask the person who invited you.',
      );
    }
    const tooMany = await limited(
      c,
      `resend-guest:${record.guestId}`,
      RESEND_GUEST_LIMIT,
      'We already sent you several new links. Check your inbox and spam folder.',
    );
    if (tooMany instanceof Response) return tooMany;
    const inv: Invocation = {
      actor: { userId: record.guestId, isAdmin: false },
      change: `resend:${record.code}`,
    };
    const { outcome } = await resendLink(resendDeps, inv, { sailId: record.sailId, guestId: record.guestId });
    switch (outcome.kind) {
      case 'sent':
        return c.json({ ok: true, message: outcome.message }, 202);
      case 'not_found':
        return problem(c, 404, 'not_found', outcome.message);
      case 'cancelled':
        return problem(c, 409, 'cancelled', outcome.message);
      default:
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
      ip: clientIp(c, deps.socketAddress),
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
