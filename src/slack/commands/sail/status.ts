/** `/sail hold <id> [reason…]`, `/sail unhold <id>`, `/sail cancel <id>`: admin status changes. */
import { type SailStatus, sailStatuses } from '../../../sails/types';
import { adminOnly, type Subcommand } from '../../context';
import { escapeMrkdwn, mention } from '../../escape';
import { dmHolders, refreshCard } from '../../sail-cards';
import { sailIdArg, unknownSail } from './args';

/** A hold's reason is shown on the card, the guests' page and their email. */
const MAX_REASON = 300;

function statusChange(to: SailStatus, verb: string, usage: string): Subcommand {
  return {
    usage,
    adminOnly: true,
    async run(ctx) {
      if (!ctx.isAdmin) return adminOnly(`${verb} sails`, ctx.deps.config);
      const arg = sailIdArg(ctx, usage);
      if ('error' in arg) return arg.error;
      const reason = to === sailStatuses.onHold ? ctx.args.slice(1).join(' ').trim() || undefined : undefined;
      if (reason && reason.length > MAX_REASON) {
        return `That reason is ${reason.length} characters; keep it to ${MAX_REASON} (guests see it on their page and in an email). Nothing was changed.`;
      }
      const changed = await ctx.deps.sails.setStatus(arg.id, to, reason);
      if (!changed.ok)
        return changed.reason === 'no_such_sail' ? unknownSail(arg.id) : escapeMrkdwn(changed.message);
      const { sail } = changed;
      const holders = changed.holders.map((h) => h.userId);
      const why = reason ? `: ${escapeMrkdwn(reason)}` : '';
      const note = {
        on_hold: `${mention(ctx.userId)} put this sail on hold${why}.`,
        scheduled: `${mention(ctx.userId)} took this sail off hold.`,
        cancelled: `${mention(ctx.userId)} cancelled this sail.`,
      }[to];
      await refreshCard(ctx.deps, ctx.client, sail.id, note);
      const emailed = (await ctx.deps.extensions?.onSailStatus?.(sail, to, reason)) ?? 0;
      const dmText = {
        on_hold: `*${escapeMrkdwn(sail.title)}* (${sail.id}) is on hold${why}. Your role is kept; watch the card for news.`,
        scheduled: `*${escapeMrkdwn(sail.title)}* (${sail.id}) is back on. Your role is still yours.`,
        cancelled: `*${escapeMrkdwn(sail.title)}* (${sail.id}) is cancelled. You no longer need to keep the time free.`,
      }[to];
      await dmHolders(ctx.client, holders, dmText);
      const told = holders.length ? ` ${holders.length} crew told by DM.` : '';
      const guestsTold = emailed ? ` ${emailed} guest${emailed === 1 ? ' is' : 's are'} being emailed.` : '';
      return `${sail.id} is now ${to === 'on_hold' ? 'on hold' : to === 'cancelled' ? 'cancelled' : 'scheduled'}.${told}${guestsTold}`;
    },
  };
}

export const hold = statusChange(sailStatuses.onHold, 'hold', '/sail hold <id> [reason…]');
export const unhold = statusChange(sailStatuses.scheduled, 'unhold', '/sail unhold <id>');
export const cancel = statusChange(sailStatuses.cancelled, 'cancel', '/sail cancel <id>');
