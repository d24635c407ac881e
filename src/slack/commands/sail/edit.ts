/** `/sail edit <id> […]`: change a planned sail; every part optional, the grammar of create. */
import { EDIT_USAGE, tokenizeEdit } from '../../../sails/parse';
import { adminOnly, invocation, perform, type Subcommand } from '../../context';
import { escapeMrkdwn } from '../../escape';
import { renderEdit, renderEditSeries } from '../../render/outcomes';
import { sailIdArg, withIdNote } from './args';

export const edit: Subcommand = {
  usage: EDIT_USAGE,
  help: "Give only what changes, e.g. `/sail edit S-7K2M9Q 18:30 crew=3`. Times are worked out again; crew holders are DM'd and guests emailed what changed. Crew below the slots people hold, or guests below those invited, is refused. A vessel already out then is refused unless you add `force`. `/sail edit <id> series …` changes this sail and the later ones of its weekly series (not the date).",
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly('edit sails', ctx.services.config);
    const arg = sailIdArg(ctx, EDIT_USAGE);
    if ('error' in arg) return arg.error;
    // `/sail edit <id> series …`: this sail and the later ones of its weekly series.
    const series = (ctx.args[1] ?? '').toLowerCase() === 'series';
    const edit = tokenizeEdit(ctx.args.slice(series ? 2 : 1).join(' '));
    if (!edit.ok) return withIdNote(arg, `${escapeMrkdwn(edit.error)}\nUsage: \`${EDIT_USAGE}\``);
    if (series) {
      const replied = await perform(
        ctx.services,
        ctx,
        (uc) => uc.editSeries(invocation(ctx), { sailId: arg.id, edit: edit.value }),
        (o) => renderEditSeries(o, ctx.services.config),
      );
      return withIdNote(arg, replied);
    }
    const reply = await perform(
      ctx.services,
      ctx,
      (uc) => uc.editSail(invocation(ctx), { sailId: arg.id, edit: edit.value }),
      (o) => renderEdit(o, ctx.services.config),
    );
    return withIdNote(arg, reply);
  },
};
