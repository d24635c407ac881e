/**
 * `/sail hold <id> [reason…]`, `/sail unhold <id>`, `/sail cancel <id> [reason…]`,
 * `/sail uncancel <id> [force]`: admin status changes.
 */
import { type SailStatus, sailStatuses } from '../../../sails/types';
import { adminOnly, invocation, perform, type Subcommand } from '../../context';
import { renderCancelSeries } from '../../render/crew';
import { renderStatus } from '../../render/outcomes';
import { sailIdArg, withIdNote } from './args';

function statusChange(
  to: SailStatus,
  verb: string,
  usage: string,
  opts: { reason?: boolean; uncancel?: boolean; help?: string } = {},
): Subcommand {
  return {
    usage,
    adminOnly: true,
    ...(opts.help ? { help: opts.help } : {}),
    async run(ctx) {
      if (!ctx.isAdmin) return adminOnly(`${verb} sails`, ctx.services.config);
      const arg = sailIdArg(ctx, usage);
      if ('error' in arg) return arg.error;
      // `/sail cancel <id> series [reason…]`: this sail and the rest of its weekly series.
      if (to === sailStatuses.cancelled && (ctx.args[1] ?? '').toLowerCase() === 'series') {
        const why = ctx.args.slice(2).join(' ').trim() || undefined;
        const reply = await perform(
          ctx.services,
          ctx,
          (uc) => uc.cancelSeries(invocation(ctx), { sailId: arg.id, reason: why }),
          (o) => renderCancelSeries(o, ctx.services.config),
        );
        return withIdNote(arg, reply);
      }
      const rest = ctx.args.slice(1);
      const reason = opts.reason ? rest.join(' ').trim() || undefined : undefined;
      const force = opts.uncancel === true && rest.length === 1 && rest[0] === 'force';
      if (opts.uncancel && rest.length > 0 && !force) return `Usage: \`${usage}\``;
      const reply = await perform(
        ctx.services,
        ctx,
        (uc) =>
          uc.changeSailStatus(invocation(ctx), {
            sailId: arg.id,
            to,
            reason,
            ...(opts.uncancel ? { uncancel: true, force } : {}),
          }),
        (o) => renderStatus(o, ctx.services.config),
      );
      return withIdNote(arg, reply);
    },
  };
}

export const hold = statusChange(sailStatuses.onHold, 'hold', '/sail hold <id> [reason…]', { reason: true });
export const unhold = statusChange(sailStatuses.scheduled, 'unhold', '/sail unhold <id>');
export const cancel = statusChange(sailStatuses.cancelled, 'cancel', '/sail cancel <id> [series] [reason…]', {
  reason: true,
  help: 'The reason is shown on the card and told to the crew (DM) and the guests (email). `series` cancels this sail and the later ones of its weekly series. `/sail uncancel <id>` undoes a cancel before departure.',
});
export const uncancel = statusChange(sailStatuses.scheduled, 'uncancel', '/sail uncancel <id> [force]', {
  uncancel: true,
  help: 'Restores a cancelled sail before its departure; crew and guests are told it is back on. Refused when its vessel is out then on another sail, unless you add `force`.',
});
