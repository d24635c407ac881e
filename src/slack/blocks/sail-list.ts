/**
 * `/sail list`: upcoming sails, a few to a section so no sail is cut off by Slack's 3000-character
 * section limit, and a line saying how many more there are when the list is longer than shown.
 */
import type { Sail } from '../../sails/types';
import { sailHeadline } from './sail-card';
import { type Block, context, type MessageBody, section } from './types';

/** Sails per section: 8 headlines with 120-character titles stay well inside 3000 characters. */
const PER_SECTION = 8;

/** Builds the list; a `total` above the sails shown adds a line saying there are more. */
export function sailListMessage(sails: readonly Sail[], days: number, total = sails.length): MessageBody {
  const line = (s: Sail) => {
    const state = s.status === 'on_hold' ? ' · on hold' : s.status === 'cancelled' ? ' · cancelled' : '';
    return `• ${sailHeadline(s)}${state}`;
  };
  const blocks: Block[] = [section(`*Upcoming sails* (next ${days} days)`)];
  for (let i = 0; i < sails.length; i += PER_SECTION) {
    blocks.push(
      section(
        sails
          .slice(i, i + PER_SECTION)
          .map(line)
          .join('\n'),
      ),
    );
  }
  if (total > sails.length) {
    blocks.push(context(`…and more after these. \`/sail show <id>\` shows any sail's card.`));
  }
  return { text: `Upcoming sails: ${sails.map((s) => s.id).join(', ')}`, blocks };
}
