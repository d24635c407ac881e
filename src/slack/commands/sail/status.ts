/** `/sail hold <id> [reason…]`, `/sail unhold <id>`, `/sail cancel <id>`: admin status changes. */
import { type SailStatus, sailStatuses } from '../../../sails/types';
import { adminOnly, invocation, perform, type Subcommand } from '../../context';
import { renderCancelSeries } from '../../render/crew';
import { renderStatus } from '../../render/outcomes';
import { sailIdArg } from './args';

function statusChange(to: SailStatus, verb: string, usage: string): Subcommand {
  return {
    usage,
    adminOnly: true,
    async run(ctx) {
      if (!ctx.isAdmin) return adminOnly(`${verb} sails`, ctx.services.config);
      const arg = sailIdArg(ctx, usage);
      if ('error' in arg) return arg.error;
      // `/sail cancel <id> series`: this sail and the rest of its weekly series.
      if (to === sailStatuses.cancelled && (ctx.args[1] ?? '').toLowerCase() === 'series') {
        const why = ctx.args.slice(2).join(' ').trim() || undefined;
        return perform(
          ctx.services,
          ctx,
          (uc) => uc.cancelSeries(invocation(ctx), { sailId: arg.id, reason: why }),
          (o) => renderCancelSeries(o, ctx.services.config),
        );
      }
      const reason = to === sailStatuses.onHold ? ctx.args.slice(1).join(' ').trim() || undefined : undefined;
      return perform(
        ctx.services,
        ctx,
        (uc) => uc.changeSailStatus(invocation(ctx), { sailId: arg.id, to, reason }),
        (o) => renderStatus(o, ctx.services.config),
      );
    },
  };
}

export const hold = statusChange(sailStatuses.onHold, 'hold', '/sail hold <id> [reason…]');
export const unhold = statusChange(sailStatuses.scheduled, 'unhold', '/sail unhold <id>');
export const cancel = statusChange(sailStatuses.cancelled, 'cancel', '/sail cancel <id> [series]');
