/** `/sail create`: the modal with no text, or the inline grammar from DESIGN.md. */
import { CREATE_EXAMPLE, CREATE_USAGE, tokenizeCreate } from '../../../sails/parse';
import { SERIES_USAGE, splitSeriesOptions } from '../../../sails/series';
import { sailCreateModal } from '../../blocks/sail-create-modal';
import { adminOnly, invocation, perform, type Subcommand } from '../../context';
import { escapeMrkdwn } from '../../escape';
import { renderCreateSeries } from '../../render/crew';
import { renderCreate } from '../../render/outcomes';

export const create: Subcommand = {
  usage: `${CREATE_USAGE} [${SERIES_USAGE}] (no text opens a form)`,
  help: `e.g. \`${CREATE_EXAMPLE}\`. A sunset sail departs at sunset at the vessel's home port − ¾ of its duration. Without vessel=, the fleet's only vessel in service is used. A vessel already out then is refused unless you add \`force\`. For the second 01:30 of the night clocks go back, write e.g. 01:30PST.`,
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly('create sails', ctx.services.config);
    const uc = ctx.services.workspace(ctx.team);
    if (!ctx.rest.trim()) {
      const vessels = await uc.vesselsInService();
      if (vessels.length === 0)
        return 'There are no vessels in the fleet yet. Add one first: `/fleet add <vessel-id> <name…>` (or `/fleet` for a form).';
      // The one Web API call before the answer: a modal needs the trigger, which expires in 3 s.
      await ctx.client.views.open({
        trigger_id: ctx.triggerId,
        view: sailCreateModal(ctx.services.now(), vessels),
      });
      return undefined;
    }
    // `every=<weekday> until=<date>` makes a weekly series; the rest is one sail's grammar.
    const split = splitSeriesOptions(ctx.rest);
    if (!split.ok) return `${escapeMrkdwn(split.error)}\nUsage: \`${CREATE_USAGE} [${SERIES_USAGE}]\``;
    const fields = tokenizeCreate(split.value.text);
    // The domain's sentence may quote what was typed: escape it for mrkdwn.
    if (!fields.ok)
      return `${escapeMrkdwn(fields.error)}\nUsage: \`${CREATE_USAGE}\`, e.g. \`${CREATE_EXAMPLE}\``;
    const rule = split.value.series;
    if (rule) {
      // Checked against the fleet (read only); the series reports its own double bookings.
      const draft = await uc.checkDraft({ ...fields.value, force: true });
      if (!draft.ok)
        return `${escapeMrkdwn(draft.error)}\nUsage: \`${CREATE_USAGE}\`, e.g. \`${CREATE_EXAMPLE}\``;
      return perform(
        ctx.services,
        ctx,
        (uc) => uc.createSeries(invocation(ctx), { draft: draft.draft, rule }),
        (o) => renderCreateSeries(o, ctx.services.config),
      );
    }
    return perform(
      ctx.services,
      ctx,
      (uc) => uc.createSail(invocation(ctx), fields.value),
      (o) => {
        const reply = renderCreate(o, ctx.services.config);
        return o.kind === 'invalid'
          ? `${typeof reply === 'string' ? reply : reply.text}\nUsage: \`${CREATE_USAGE}\`, e.g. \`${CREATE_EXAMPLE}\``
          : reply;
      },
    );
  },
};
