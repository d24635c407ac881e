/** `/crew cover <id> <slot> [withdraw]`: ask someone to take over your slot, or withdraw the request. */
import { invocation, perform, type Subcommand } from '../../context';
import { renderRequestCover, renderWithdrawCover } from '../../render/crew';
import { sailIdArg } from '../sail/args';

const USAGE = '/crew cover <id> <slot> [withdraw]';

export const cover: Subcommand = {
  usage: USAGE,
  async run(ctx) {
    const arg = sailIdArg(ctx, USAGE);
    if ('error' in arg) return arg.error;
    const role = ctx.args[1];
    if (!role) return `Say which slot: \`${USAGE}\`, e.g. \`/crew cover ${arg.id} crew\` (your crew slot).`;
    const input = { sailId: arg.id, role };
    const withdraw = (ctx.args[2] ?? '').toLowerCase();
    if (withdraw === 'withdraw') {
      return perform(
        ctx.services,
        ctx,
        (uc) => uc.withdrawCover(invocation(ctx), input),
        renderWithdrawCover,
      );
    }
    if (withdraw) return `Usage: \`${USAGE}\`. The only word after the slot is \`withdraw\`.`;
    return perform(ctx.services, ctx, (uc) => uc.requestCover(invocation(ctx), input), renderRequestCover);
  },
};
