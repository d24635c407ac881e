/**
 * `GET /cal/<token>.ics`: a person's sails as an iCalendar feed, for calendar apps that subscribe
 * to the URL. The token is the only credential. An unknown or reset token answers 404, which
 * tells a calendar app the subscription is gone. Calendar apps name no workspace; the token's
 * item does. The store and the feed come in as functions, so nothing here loads storage code.
 * @see https://www.rfc-editor.org/rfc/rfc5545
 */
import { Hono } from 'hono';
import { ICS_CONTENT_TYPE } from '../calendar/ics';

/** Whom a token's feed is for. */
export interface FeedOwner {
  workspace: string;
  userId: string;
}

/** What the feed route needs; `app.ts` wires the token store and the `calendarFeed` use case. */
export interface CalendarRouteDeps {
  /** The owner of a token; undefined for an unknown or reset one. */
  resolve: (token: string) => Promise<FeedOwner | undefined>;
  /** The owner's feed. */
  feed: (owner: FeedOwner) => Promise<string>;
}

/** `<token>.ics`, with the token's shape checked before the table is asked. */
const FEED_FILE = /^([A-Za-z0-9_-]{20,64})\.ics$/;

/** Builds the route (mounted at `/`). */
export function createCalendarRoutes(deps: CalendarRouteDeps): Hono {
  const app = new Hono();
  app.get('/cal/:file', async (c) => {
    const token = FEED_FILE.exec(c.req.param('file'))?.[1];
    const owner = token ? await deps.resolve(token) : undefined;
    if (!owner) {
      return c.json(
        {
          error: 'not_found',
          message:
            'This calendar link does not work (it may have been reset). Type /crew calendar in Slack for your current link.',
        },
        404,
      );
    }
    const ics = await deps.feed(owner);
    return c.body(ics, 200, {
      'content-type': ICS_CONTENT_TYPE,
      'content-disposition': 'inline; filename="bosun-sails.ics"',
      // Personal data behind a secret URL: never in a shared cache; calendar apps poll anyway.
      'cache-control': 'private, max-age=300',
      'x-robots-tag': 'noindex',
    });
  });
  return app;
}
