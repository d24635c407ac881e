/** `/sail list`: upcoming sails, only to the person who asked. */
import { sailListMessage } from '../../blocks/sail-list';
import type { Subcommand } from '../../context';

/** How far ahead the list looks. */
const LIST_DAYS = 60;
/** Sails shown at most. */
const LIST_LIMIT = 30;

export const list: Subcommand = {
  usage: '/sail list',
  async run(ctx) {
    const { sails, more } = await ctx.services
      .workspace(ctx.team)
      .listUpcoming({ days: LIST_DAYS, limit: LIST_LIMIT });
    if (sails.length === 0)
      return `No sails in the next ${LIST_DAYS} days. Admins plan one with \`/sail create\`.`;
    // Beyond the cap we know only that there are more, not how many: say "at least one more".
    return sailListMessage(sails, LIST_DAYS, more ? LIST_LIMIT + 1 : sails.length);
  },
};
