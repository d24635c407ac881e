/**
 * The guest side of Slack: `/sail guest <id> <email> <name…>`, the card's "Add guest" button and
 * its modal. Each parses, calls the invite use case and answers; the email and the card's update
 * are effects.
 */
import type {
  AllMiddlewareArgs,
  App,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  types,
} from '@slack/bolt';
import { z } from 'zod';
import { keyed } from '../effects/types';
import { guestInvite } from '../guests/guest';
import { normalizeSailId } from '../sails/ids';
import { sailIdArg } from './commands/sail/args';
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
import { renderInvite } from './render/outcomes';

const USAGE = '/sail guest <id> <email> <name…>';

/** `/sail guest <id> <email> <name…>` */
export const guestSubcommand: Subcommand = {
  usage: USAGE,
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly('add guests', ctx.services.config);
    const arg = sailIdArg(ctx, USAGE);
    if ('error' in arg) return arg.error;
    // Slack turns a typed address into `<mailto:a@b.c|a@b.c>`.
    const email = (ctx.args[1] ?? '').replace(/^<mailto:([^|>]+)(?:\|[^>]*)?>$/, '$1');
    const name = ctx.args.slice(2).join(' ').trim();
    if (!email || !name)
      return `Usage: \`${USAGE}\`, e.g. \`/sail guest ${arg.id} jane@example.com Jane Doe\`.`;
    return perform(
      ctx.services,
      ctx,
      (uc) => uc.inviteGuest(invocation(ctx), { sailId: arg.id, email, name }),
      (o) => renderInvite(o, ctx.services.config),
    );
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

/** Registers the card's "Add guest" button and the modal's submission. */
export function register(app: App, services: SlackServices): void {
  // The button opens the modal (admins): `views.open` needs the trigger, so it runs before the answer.
  app.action(
    actionIds.guestAdd,
    async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
      await ack();
      if (body.type !== 'block_actions' || action.type !== 'button') return;
      if (!isAdmin(services.config, body.user.id)) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: adminOnly('add guests', services.config),
        });
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
