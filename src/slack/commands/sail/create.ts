/** `/sail create`: the modal with no text, or the inline grammar from DESIGN.md. */
import { CREATE_EXAMPLE, CREATE_USAGE, parseCreateCommand } from '../../../sails/parse';
import { sailCreateModal } from '../../blocks/sail-create-modal';
import { adminOnly, invocation, perform, type Subcommand } from '../../context';
import { escapeMrkdwn } from '../../escape';
import { renderCreate } from '../../render/outcomes';

export const create: Subcommand = {
  usage: `${CREATE_USAGE} (no text opens a form)`,
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly('create sails', ctx.services.config);
    if (!ctx.rest.trim()) {
      // The one Web API call before the answer: a modal needs the trigger, which expires in 3 s.
      await ctx.client.views.open({ trigger_id: ctx.triggerId, view: sailCreateModal(ctx.services.now()) });
      return undefined;
    }
    const draft = parseCreateCommand(ctx.rest, { now: ctx.services.now() });
    // The domain's sentence may quote what was typed: escape it for mrkdwn.
    if (!draft.ok)
      return `${escapeMrkdwn(draft.error)}\nUsage: \`${CREATE_USAGE}\`, e.g. \`${CREATE_EXAMPLE}\``;
    return perform(
      ctx.services,
      ctx,
      (uc) => uc.createSail(invocation(ctx), draft.value),
      (o) => renderCreate(o, ctx.services.config),
    );
  },
};
