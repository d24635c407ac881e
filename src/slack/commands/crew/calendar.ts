/**
 * `/crew calendar` DMs the person their private calendar feed URL (the same one each time);
 * `/crew calendar reset` retires it and sends a new one.
 */
import { invocation, perform, type Subcommand } from '../../context';
import { renderCalendarLink } from '../../render/calendar';

const USAGE = '/crew calendar [reset]';

export const calendar: Subcommand = {
  usage: USAGE,
  async run(ctx) {
    const word = ctx.args[0]?.toLowerCase();
    if (word === 'help') {
      return `\`${USAGE}\`: a private link to your sails for your calendar app, sent as a DM. \`reset\` retires the old link and sends a new one.`;
    }
    if (word !== undefined && word !== 'reset') {
      return `\`/crew calendar\` takes nothing or \`reset\`. Usage: \`${USAGE}\`.`;
    }
    return perform(
      ctx.services,
      ctx,
      (uc) => uc.calendarLink(invocation(ctx), { reset: word === 'reset' }),
      renderCalendarLink,
    );
  },
};
