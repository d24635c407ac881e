/**
 * The guest side of Slack: `/sail guest <id> <email> <name…>`, the card's "Add guest" button and
 * its modal, the guest lines on the card, and the thread note when a guest signs. Registered as an
 * extension so the sail commands stay independent of the guest feature.
 */
import type {
  AllMiddlewareArgs,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  types,
  webApi,
} from '@slack/bolt';
import { z } from 'zod';
import type { Guest } from '../guests/guest';
import { type InviteDeps, inviteGuest } from '../guests/invite';
import { tellGuestsOfStatus } from '../guests/status-notice';
import { logger } from '../log';
import { normalizeSailId } from '../sails/ids';
import type { Sail, SailStatus } from '../sails/types';
import type { GuestStore } from '../store/guests';
import { sailIdArg } from './commands/sail/args';
import { adminOnly, isAdmin, type SlackDeps, type SlackExtensions, type Subcommand } from './context';
import { escapeMrkdwn, mention } from './escape';
import { actionIds, callbackIds, guestAddFields as f } from './ids';
import { dm, refreshCard } from './sail-cards';

const USAGE = '/sail guest <id> <email> <name…>';

/** What the guest extension needs. */
export interface GuestSlackDeps {
  guests: GuestStore;
  /** Inviting, and the guests' mailer and email templates the status emails use too. */
  invite: InviteDeps;
}

async function invite(
  deps: SlackDeps,
  gdeps: GuestSlackDeps,
  client: webApi.WebClient,
  input: { sailId: string; email: string; name: string; by: string },
): Promise<string> {
  const result = await inviteGuest(input, gdeps.invite);
  // The domain's sentences name the guest and their address: escape them for mrkdwn.
  if (!result.ok) return escapeMrkdwn(result.message);
  if (result.outcome === 'invited') {
    await refreshCard(
      deps,
      client,
      input.sailId,
      `${mention(input.by)} invited ${escapeMrkdwn(result.guest.name)}.`,
    );
  }
  return escapeMrkdwn(result.message);
}

/** `/sail guest <id> <email> <name…>` */
export function guestSubcommand(gdeps: GuestSlackDeps): Subcommand {
  return {
    usage: USAGE,
    adminOnly: true,
    async run(ctx) {
      if (!ctx.isAdmin) return adminOnly('add guests', ctx.deps.config);
      const arg = sailIdArg(ctx, USAGE);
      if ('error' in arg) return arg.error;
      // Slack turns a typed address into `<mailto:a@b.c|a@b.c>`.
      const email = (ctx.args[1] ?? '').replace(/^<mailto:([^|>]+)(?:\|[^>]*)?>$/, '$1');
      const name = ctx.args.slice(2).join(' ').trim();
      if (!email || !name)
        return `Usage: \`${USAGE}\`, e.g. \`/sail guest ${arg.id} jane@example.com Jane Doe\`.`;
      return invite(ctx.deps, gdeps, ctx.client, { sailId: arg.id, email, name, by: ctx.userId });
    },
  };
}

/** The add-guest modal for one sail. */
export function guestAddModal(sailId: string): types.ModalView {
  const input = (block: string, label: string, element: types.PlainTextInput): types.InputBlock => ({
    type: 'input',
    block_id: block,
    label: { type: 'plain_text', text: label },
    element,
  });
  return {
    type: 'modal',
    callback_id: callbackIds.guestAdd,
    private_metadata: sailId,
    title: { type: 'plain_text', text: 'Add a guest' },
    submit: { type: 'plain_text', text: 'Invite' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      input(f.name.block, 'Full name', {
        type: 'plain_text_input',
        action_id: f.name.action,
        max_length: 120,
      }),
      input(f.email.block, 'Email', { type: 'plain_text_input', action_id: f.email.action, max_length: 254 }),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `They get a magic link to see ${sailId} and sign the waiver.` }],
      },
    ],
  };
}

const guestState = z.object({
  [f.name.block]: z.object({ [f.name.action]: z.object({ value: z.string().nullish() }) }),
  [f.email.block]: z.object({ [f.email.action]: z.object({ value: z.string().nullish() }) }),
});

/** The card's "Add guest" button (admins): opens the modal. */
function addGuestButton(deps: SlackDeps) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    if (!isAdmin(deps.config, body.user.id)) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: adminOnly('add guests', deps.config),
      });
      return;
    }
    const sailId = normalizeSailId(action.value ?? '');
    if (!sailId) return;
    await client.views.open({ trigger_id: body.trigger_id, view: guestAddModal(sailId) });
  };
}

/** The modal's submission: a bad address comes back under the field; nothing is written. */
function addGuestSubmission(deps: SlackDeps, gdeps: GuestSlackDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    if (!isAdmin(deps.config, body.user.id)) {
      await ack({
        response_action: 'errors',
        errors: { [f.name.block]: adminOnly('add guests', deps.config) },
      });
      return;
    }
    const state = guestState.parse(view.state.values);
    const name = state[f.name.block]?.[f.name.action]?.value?.trim() ?? '';
    const email = state[f.email.block]?.[f.email.action]?.value?.trim() ?? '';
    if (!z.email().safeParse(email).success) {
      await ack({
        response_action: 'errors',
        errors: { [f.email.block]: 'Write a whole email address, like jane@example.com.' },
      });
      return;
    }
    await ack();
    const reply = await invite(deps, gdeps, client, {
      sailId: view.private_metadata,
      email,
      name,
      by: body.user.id,
    });
    await dm(client, body.user.id, reply);
  };
}

/** Posts "Jane Doe signed the waiver" in the card's thread and redraws the card. */
export function onWaiverSigned(deps: SlackDeps, client: webApi.WebClient) {
  return async (sail: Pick<Sail, 'id'>, guest: Pick<Guest, 'name'>) => {
    await refreshCard(deps, client, sail.id, `${escapeMrkdwn(guest.name)} signed the waiver.`);
  };
}

/** The job kind that emails a sail's guests about a status change. */
export const GUEST_STATUS_JOB = 'guest-status';

/** The guest-status job's payload. */
export const guestStatusPayload = z.object({
  sailId: z.string().min(1),
  to: z.enum(['on_hold', 'scheduled', 'cancelled']),
  reason: z.string().max(300).optional(),
});

/**
 * After a hold, unhold or cancel: queues one job that emails every guest (so the Slack reply never
 * waits on up to 150 emails) and returns how many guests it will tell. The job id carries the
 * sail's version, so a redelivered job sends nothing twice and a later change is a new job.
 */
export function onSailStatus(
  gdeps: GuestSlackDeps,
  dispatch: (kind: string, payload: unknown, opts: { jobId: string }) => Promise<unknown>,
) {
  return async (sail: Sail, to: SailStatus, reason: string | undefined): Promise<number> => {
    const guests = await gdeps.guests.list(sail.id);
    if (guests.length === 0) return 0;
    await dispatch(
      GUEST_STATUS_JOB,
      { sailId: sail.id, to, ...(reason ? { reason } : {}) },
      { jobId: `${GUEST_STATUS_JOB}:${sail.id}:${sail.version}` },
    );
    return guests.length;
  };
}

/** The job handler: emails each guest through the guests' mailer (never the audit copy). */
export function guestStatusJob(
  gdeps: GuestSlackDeps,
  sails: { get(id: string): Promise<{ sail: Sail } | undefined> },
) {
  return async (job: { payload: unknown }): Promise<void> => {
    const { sailId, to, reason } = guestStatusPayload.parse(job.payload);
    const record = await sails.get(sailId);
    if (!record) return;
    const { failed } = await tellGuestsOfStatus(
      { sail: record.sail, to, reason },
      {
        guests: gdeps.guests,
        mailer: gdeps.invite.mailer,
        emails: gdeps.invite.emails,
        ...(gdeps.invite.placeOf ? { placeOf: gdeps.invite.placeOf } : {}),
      },
    );
    for (const f of failed) {
      logger.warn('status email to a guest not delivered', {
        sailId,
        guestId: f.guestId,
        status: to,
        error: f.error.message,
      });
    }
  };
}

/** The extension the guest feature adds to Slack. */
export function guestExtensions(
  deps: () => SlackDeps,
  gdeps: GuestSlackDeps,
  dispatch: (kind: string, payload: unknown, opts: { jobId: string }) => Promise<unknown>,
): SlackExtensions {
  return {
    sailSubcommands: { guest: guestSubcommand(gdeps) },
    actions: {
      [actionIds.guestAdd]: ((args) => addGuestButton(deps())(args)) as Middleware<SlackActionMiddlewareArgs>,
    },
    views: {
      [callbackIds.guestAdd]: ((args) =>
        addGuestSubmission(deps(), gdeps)(args)) as Middleware<SlackViewMiddlewareArgs>,
    },
    onSailStatus: onSailStatus(gdeps, dispatch),
    cardGuests: (record) =>
      record.guests.map((g) => ({ name: g.name, signed: g.status === 'signed', minors: g.minors })),
  };
}
