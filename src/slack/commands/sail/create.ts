/** `/sail create`: the modal with no text, or the inline grammar from DESIGN.md. */

import type { webApi } from '@slack/bolt';
import { CREATE_EXAMPLE, CREATE_USAGE, parseCreateCommand } from '../../../sails/parse';
import type { Sail, SailDraft } from '../../../sails/types';
import { findVessel } from '../../../sails/vessels';
import { sailHeadline, sailTime, sailZone } from '../../blocks/sail-card';
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
  if (!created.ok) return escapeMrkdwn(created.error);
  const sail = created.sail;
  // The clash check reads while the card is posted: neither waits for the other.
  const [posted, clash] = await Promise.all([
    postNewCard(deps, client, created, deps.config.channel),
    overlapping(deps, sail),
  ]);
  const where = posted?.channel ? ` in <#${posted.channel}>` : '';
  const warning = clash.length
    ? `\n:warning: ${escapeMrkdwn(vesselName(sail))} is already out then: ${clash
        .map((s) => `${sailHeadline(s)} (until ${sailTime(s.returnAt, sailZone(s))})`)
        .join('; ')}. Cancel one of them if that is a mistake.`
    : '';
  const afterSunset =
    sail.start !== 'sunset' && sail.departAt.getTime() >= sail.sunsetAt.getTime()
      ? `\n:crescent_moon: It departs after sunset (${sailTime(sail.sunsetAt, sailZone(sail))}): a night sail.`
      : '';
  return `Created *${escapeMrkdwn(sail.title)}* (${sail.id}); the card is posted${where}.${warning}${afterSunset}`;
}

/** Other live sails on the same vessel whose time on the water overlaps this one's. */
async function overlapping(deps: SlackDeps, sail: Sail): Promise<Sail[]> {
  // A sail lasts at most 12 hours, so anything overlapping departs within 12 hours before this one returns.
  const from = new Date(sail.departAt.getTime() - 12 * 3_600_000);
  const around = await deps.sails.upcoming({ from, days: 1, includeCancelled: false, limit: 50 });
  return around.filter(
    (s) =>
      s.id !== sail.id &&
      s.vesselId === sail.vesselId &&
      s.departAt.getTime() < sail.returnAt.getTime() &&
      sail.departAt.getTime() < s.returnAt.getTime(),
  );
}

function vesselName(sail: Sail): string {
  const v = findVessel(sail.vesselId);
  return v.ok ? v.value.name : sail.vesselId;
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
