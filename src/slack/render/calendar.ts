/** The answer to `/crew calendar` (and the home's "Get my calendar link"). */
import type { CalendarLinkOutcome } from '../../usecases/calendar';

/** Says where the link went, and that an old one stopped working after a reset. */
export function renderCalendarLink(o: CalendarLinkOutcome): string {
  if (o.reset) {
    return o.revoked
      ? 'Your old calendar link no longer works. The new one is in your DMs from Bosun: replace the old subscription with it.'
      : 'Your calendar link is in your DMs from Bosun (you had none to reset).';
  }
  return o.created
    ? 'Your private calendar link is in your DMs from Bosun. Add it to your calendar app as a subscription.'
    : 'I sent your calendar link to your DMs again. It is the same link as before.';
}
