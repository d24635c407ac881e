/** `/sail list`: upcoming sails, only to the person who asked. */
import { sailListMessage } from '../../blocks/sail-list';
import type { Subcommand } from '../../context';

/** How far ahead the list looks. */
const LIST_DAYS = 60;
/** Sails shown at most; one more is read to know whether there are more. */
const LIST_LIMIT = 30;

export const list: Subcommand = {
  usage: '/sail list',
  async run(ctx) {
    const sails = await ctx.deps.sails.upcoming({
      from: ctx.deps.now(),
      days: LIST_DAYS,
      limit: LIST_LIMIT + 1,
    });
    if (sails.length === 0)
      return `No sails in the next ${LIST_DAYS} days. Admins plan one with \`/sail create\`.`;
    const shown = sails.slice(0, LIST_LIMIT);
    // Beyond the cap we know only that there are more, not how many: say "at least one more".
    return sailListMessage(shown, LIST_DAYS, sails.length > LIST_LIMIT ? LIST_LIMIT + 1 : shown.length);
  },
};
