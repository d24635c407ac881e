/** `/crew mine`: my upcoming roles, from the by-user index. */
import { slotLabel } from '../../../sails/roster';
import { sailTime, sailZone } from '../../blocks/sail-card';
import type { Subcommand } from '../../context';
import { escapeMrkdwn } from '../../escape';

export const mine: Subcommand = {
  usage: '/crew mine',
  async run(ctx) {
    const roles = await ctx.services.workspace(ctx.team).myRoles(ctx.userId);
    if (roles.length === 0) return 'You hold no upcoming roles. `/sail list` shows sails that need crew.';
    const state = { scheduled: '', on_hold: ' · on hold', cancelled: ' · *cancelled* (nothing to do)' };
    // Cancelled sails stay listed, marked, so nobody wonders where a role went; they sort last.
    const ordered = [...roles].sort(
      (a, b) => Number(a.sail.status === 'cancelled') - Number(b.sail.status === 'cancelled'),
    );
    const now = ctx.services.now();
    const lines = ordered.map(
      (r) =>
        `• ${slotLabel(r.slotId)} on *${escapeMrkdwn(r.sail.title)}* (${r.sail.id}) · ${sailTime(r.sail.departAt, sailZone(r.sail), true, now)}${state[r.sail.status]}`,
    );
    return `*Your upcoming roles*\n${lines.join('\n')}`;
  },
};
