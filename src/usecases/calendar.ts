/**
 * Calendars. `/crew calendar` gives a person a private feed URL: an existing token is kept, so
 * a subscription never breaks by asking again. `/crew calendar reset` retires the old token and
 * issues a new one. Either way the URL reaches them as a DM, an effect (`calendar.dm`) that reads
 * the current token when it runs, so the URL never travels in an event or a log line. After a
 * new token, their home is republished (it shows the link).
 *
 * The feed (`GET /cal/<token>.ics`) is a read: the person's roles from a month ago on, each
 * sail one event (see `calendar/ics.ts`).
 */
import { buildCalendar, type CalendarEntry } from '../calendar/ics';
import { type Done, type EffectInput, keyed } from '../effects/types';
import { calendarPlace, type FleetSource } from '../home/fleet';
import { slotLabel } from '../sails/roster';
import type { CalendarTokenStore } from '../store/calendar-tokens';
import type { SailStore } from '../store/sails';
import type { Invocation } from './context';

/** What giving out calendar links needs. */
export interface CalendarLinkDeps {
  tokens: Pick<CalendarTokenStore, 'issue' | 'reset'>;
  workspace: string;
}

/** What a calendar request came to. */
export type CalendarLinkOutcome =
  /** The link is on its way as a DM; `created`: a new token (first time, or a reset). */
  { kind: 'sent'; created: boolean; reset: boolean; revoked: boolean };

/** Gives the actor their calendar link (a new one with `reset`). */
export async function calendarLink(
  deps: CalendarLinkDeps,
  inv: Invocation,
  input: { reset: boolean },
): Promise<Done<CalendarLinkOutcome>> {
  const owner = { workspace: deps.workspace, userId: inv.actor.userId };
  const issued = input.reset
    ? { ...(await deps.tokens.reset(owner)), created: true }
    : { ...(await deps.tokens.issue(owner)), revoked: undefined };
  const userId = inv.actor.userId;
  const effects: EffectInput[] = [{ type: 'calendar.dm', userId, reset: input.reset }];
  if (issued.created) effects.push({ type: 'home.publish', userId });
  return {
    outcome: {
      kind: 'sent',
      created: issued.created,
      reset: input.reset,
      revoked: Boolean(issued.revoked),
    },
    effects: keyed(inv.change, effects),
  };
}

/** What the feed needs. */
export interface CalendarFeedDeps {
  sails: Pick<SailStore, 'rolesFor'>;
  fleet: FleetSource;
  workspace: string;
  now: () => Date;
}

/** How far back the feed goes: recent sails stay in the calendar instead of vanishing at departure. */
export const FEED_PAST_DAYS = 30;

/** A person's sails as an iCalendar feed. */
export async function calendarFeed(deps: CalendarFeedDeps, input: { userId: string }): Promise<string> {
  const now = deps.now();
  const from = new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000);
  const [roles, fleet] = await Promise.all([deps.sails.rolesFor(input.userId, from), deps.fleet()]);
  const vessels = new Map(fleet.map((v) => [v.id, v]));
  const entries: CalendarEntry[] = roles.map(({ sail, slotId }) => ({
    sail,
    place: calendarPlace(vessels.get(sail.vesselId)),
    role: slotLabel(slotId),
    alarm: { at: sail.crewCallAt, label: 'Crew call' },
  }));
  return buildCalendar({
    name: 'Bosun: my sails',
    entries,
    workspace: deps.workspace,
    now,
    refreshSeconds: 3600,
  });
}
