/** `/sail list [days]`: upcoming sails with their open roles, only to the person who asked. */
import { sailListMessage } from '../../blocks/sail-list';
import type { Subcommand } from '../../context';
import { escapeMrkdwn } from '../../escape';

/** How far ahead the list looks unless told. */
const LIST_DAYS = 60;
/** The furthest it looks. */
const MAX_DAYS = 365;
/** Sails shown at most (their rosters are read one by one; 30 fit Block Kit's limits easily). */
const LIST_LIMIT = 30;

export const list: Subcommand = {
  usage: '/sail list [days]',
  help: `Upcoming sails and the roles still open on each, for the next ${LIST_DAYS} days unless you say how many (up to ${MAX_DAYS}).`,
  async run(ctx) {
    const raw = ctx.args[0];
    let days = LIST_DAYS;
    if (raw !== undefined) {
      const n = /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
      if (!(n >= 1 && n <= MAX_DAYS) || ctx.args.length > 1)
        return `"${escapeMrkdwn(ctx.args.join(' ').slice(0, 40))}" is not a number of days. Write \`/sail list\` or \`/sail list <days>\` with 1 to ${MAX_DAYS}, e.g. \`/sail list 120\`.`;
      days = n;
    }
    const { sails, more } = await ctx.services.workspace(ctx.team).listUpcoming({ days, limit: LIST_LIMIT });
    if (sails.length === 0)
      return `No sails in the next ${days} days. Admins plan one with \`/sail create\`.`;
    // Beyond the cap we know only that there are more, not how many: say "at least one more".
    return sailListMessage(sails, days, more ? LIST_LIMIT + 1 : sails.length, ctx.services.now());
  },
};
