/** `/sail create`: the modal with no text, or the inline grammar from DESIGN.md. */

import type { webApi } from '@slack/bolt';
import { CREATE_EXAMPLE, CREATE_USAGE, parseCreateCommand } from '../../../sails/parse';
import type { SailDraft } from '../../../sails/types';
import { sailCreateModal } from '../../blocks/sail-create-modal';
import { adminOnly, type CommandContext, type SlackDeps, type Subcommand } from '../../context';
import { escapeMrkdwn } from '../../escape';
import { postNewCard } from '../../sail-cards';

/** Creates the sail, posts its card to the Bosun channel and returns the creator's reply. */
export async function createSailAndPost(
  deps: SlackDeps,
  client: webApi.WebClient,
  draft: SailDraft,
  by: string,
): Promise<string> {
  const created = await deps.sails.create(draft, by);
  if (!created.ok) return created.error;
  const sail = created.sail;
  const posted = await postNewCard(deps, client, created, deps.config.channel);
  const where = posted?.channel ? ` in <#${posted.channel}>` : '';
  return `Created *${escapeMrkdwn(sail.title)}* (${sail.id}); the card is posted${where}.`;
}

export const create: Subcommand = {
  usage: `${CREATE_USAGE} (no text opens a form)`,
  adminOnly: true,
  async run(ctx: CommandContext) {
    if (!ctx.isAdmin) return adminOnly('create sails', ctx.deps.config);
    if (!ctx.rest.trim()) {
      await ctx.client.views.open({ trigger_id: ctx.triggerId, view: sailCreateModal(ctx.deps.now()) });
      return undefined;
    }
    const draft = parseCreateCommand(ctx.rest, { now: ctx.deps.now() });
    // The domain's sentence may quote what was typed: escape it for mrkdwn.
    if (!draft.ok)
      return `${escapeMrkdwn(draft.error)}\nUsage: \`${CREATE_USAGE}\`, e.g. \`${CREATE_EXAMPLE}\``;
    return createSailAndPost(ctx.deps, ctx.client, draft.value, ctx.userId);
  },
};
