/** `/sail list`: upcoming sails, only to the person who asked. */

import { sailHeadline } from '../../blocks/sail-card';
import { section } from '../../blocks/types';
import type { Subcommand } from '../../context';

/** How far ahead the list looks. */
const LIST_DAYS = 60;

export const list: Subcommand = {
  usage: '/sail list',
  async run(ctx) {
    const sails = await ctx.deps.sails.upcoming({ from: ctx.deps.now(), days: LIST_DAYS, limit: 25 });
    if (sails.length === 0)
      return `No sails in the next ${LIST_DAYS} days. Admins plan one with \`/sail create\`.`;
    const lines = sails.map((s) => {
      const state = s.status === 'on_hold' ? ' · on hold' : s.status === 'cancelled' ? ' · cancelled' : '';
      return `• ${sailHeadline(s)}${state}`;
    });
    return {
      text: `Upcoming sails: ${sails.map((s) => s.id).join(', ')}`,
      blocks: [section(`*Upcoming sails* (next ${LIST_DAYS} days)\n${lines.join('\n')}`)],
    };
  },
};
