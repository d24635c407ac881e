/**
 * Reading a person's App Home: a read, with no state change and no effects. The `home.publish`
 * effect calls it and publishes what it returns.
 *
 * The reads are few and do not grow with the number of sails:
 * - the person's roles (one Query of the by-user index, one BatchGet of their sails);
 * - the upcoming sails (one Query of the by-departure index);
 * - their calendar token (one GetItem);
 * - the fleet;
 * - the rosters of the sails on the page, with BatchGets of 100 keys.
 *
 * These run in parallel where they can. Only an admin's waiver counts take one Query per sail
 * with guests, and only for the sails on the page (at most `homePage.adminSails`).
 */
import type { FleetSource } from '../home/fleet';
import {
  type AdminSail,
  HOME_DAYS,
  HOME_SAIL_LIMIT,
  type HomeModel,
  homePage,
  type OpenRole,
  openRolesOn,
  pageOf,
} from '../home/model';
import type { Sail } from '../sails/types';
import type { CalendarTokenStore } from '../store/calendar-tokens';
import type { SailFill, SailSummaryReader } from '../store/sail-summaries';
import type { SailStore } from '../store/sails';

/** What reading the home needs. */
export interface HomeDeps {
  sails: Pick<SailStore, 'upcoming' | 'rolesFor'>;
  summaries: SailSummaryReader;
  calendarTokens: Pick<CalendarTokenStore, 'current'>;
  fleet: FleetSource;
  /** The workspace (Slack team id) whose home this is. */
  workspace: string;
  /** The feed URL for a token. */
  calendarUrl: (token: string) => string;
  now: () => Date;
}

/** Keys per round of roster reads: one `BatchGetItem` takes at most 100. */
const BATCH_KEYS = 100;

/** The keys a sail's roster read takes: its slots and its guest counter. */
const keysOf = (sail: Sail) => sail.crewCount + 2;

/** The home of `userId`, page `page` (0-based). */
export async function readHome(
  deps: HomeDeps,
  input: { userId: string; isAdmin: boolean; page?: number; notice?: string | undefined },
): Promise<HomeModel> {
  const { userId, isAdmin } = input;
  const page = Math.max(0, Math.floor(input.page ?? 0));
  const now = deps.now();
  const [roles, upcoming, token, fleet] = await Promise.all([
    deps.sails.rolesFor(userId, now),
    deps.sails.upcoming({ from: now, days: HOME_DAYS, limit: HOME_SAIL_LIMIT }),
    deps.calendarTokens.current({ workspace: deps.workspace, userId }),
    deps.fleet(),
  ]);
  const captainsOf = new Map(fleet.map((v) => [v.id, v.captains]));

  // Rosters read so far, so a sail on both lists is read once.
  const fills = new Map<string, SailFill>();
  const fill = async (sails: readonly Sail[]) => {
    const missing = [...new Map(sails.filter((s) => !fills.has(s.id)).map((s) => [s.id, s])).values()];
    if (missing.length === 0) return;
    for (const [id, f] of await deps.summaries.fillOf(missing)) fills.set(id, f);
  };

  const adminPage = isAdmin ? pageOf(upcoming, page, homePage.adminSails) : undefined;
  const mine = new Set(roles.map((r) => r.sail.id));
  const candidates = upcoming.filter((s) => s.status !== 'cancelled' && !mine.has(s.id));
  // Enough open roles for this page and one more, to know whether a next page exists. Rosters are
  // read in rounds of one BatchGet (100 keys); the admin's page goes in the first round.
  const wanted = (page + 1) * homePage.openRoles + 1;
  const open: OpenRole[] = [];
  let next = 0;
  let round: Sail[] = adminPage ? [...adminPage.items] : [];
  while (next < candidates.length && open.length < wanted) {
    const checked: Sail[] = [];
    let keys = round.filter((s) => !fills.has(s.id)).reduce((n, s) => n + keysOf(s), 0);
    for (; next < candidates.length; next++) {
      const sail = candidates[next] as Sail;
      const more = fills.has(sail.id) || round.some((r) => r.id === sail.id) ? 0 : keysOf(sail);
      if (checked.length > 0 && keys + more > BATCH_KEYS) break;
      keys += more;
      checked.push(sail);
    }
    await fill([...round, ...checked]);
    round = [];
    for (const sail of checked) {
      const f = fills.get(sail.id);
      if (f) open.push(...openRolesOn(sail, f.slots, userId, captainsOf.get(sail.vesselId), now));
    }
  }

  let admin: HomeModel['admin'];
  if (adminPage) {
    await fill(adminPage.items);
    const withGuests = adminPage.items.filter((s) => (fills.get(s.id)?.seatsTaken ?? 0) > 0).map((s) => s.id);
    const tallies = withGuests.length > 0 ? await deps.summaries.guestTally(withGuests) : new Map();
    const sails: AdminSail[] = adminPage.items.map((sail) => {
      const slots = fills.get(sail.id)?.slots ?? [];
      const tally = tallies.get(sail.id) ?? { invited: 0, signed: 0 };
      return {
        sail,
        crew: { held: slots.filter((s) => s.holder).length, total: slots.length },
        guests: {
          seatsTaken: fills.get(sail.id)?.seatsTaken ?? 0,
          capacity: sail.guestCapacity,
          invited: tally.invited,
          signed: tally.signed,
        },
      };
    });
    admin = {
      sails,
      moreSails: adminPage.more,
      fleet: fleet.filter((v) => !v.retired).slice(0, homePage.vessels),
    };
  }

  const rolesPage = pageOf(roles, page, homePage.roles);
  const openPage = pageOf(open, page, homePage.openRoles);
  return {
    userId,
    isAdmin,
    page,
    roles: rolesPage.items,
    moreRoles: rolesPage.more,
    openRoles: openPage.items,
    moreOpenRoles: openPage.more,
    ...(token ? { calendarUrl: deps.calendarUrl(token) } : {}),
    ...(admin ? { admin } : {}),
    ...(input.notice ? { notice: input.notice } : {}),
  };
}

/** The sail an admin is about to edit from the home (to fill the form), or undefined. */
export async function sailToEdit(
  deps: { sails: Pick<SailStore, 'get'> },
  input: { sailId: string },
): Promise<Sail | undefined> {
  return (await deps.sails.get(input.sailId))?.sail;
}
