/**
 * The effects of the App Home and calendars: publish a person's home (`views.publish`, read from
 * the store when it runs, so it shows the latest state whatever order effects run in), and DM a
 * person their calendar feed URL (read when it runs, so the URL is never part of an event).
 * @see https://api.slack.com/methods/views.publish
 */
import type { webApi } from '@slack/bolt';
import { DeliveryError } from '../errors';
import type { HomeModel } from '../home/model';
import { calendarDm } from '../slack/blocks/calendar-dm';
import { homeView } from '../slack/blocks/home';
import type { EffectHandlers } from './runner';

/** What the home's effects need. */
export interface HomeEffectDeps {
  client: webApi.WebClient;
  /** A person's home in a workspace (the `readHome` use case, admin or not decided by the caller). */
  readHome: (
    team: string,
    input: { userId: string; page?: number | undefined; notice?: string | undefined },
  ) => Promise<HomeModel>;
  /** A person's current feed URL in a workspace, if they have one. */
  calendarUrl: (team: string, userId: string) => Promise<string | undefined>;
  now: () => Date;
}

type HomeEffects = Pick<EffectHandlers, 'home.publish' | 'calendar.dm'>;

/** Builds the handlers. */
export function createHomeEffectHandlers(deps: HomeEffectDeps): HomeEffects {
  return {
    'home.publish': async (e, { team }) => {
      const home = await deps.readHome(team, { userId: e.userId, page: e.page, notice: e.notice });
      await deps.client.views.publish({ user_id: e.userId, view: homeView(home, { updatedAt: deps.now() }) });
    },
    'calendar.dm': async (e, { team }) => {
      const url = await deps.calendarUrl(team, e.userId);
      // The use case issued the token before queuing this; none now means it was never stored.
      if (!url) throw new DeliveryError(`${e.userId} has no calendar link to send`, false);
      // Posting to a user id delivers to the bot's DM with them.
      await deps.client.chat.postMessage({
        channel: e.userId,
        ...calendarDm(url, e.reset),
        unfurl_links: false,
      });
    },
  };
}
