/**
 * Shared pieces for the guest tests: the guest API wired over a fresh DynamoDB Local table with
 * the real sail store, a movable clock, a mailer that sends to the SES emulator, and an effect
 * queue that runs what the API enqueues through the real effect runner and the guest handlers.
 */

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createGuestEffectHandlers, type GuestEffectDeps } from '../../src/effects/guest-handlers';
import {
  type BatchSummary,
  createEffectRunner,
  type EffectFailure,
  type EffectHandler,
  type EffectHandlers,
  type RetryPolicy,
} from '../../src/effects/runner';
import type { Done, Effect, EffectBatch, EffectType } from '../../src/effects/types';
import { DeliveryError } from '../../src/errors';
import { loadGuestTemplates } from '../../src/guests/emails';
import type { Guest } from '../../src/guests/guest';
import type { GuestSail } from '../../src/guests/sail-view';
import { createGuestApi, type GuestApiDeps, guestSailLookup } from '../../src/http/guest-api';
import { createOnce } from '../../src/idempotency';
import type { Mailer } from '../../src/mail/types';
import type { Sail, SailDraft, SailStatus } from '../../src/sails/types';
import { type DynamoOptions, dynamoClientConfig } from '../../src/store/client';
import { createCodeStore } from '../../src/store/codes';
import { createFleetStore } from '../../src/store/fleet';
import { createGuestStore, type GuestStore, type SignedWaiver } from '../../src/store/guests';
import { createRateLimiter } from '../../src/store/rate-limit';
import { createSailStore } from '../../src/store/sails';
import type { Invocation } from '../../src/usecases/context';
import { type InviteGuestOutcome, inviteGuest } from '../../src/usecases/invite-guest';
import { freshTable, type StoredEmail, sesEndpoint, sesStore, WORKSPACE } from '../support/aws';
import { JADA_PLACE, seedFleet } from '../support/fleet';

/** Sends through the SES emulator with the SES v1 API, as the production mailer does over AWS. */
export function emulatorMailer(
  from = 'bosun@queenofsandiego.com',
): Mailer & { sent: number; outbox: Parameters<Mailer['send']>[0][] } {
  const ses = new SESClient({
    region: 'us-west-2',
    endpoint: sesEndpoint(),
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const mailer = {
    sent: 0,
    /** Every mail as handed over, attachments included (SendEmail carries none to the emulator). */
    outbox: [] as Parameters<Mailer['send']>[0][],
    async send(mail: Parameters<Mailer['send']>[0]) {
      mailer.outbox.push(mail);
      try {
        const r = await ses.send(
          new SendEmailCommand({
            Source: from,
            Destination: { ToAddresses: mail.to, BccAddresses: mail.bcc },
            Message: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: mail.text, Charset: 'UTF-8' },
                Html: { Data: mail.html, Charset: 'UTF-8' },
              },
            },
          }),
        );
        mailer.sent++;
        return { messageId: r.MessageId ?? '' };
      } catch (err) {
        throw new DeliveryError('The SES emulator refused the message.', false, { cause: err });
      }
    },
  };
  return mailer;
}

/** The emails the emulator holds for one address, oldest first. */
export async function mailTo(address: string): Promise<StoredEmail[]> {
  return (await sesStore()).filter((m) => m.destination.to.includes(address)).sort((a, b) => a.at - b.at);
}

/** The magic link in an email's text body. */
export function linkIn(mail: StoredEmail | undefined): { url: string; code: string } {
  const match = /(https?:\/\/\S+\/g\/([A-Z0-9]{8}))/.exec(mail?.body.text ?? '');
  if (!match?.[1] || !match[2]) throw new Error(`no magic link in ${mail?.subject ?? 'no email'}`);
  return { url: match[1], code: match[2] };
}

/** A unique address per test, so tests sharing the SES emulator never read each other's mail. */
export function uniqueEmail(name = 'guest'): string {
  return `${name}.${randomUUID().slice(0, 8)}@example.com`;
}

export const JWT_SECRET = 'test-jwt-secret-that-is-at-least-32-bytes';

/** The workspace the test tokens name (codes carry none yet, so the API's default). */
export const TEST_TEAM = 'T0LOCAL';

/** An effect a stand-in handler saw run (the Slack ones are not the guest feature's to test). */
export interface RanEffect {
  team: string;
  effect: Effect;
}

/**
 * A queue for the effects the guest API (or a use case) hands over, run through the real
 * `createEffectRunner` over `once` in the test's table, with the real guest handlers and recording
 * stand-ins for the rest. `mode: 'manual'` only records until `run()` is called, so a test can
 * look between the answer and the effects; `'after'` runs each batch right after the request,
 * like the in-process queue, and `run()` waits for them.
 */
export function effectQueue(opts: {
  dynamo: DynamoOptions;
  table: string;
  guest: GuestEffectDeps;
  mode: 'manual' | 'after';
  retry?: RetryPolicy;
  /** Called for every stand-in effect that runs (e.g. to record signatures for the card). */
  onOther?: (ran: RanEffect) => Promise<void> | void;
}) {
  const { once } = createOnce({
    client: DynamoDBDocumentClient.from(new DynamoDBClient(dynamoClientConfig(opts.dynamo))),
    table: opts.table,
  });
  const others: RanEffect[] = [];
  const failures: EffectFailure[] = [];
  const record =
    <T extends EffectType>(): EffectHandler<T> =>
    async (effect, ctx) => {
      others.push({ team: ctx.team, effect });
      await opts.onOther?.({ team: ctx.team, effect });
    };
  const handlers: EffectHandlers = {
    ...createGuestEffectHandlers(opts.guest),
    'card.refresh': record(),
    'card.post': record(),
    'checklist.post': record(),
    'checklist.refresh': record(),
    'cover.post': record(),
    'cover.refresh': record(),
    dm: record(),
    reply: record(),
    'home.publish': record(),
    'calendar.dm': record(),
    report: record(),
    'waivers.send': record(),
    'manifest.refresh': record(),
  };
  const runner = createEffectRunner({
    once,
    handlers: () => handlers,
    reportFailure: async (f) => {
      failures.push(f);
    },
    retry: opts.retry ?? { attempts: 3, baseMs: 1 },
  });
  /** Every batch ever enqueued, in order. */
  const queued: EffectBatch[] = [];
  let waiting: EffectBatch[] = [];
  let running: Promise<BatchSummary>[] = [];
  return {
    queued,
    /** Stand-in effects that ran. */
    others,
    /** Effects that failed for good (what the admins would be told). */
    failures,
    runner,
    async enqueue(team: string, effects: Effect[]): Promise<void> {
      const batch = { team, effects };
      queued.push(batch);
      if (opts.mode === 'manual') {
        waiting.push(batch);
        return;
      }
      running.push(
        new Promise((resolve, reject) => setImmediate(() => runner.run(batch).then(resolve, reject))),
      );
    },
    /** Runs what is waiting (manual) and waits for what is running (after); the batches' summaries. */
    async run(): Promise<BatchSummary[]> {
      const now = waiting.map((b) => runner.run(b));
      const later = running;
      waiting = [];
      running = [];
      return Promise.all([...later, ...now]);
    },
  };
}

export type EffectQueue = ReturnType<typeof effectQueue>;

/**
 * The guest API over a fresh table, with a movable clock and an effect queue (`effects`); `signed`
 * records each waiver the card would show, as its `card.refresh` effect runs.
 */
export async function guestApiHarness(
  opts: {
    now?: Date;
    publicUrl?: string;
    socketAddress?: GuestApiDeps['socketAddress'];
    /** When the queued effects run (default `'after'` each request, like the in-process queue). */
    effects?: 'manual' | 'after';
  } = {},
) {
  const env = await freshTable();
  const clock = { now: opts.now ?? new Date('2026-06-01T17:00:00Z') };
  const now = () => clock.now;
  const guests = createGuestStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now });
  const codes = createCodeStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now });
  const rateLimit = createRateLimiter({ doc: env.doc, table: env.table, now });
  const sailStore = createSailStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now });
  const fleet = createFleetStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now });
  await seedFleet(fleet);
  const sails = guestSailLookup(sailStore, fleet);
  /** A sunset sail on JADA (2 h, on 2026-06-20 unless told), created through the sail store. */
  async function createSail(
    draft: Partial<SailDraft> = {},
    status?: { status: SailStatus; reason?: string },
  ): Promise<Sail> {
    const created = await sailStore.create(
      {
        date: '2026-06-20',
        start: 'sunset',
        durationMinutes: 120,
        crewCount: 2,
        guestCapacity: 4,
        vesselId: 'jada',
        title: 'Sunset sail on the bay',
        ...draft,
      },
      'U0ADMIN',
      JADA_PLACE,
    );
    if (!created.ok) throw new Error(created.error);
    if (!status) return created.sail;
    const changed = await sailStore.setStatus(created.sail.id, status.status, status.reason);
    if (!changed.ok) throw new Error(`could not set ${status.status}`);
    return changed.sail;
  }
  const templates = await loadGuestTemplates('templates');
  const mailer = emulatorMailer();
  const publicUrl = opts.publicUrl ?? 'http://bosun.test';
  const signed: { sail: GuestSail; guest: Guest; waiver: SignedWaiver }[] = [];
  const effects = effectQueue({
    dynamo: env.dynamo,
    table: env.table,
    guest: { guests, codes, sails, mailer, templates, publicUrl, now },
    mode: opts.effects ?? 'after',
    onOther: async ({ effect }) => {
      if (effect.type !== 'card.refresh' || effect.note?.kind !== 'waiver_signed') return;
      // The note names the signer; the copy queued with it says which guest that is.
      const batch = effects.queued.find((b) => b.effects.includes(effect));
      const copy = batch?.effects.find((e) => e.type === 'guest.waiver_copy');
      signed.push(await signature(guests, sails, effect.sailId, copy?.guestId ?? ''));
    },
  });
  const deps: GuestApiDeps = {
    guests,
    codes,
    rateLimit,
    sails,
    templates,
    jwtSecret: JWT_SECRET,
    mailer,
    publicUrl,
    now,
    enqueue: effects.enqueue,
    ...(opts.socketAddress ? { socketAddress: opts.socketAddress } : {}),
  };
  const api = createGuestApi(deps);
  /** For the synchronous (deprecated) `inviteGuest` of `src/guests/invite.ts`. */
  const inviteDeps = { guests, codes, sails, mailer, publicUrl, emails: templates.emails, now };
  const inviteUseCaseDeps = { guests, sails, now };
  /**
   * Invites through the use case as admin `by`, queues its effects and runs them, so the
   * invitation is in the emulator when it returns.
   */
  async function invite(input: {
    sailId: string;
    email: string;
    name: string;
    by?: string;
  }): Promise<Done<InviteGuestOutcome>> {
    const inv: Invocation = { actor: { userId: input.by ?? 'U0ADMIN', isAdmin: true }, change: randomUUID() };
    const done = await inviteGuest(inviteUseCaseDeps, inv, input);
    await effects.enqueue(TEST_TEAM, done.effects);
    await effects.run();
    return done;
  }
  return {
    env,
    clock,
    guests,
    codes,
    rateLimit,
    sailStore,
    sails,
    createSail,
    templates,
    mailer,
    signed,
    effects,
    deps,
    api,
    invite,
    inviteDeps,
  };
}

/** The waiver the sail's card would show as signed, read back as the card handler would. */
async function signature(
  guests: Pick<GuestStore, 'get' | 'getWaiver'>,
  sails: { get(id: string): Promise<GuestSail | undefined> },
  sailId: string,
  guestId: string,
): Promise<{ sail: GuestSail; guest: Guest; waiver: SignedWaiver }> {
  const [sail, guest, waiver] = await Promise.all([
    sails.get(sailId),
    guests.get(sailId, guestId),
    guests.getWaiver(sailId, guestId),
  ]);
  if (!sail || !guest || !waiver) throw new Error(`no signature of ${guestId} on ${sailId}`);
  return { sail, guest, waiver };
}
