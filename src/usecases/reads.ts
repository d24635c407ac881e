/** The read-only questions: upcoming sails with their open roles, a person's roles, the fleet for forms. No state change, no effects. */
import type { Vessel } from '../fleet/vessel';
import type { Sail } from '../sails/types';
import type { FleetStore } from '../store/fleet';
import type { Role, SailStore } from '../store/sails';

/** What reading needs. */
export interface ReadDeps {
  sails: Pick<SailStore, 'upcoming' | 'rolesFor' | 'get'>;
  fleet: Pick<FleetStore, 'list'>;
  now: () => Date;
}

/** An upcoming sail with the slots still open on it. */
export interface UpcomingSail {
  sail: Sail;
  /** Open slot ids in roster order (none for a cancelled sail). */
  open: string[];
}

/** Sails whose rosters are read at once for the list. */
const ROSTER_READS_AT_ONCE = 8;

/**
 * Upcoming sails in the next `days`, at most `limit` (one more is read to know there are more),
 * each with its open roles: one Query for the window, then one per listed sail's roster.
 */
export async function listUpcoming(
  deps: ReadDeps,
  input: { days: number; limit: number },
): Promise<{ sails: UpcomingSail[]; more: boolean }> {
  const found = await deps.sails.upcoming({ from: deps.now(), days: input.days, limit: input.limit + 1 });
  const shown = found.slice(0, input.limit);
  const out: UpcomingSail[] = shown.map((sail) => ({ sail, open: [] }));
  const queue = out.filter((s) => s.sail.status !== 'cancelled');
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const record = await deps.sails.get(item.sail.id);
      item.open = (record?.slots ?? []).filter((s) => !s.holder).map((s) => s.slotId);
    }
  };
  await Promise.all(Array.from({ length: Math.min(ROSTER_READS_AT_ONCE, queue.length) }, worker));
  return { sails: out, more: found.length > input.limit };
}

/** A person's upcoming roles (cancelled sails included, so nobody wonders where a role went). */
export function myRoles(deps: ReadDeps, userId: string): Promise<Role[]> {
  return deps.sails.rolesFor(userId, deps.now());
}

/** The vessels in service, for the create form's choice. */
export async function vesselsInService(deps: ReadDeps): Promise<Vessel[]> {
  return (await deps.fleet.list()).filter((v) => !v.retired);
}
