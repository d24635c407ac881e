/** `/crew waitlist <id> [leave]`: the same as the card's "Join the waitlist" button; or leave it. */
import { invocation, perform, type Subcommand } from '../../context';
import { renderJoinWaitlist, renderLeaveWaitlist } from '../../render/crew';
import { sailIdArg } from '../sail/args';

const USAGE = '/crew waitlist <id> [leave]';

export const waitlist: Subcommand = {
  usage: USAGE,
  async run(ctx) {
    const arg = sailIdArg(ctx, USAGE);
    if ('error' in arg) return arg.error;
    const word = (ctx.args[1] ?? '').toLowerCase();
    if (word === 'leave') {
      return perform(
        ctx.services,
        ctx,
        (uc) => uc.leaveWaitlist(invocation(ctx), { sailId: arg.id }),
        renderLeaveWaitlist,
      );
    }
    if (word) return `Usage: \`${USAGE}\`.`;
    return perform(
      ctx.services,
      ctx,
      (uc) => uc.joinWaitlist(invocation(ctx), { sailId: arg.id }),
      renderJoinWaitlist,
    );
  },
};
