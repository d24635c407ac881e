/**
 * `GET /api/guest/calendar.ics`: the guest's sail as an "Add to calendar" file, the same file the
 * invitation email carries (`icsForGuestSail`). The guest page downloads it with the guest's
 * Bearer token, as it calls `GET /api/guest` (fetch, then save the blob), so the token never
 * appears in a URL.
 */
import { type Context, Hono } from 'hono';
import { createGuestTokens } from '../auth/jwt';
import { type CalendarPlace, guestIcsFilename, ICS_CONTENT_TYPE, icsForGuestSail } from '../calendar/ics';
import type { GuestSail, GuestSailLookup } from '../guests/sail-view';
import { registryCalendarPlace } from '../home/fleet';
import type { GuestStore } from '../store/guests';

/** What the route needs; the HTTP app wires the real ones. */
export interface GuestCalendarDeps {
  jwtSecret: string;
  /** The guests and sails of the workspace the guest's token names. */
  storesOf: (workspace: string) => { guests: Pick<GuestStore, 'get'>; sails: GuestSailLookup };
  /** Where a sail leaves from (zone, vessel, meeting place); defaults to the fleet registry. */
  placeOf?: ((sail: GuestSail) => CalendarPlace) | undefined;
  now?: (() => Date) | undefined;
}

const problem = (c: Context, status: 401 | 404, error: string, message: string) =>
  c.json({ error, message }, status);

/** Builds the route, relative to its mount point (`/api`). */
export function createGuestCalendar(deps: GuestCalendarDeps): Hono {
  const now = deps.now ?? (() => new Date());
  const tokens = createGuestTokens({ secret: deps.jwtSecret, now });
  const placeOf = deps.placeOf ?? ((sail: GuestSail) => registryCalendarPlace(sail.vesselId));
  const app = new Hono();
  app.get('/guest/calendar.ics', async (c) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const verified = bearer ? await tokens.verify(bearer) : undefined;
    if (!verified?.ok) {
      return problem(
        c,
        401,
        'unauthorized',
        'Open the link from your invitation email to get the calendar file.',
      );
    }
    const { claims } = verified;
    const stores = deps.storesOf(claims.workspace);
    const [guest, sail] = await Promise.all([
      stores.guests.get(claims.sailId, claims.guestId),
      stores.sails.get(claims.sailId),
    ]);
    if (!guest || !sail) {
      return problem(
        c,
        404,
        'not_found',
        'We could not find your invitation. Ask the person who invited you.',
      );
    }
    const ics = icsForGuestSail(sail, placeOf(sail), { workspace: claims.workspace, now: now() });
    return c.body(ics, 200, {
      'content-type': ICS_CONTENT_TYPE,
      'content-disposition': `attachment; filename="${guestIcsFilename(sail)}"`,
      'cache-control': 'no-store',
    });
  });
  return app;
}
