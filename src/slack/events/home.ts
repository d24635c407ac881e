/**
 * `app_home_opened`: the person opened Bosun's Home tab. The event's answer is an empty 200 (Bolt
 * acknowledges events itself); the home is published after it, as a `home.publish` effect keyed
 * by the event id. The events middleware (`./index.ts`) runs each `event_id` once, so a redelivered
 * event publishes nothing new.
 * @see https://api.slack.com/events/app_home_opened
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../context';
import { republishHome } from '../home';

/** The listener. */
export function appHomeOpened(services: SlackServices) {
  return async ({ event, body }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    // The Messages tab opens this event too; only the Home tab has anything to draw.
    if (event.tab !== undefined && event.tab !== 'home') return;
    const team = body.team_id ?? '';
    await services.enqueue(team, republishHome(`event:${body.event_id}`, event.user, 0));
  };
}
