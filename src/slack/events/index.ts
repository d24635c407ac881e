/**
 * Events API deliveries. Slack retries an event it thinks we missed, and may deliver one twice:
 * each `event_id` is handled once (the idempotency primitive); a repeat gets a 200 and nothing else.
 */
import type { App } from '@slack/bolt';
import type { SlackServices } from '../context';
import { subscribedEvents } from '../ids';
import { appHomeOpened } from './home';

/** Registers the events middleware (and, with the App Home, its listener). */
export function register(app: App, services: SlackServices): void {
  app.use(async ({ body, next }) => {
    const b = body as { type?: string; event_id?: string; team_id?: string };
    if (b.type !== 'event_callback' || !b.event_id) {
      await next();
      return;
    }
    await services.answerOnce(`event:${b.team_id ?? ''}:${b.event_id}`, async () => {
      await next();
      return null;
    });
  });
  app.event(subscribedEvents.appHomeOpened, appHomeOpened(services));
}
