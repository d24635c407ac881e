/** The read-only questions: upcoming sails, a person's roles. No state change, no effects. */
import type { Sail } from '../sails/types';
import type { Role, SailStore } from '../store/sails';

/** What reading needs. */
export interface ReadDeps {
  sails: Pick<SailStore, 'upcoming' | 'rolesFor'>;
  now: () => Date;
}

/** Upcoming sails in the next `days`, at most `limit` (one more is read to know there are more). */
export async function listUpcoming(
  deps: ReadDeps,
  input: { days: number; limit: number },
): Promise<{ sails: Sail[]; more: boolean }> {
  const sails = await deps.sails.upcoming({ from: deps.now(), days: input.days, limit: input.limit + 1 });
  return { sails: sails.slice(0, input.limit), more: sails.length > input.limit };
}

/** A person's upcoming roles (cancelled sails included, so nobody wonders where a role went). */
export function myRoles(deps: ReadDeps, userId: string): Promise<Role[]> {
  return deps.sails.rolesFor(userId, deps.now());
}
