/**
 * The DM with a person's private calendar feed URL (`/crew calendar`, the home's button). The URL
 * is a credential: it goes only to its owner, in a DM.
 */

import type { MessageBody } from './types';
import { section } from './types';

/** The DM; `reset` says the old link has stopped working. */
export function calendarDm(url: string, reset: boolean): MessageBody {
  const intro = reset
    ? 'Here is your new calendar link. The old one no longer works: replace it in your calendar app.'
    : 'Here is your private calendar link. It lists the sails you crew, and updates when they change.';
  const how =
    'Add it as a subscription: Google Calendar → Other calendars → *From URL*; Apple Calendar → File → *New Calendar Subscription*; Outlook → Add calendar → *Subscribe from web*.';
  const keep =
    'Keep it to yourself: anyone with the link sees your sails. `/crew calendar reset` replaces it.';
  return {
    text: `${intro} ${url}`,
    blocks: [section(`${intro}\n${url}`), section(how), section(keep)],
  };
}
