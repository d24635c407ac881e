/** `/sail create`: the modal with no text, or the inline grammar from DESIGN.md. */
import { CREATE_EXAMPLE, CREATE_USAGE, parseCreateCommand } from '../../../sails/parse';
import { SERIES_USAGE, splitSeriesOptions } from '../../../sails/series';
import { sailCreateModal } from '../../blocks/sail-create-modal';
import { adminOnly, invocation, perform, type Subcommand } from '../../context';
import { escapeMrkdwn } from '../../escape';
import { renderCreateSeries } from '../../render/crew';
import { renderCreate } from '../../render/outcomes';

export const create: Subcommand = {
  usage: `${CREATE_USAGE} [${SERIES_USAGE}] (no text opens a form)`,
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly('create sails', ctx.services.config);
    if (!ctx.rest.trim()) {
      // The one Web API call before the answer: a modal needs the trigger, which expires in 3 s.
      await ctx.client.views.open({ trigger_id: ctx.triggerId, view: sailCreateModal(ctx.services.now()) });
      return undefined;
    }
    // `every=<weekday> until=<date>` makes a weekly series; the rest is one sail's grammar.
    const split = splitSeriesOptions(ctx.rest);
    if (!split.ok) return `${escapeMrkdwn(split.error)}\nUsage: \`${CREATE_USAGE} [${SERIES_USAGE}]\``;
    const draft = parseCreateCommand(split.value.text, { now: ctx.services.now() });
    // The domain's sentence may quote what was typed: escape it for mrkdwn.
    if (!draft.ok)
      return `${escapeMrkdwn(draft.error)}\nUsage: \`${CREATE_USAGE}\`, e.g. \`${CREATE_EXAMPLE}\``;
    const rule = split.value.series;
    if (rule) {
      return perform(
        ctx.services,
        ctx,
        (uc) => uc.createSeries(invocation(ctx), { draft: draft.value, rule }),
        (o) => renderCreateSeries(o, ctx.services.config),
      );
    }
    return perform(
      ctx.services,
      ctx,
      (uc) => uc.createSail(invocation(ctx), draft.value),
      (o) => renderCreate(o, ctx.services.config),
    );
  },
};
