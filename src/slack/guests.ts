/**
 * The guest side of Slack: `/sail guest <id> <email> <name…>`, the card's "Add guest" button and
 * its modal; `/sail guests <id>` and `/sail unguest <id> <email>` (admins); the card's admin-only
 * "Waivers" button; the captain's manifest buttons (`manifest.checkin`, `manifest.link`). Each parses,
 * calls a use case and answers; emails, PDFs and the card's update are effects.
 */
import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  types,
} from '@slack/bolt';
import { z } from 'zod';
import { type Done, keyed } from '../effects/types';
import { guestInvite } from '../guests/guest';
import { logger } from '../log';
import { normalizeSailId } from '../sails/ids';
import type { UseCases } from '../usecases';
import { buttonRequest } from './actions/roster';
import { replyForFailure } from './commands/router';
import { sailIdArg, withIdNote } from './commands/sail/args';
import {
  adminOnly,
  invocation,
  isAdmin,
  perform,
  type RequestContext,
  type SlackServices,
  type Subcommand,
} from './context';
import { actionIds, callbackIds, guestAddFields as f } from './ids';
import { renderDock, renderGuestList, renderRemoveGuest, renderSendWaivers } from './render/guests';
import { renderInvite } from './render/outcomes';

const USAGE = '/sail guest <id> <email> <name…>';
const GUESTS_USAGE = '/sail guests <id>';
const UNGUEST_USAGE = '/sail unguest <id> <email>';

/** An address as typed: Slack turns it into `<mailto:a@b.c|a@b.c>`. */
function typedEmail(word: string | undefined): string {
  return (word ?? '').replace(/^<mailto:([^|>]+)(?:\|[^>]*)?>$/, '$1');
}

/** `/sail guests <id>` (admins): the guest list with waiver status, only to whoever asked. */
export const guestsSubcommand: Subcommand = {
  usage: GUESTS_USAGE,
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly('see the guest list', ctx.services.config);
    const arg = sailIdArg(ctx, GUESTS_USAGE);
    if ('error' in arg) return arg.error;
    const { outcome } = await ctx.services
      .workspace(ctx.team)
      .listGuests(invocation(ctx), { sailId: arg.id });
    return renderGuestList(outcome, ctx.services.config);
  },
};

/** `/sail unguest <id> <email>` (admins): removes a guest, frees the seat, revokes the link. */
export const unguestSubcommand: Subcommand = {
  usage: UNGUEST_USAGE,
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly('remove guests', ctx.services.config);
    const arg = sailIdArg(ctx, UNGUEST_USAGE);
    if ('error' in arg) return arg.error;
    const email = typedEmail(ctx.args[1]);
    if (!z.email().safeParse(email).success) {
      return `Give the guest's email address. Usage: \`${UNGUEST_USAGE}\`, e.g. \`/sail unguest ${arg.id} jane@example.com\`.`;
    }
    return perform(
      ctx.services,
      ctx,
      (uc) => uc.removeGuest(invocation(ctx), { sailId: arg.id, email }),
      (o) => renderRemoveGuest(o, ctx.services.config),
    );
  },
};

/** `/sail guest <id> <email> <name…>` */
export const guestSubcommand: Subcommand = {
  usage: USAGE,
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly('add guests', ctx.services.config);
    const arg = sailIdArg(ctx, USAGE);
    if ('error' in arg) return arg.error;
    const email = typedEmail(ctx.args[1]);
    const name = ctx.args.slice(2).join(' ').trim();
    if (!email || !name)
      return `Usage: \`${USAGE}\`, e.g. \`/sail guest ${arg.id} jane@example.com Jane Doe\`.`;
    const reply = await perform(
      ctx.services,
      ctx,
      (uc) => uc.inviteGuest(invocation(ctx), { sailId: arg.id, email, name }),
      (o) => renderInvite(o, ctx.services.config),
    );
    return withIdNote(arg, reply);
  },
};

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

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** `<sailId>:<guestId>`, or `<sailId>` alone. */
function sailAndGuest(value: string | undefined): { sailId: string; guestId: string } | undefined {
  const [rawSail, guestId = ''] = (value ?? '').split(':');
  const sailId = normalizeSailId(rawSail ?? '');
  return sailId ? { sailId, guestId } : undefined;
}

/**
 * A guest button: the use case runs once per press, and the presser's answer is a `reply` effect
 * (a button's ack cannot carry a message), after the ack like every other effect.
 */
function guestButton(
  services: SlackServices,
  act: (
    uc: UseCases,
    req: RequestContext,
    target: { sailId: string; guestId: string },
    responseUrl: string,
  ) => Promise<Done<unknown> & { text: string }>,
) {
  return async ({ ack, action, body, respond }: ButtonArgs) => {
    const req = buttonRequest(services, body, action.action_ts);
    const target = sailAndGuest(action.value);
    try {
      await perform(
        services,
        req,
        async (uc): Promise<Done<unknown>> => {
          if (!target) {
            return {
              outcome: null,
              effects: keyed(req.requestKey, [
                {
                  type: 'reply',
                  responseUrl: body.response_url,
                  text: 'That button is out of date; run `/sail show <id>` for a fresh card.',
                },
              ]),
            };
          }
          const done = await act(uc, req, target, body.response_url);
          return {
            outcome: done.outcome,
            effects: [
              ...done.effects,
              ...keyed(req.requestKey, [{ type: 'reply', responseUrl: body.response_url, text: done.text }]),
            ],
          };
        },
        () => null,
      );
    } catch (err) {
      logger.error('a guest button failed', { action: action.action_id, error: err });
      await ack();
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: replyForFailure(err, action.action_id),
      });
      return;
    }
    await ack();
  };
}

/** Registers the card's "Add guest" button and the modal's submission. */
export function register(app: App, services: SlackServices): void {
  const { config } = services;
  app.action<BlockButtonAction>(
    actionIds.guestWaivers,
    guestButton(services, async (uc, req, { sailId }) => {
      const done = await uc.sendWaivers(invocation(req), { sailId });
      return { ...done, text: renderSendWaivers(done.outcome, config) };
    }),
  );
  app.action<BlockButtonAction>(
    actionIds.manifestCheckin,
    guestButton(services, async (uc, req, { sailId, guestId }, responseUrl) => {
      const done = await uc.checkInGuest(invocation(req), { sailId, guestId, responseUrl });
      return { ...done, text: renderDock(done.outcome) };
    }),
  );
  app.action<BlockButtonAction>(
    actionIds.manifestLink,
    guestButton(services, async (uc, req, { sailId, guestId }) => {
      const done = await uc.sendDockLink(invocation(req), { sailId, guestId });
      return { ...done, text: renderDock(done.outcome) };
    }),
  );

  // The button opens the modal (admins): `views.open` needs the trigger, so it runs before the answer.
  app.action(
    actionIds.guestAdd,
    async ({ ack, body, action, client }: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
      await ack();
      if (body.type !== 'block_actions' || action.type !== 'button') return;
      if (!isAdmin(services.config, body.user.id)) {
        // The refusal is a reply effect, after the answer, like every other button's.
        const req = buttonRequest(services, body, 'action_ts' in action ? action.action_ts : '');
        await services.enqueue(
          req.team,
          keyed(req.requestKey, [
            { type: 'reply', responseUrl: body.response_url, text: adminOnly('add guests', services.config) },
          ]),
        );
        return;
      }
      const sailId = normalizeSailId(action.value ?? '');
      if (!sailId) return;
      await client.views.open({ trigger_id: body.trigger_id, view: guestAddModal(sailId) });
    },
  );

  // The submission: a bad address comes back under the field and nothing is written; otherwise
  // the invite runs and its answer reaches the admin as a DM (an effect).
  app.view(callbackIds.guestAdd, async ({ ack, body, view }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    if (!isAdmin(services.config, body.user.id)) {
      await ack({
        response_action: 'errors',
        errors: { [f.name.block]: adminOnly('add guests', services.config) },
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
    const nameIssue = guestInvite.safeParse({ email, name }).error?.issues.find((i) => i.path[0] === 'name');
    if (nameIssue) {
      await ack({ response_action: 'errors', errors: { [f.name.block]: nameIssue.message } });
      return;
    }
    const req: RequestContext = {
      team: body.team?.id ?? body.user.team_id ?? '',
      userId: body.user.id,
      requestKey: `view:${view.id}`,
      isAdmin: true,
    };
    await perform(
      services,
      req,
      async (uc) => {
        const done = await uc.inviteGuest(invocation(req), { sailId: view.private_metadata, email, name });
        const dm = keyed(req.requestKey, [
          {
            type: 'dm',
            userId: req.userId,
            note: { kind: 'text', text: renderInvite(done.outcome, services.config) },
          },
        ]);
        return { ...done, effects: [...done.effects, ...dm] };
      },
      () => '',
    );
    await ack();
  });
}
