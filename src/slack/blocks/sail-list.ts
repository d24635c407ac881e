/**
 * `/sail list`: upcoming sails, a few to a section so no sail is cut off by Slack's 3000-character
 * section limit, and a line saying how many more there are when the list is longer than shown.
 */
import { CAPTAIN } from '../../sails/roster';
import type { Sail } from '../../sails/types';
import { sailHeadline } from './sail-card';
import { type Block, context, type MessageBody, section } from './types';

/**
 * Sails per section: 8 lines, each a headline with a 120-character title (~250 characters with
 * its date token) and its open roles (~40), stay well inside 3000 characters.
 */
const PER_SECTION = 8;

/** A sail in the list with its roster's open slots. */
export interface ListedSail {
  sail: Sail;
  /** Open slot ids, captain first. */
  open: readonly string[];
}

/** "needs Captain and 2 of 3 crew", "fully crewed": short whatever the crew size. */
export function openRolesText(sail: Pick<Sail, 'crewCount'>, open: readonly string[]): string {
  const captain = open.includes(CAPTAIN);
  const crew = open.filter((s) => s !== CAPTAIN).length;
  const parts = [...(captain ? ['Captain'] : []), ...(crew > 0 ? [`${crew} of ${sail.crewCount} crew`] : [])];
  return parts.length === 0 ? 'fully crewed' : `needs ${parts.join(' and ')}`;
}

/** Builds the list; a `total` above the sails shown adds a line saying there are more. */
export function sailListMessage(
  sails: readonly ListedSail[],
  days: number,
  total = sails.length,
  now?: Date,
): MessageBody {
  const line = ({ sail: s, open }: ListedSail) => {
    const state =
      s.status === 'on_hold'
        ? ` · on hold · ${openRolesText(s, open)}`
        : s.status === 'cancelled'
          ? ' · cancelled'
          : ` · ${openRolesText(s, open)}`;
    return `• ${sailHeadline(s, now)}${state}`;
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
  return { text: `Upcoming sails: ${sails.map((s) => s.sail.id).join(', ')}`, blocks };
}
