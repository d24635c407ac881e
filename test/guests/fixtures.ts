/**
 * Shared pieces for the guest tests: the guest API wired over a fresh DynamoDB Local table with
 * the real sail store, a movable clock, and a mailer that sends to the SES emulator.
 */
import { randomUUID } from 'node:crypto';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { DeliveryError } from '../../src/errors';
import { loadGuestTemplates } from '../../src/guests/emails';
import type { Guest } from '../../src/guests/guest';
import type { GuestSail } from '../../src/guests/sail-view';
import { createGuestApi, type GuestApiDeps, guestSailLookup } from '../../src/http/guest-api';
import type { Mailer } from '../../src/mail/types';
import type { Sail, SailDraft, SailStatus } from '../../src/sails/types';
import { createCodeStore } from '../../src/store/codes';
import { createGuestStore, type SignedWaiver } from '../../src/store/guests';
import { createRateLimiter } from '../../src/store/rate-limit';
import { createSailStore } from '../../src/store/sails';
import { freshTable, type StoredEmail, sesEndpoint, sesStore, WORKSPACE } from '../support/aws';

/** Sends through the SES emulator with the SES v1 API, as the production mailer does over AWS. */
export function emulatorMailer(from = 'bosun@queenofsandiego.com'): Mailer & { sent: number } {
  const ses = new SESClient({
    region: 'us-west-2',
    endpoint: sesEndpoint(),
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const mailer = {
    sent: 0,
    async send(mail: Parameters<Mailer['send']>[0]) {
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

/** The guest API over a fresh table, with a movable clock and a record of `onSigned` calls. */
export async function guestApiHarness(
  opts: { now?: Date; publicUrl?: string; socketAddress?: GuestApiDeps['socketAddress'] } = {},
) {
  const env = await freshTable();
  const clock = { now: opts.now ?? new Date('2026-06-01T17:00:00Z') };
  const now = () => clock.now;
  const guests = createGuestStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now });
  const codes = createCodeStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now });
  const rateLimit = createRateLimiter({ doc: env.doc, table: env.table, now });
  const sailStore = createSailStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now });
  const sails = guestSailLookup(sailStore);
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
    );
    if (!created.ok) throw new Error(created.error);
    if (!status) return created.sail;
    const changed = await sailStore.setStatus(created.sail.id, status.status, status.reason);
    if (!changed.ok) throw new Error(`could not set ${status.status}`);
    return changed.sail;
  }
  const templates = await loadGuestTemplates('templates');
  const mailer = emulatorMailer();
  const signed: { sail: GuestSail; guest: Guest; waiver: SignedWaiver }[] = [];
  const deps: GuestApiDeps = {
    guests,
    codes,
    rateLimit,
    sails,
    templates,
    jwtSecret: JWT_SECRET,
    mailer,
    publicUrl: opts.publicUrl ?? 'http://bosun.test',
    now,
    onSigned: (sail, guest, waiver) => {
      signed.push({ sail, guest, waiver });
    },
    ...(opts.socketAddress ? { socketAddress: opts.socketAddress } : {}),
  };
  const api = createGuestApi(deps);
  const inviteDeps = {
    guests,
    codes,
    sails,
    mailer,
    publicUrl: deps.publicUrl,
    emails: templates.emails,
    now,
  };
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
    deps,
    api,
    inviteDeps,
  };
}
