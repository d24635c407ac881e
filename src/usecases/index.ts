/**
 * Every use case, bound to one workspace's stores. Adapters get this bundle and nothing else of
 * the stores: `uc.claimRole(inv, input)` reads like the action it is.
 */
import { keyed } from '../effects/types';
import { type InviteDeps, inviteGuest as inviteAndSend } from '../guests/invite';
import type { SailDraft } from '../sails/types';
import type { GuestStore } from '../store/guests';
import type { SailStore } from '../store/sails';
import type { Invocation } from './context';
import { createSail } from './create-sail';
import { postSailMessage } from './post-card';
import { listUpcoming, myRoles } from './reads';
import { requestReport } from './report';
import { claimRole, releaseRole } from './roster';
import { changeSailStatus } from './sail-status';
import { tickChecklist } from './tick-checklist';

/** The stores a workspace's use cases run on. */
export interface UseCaseStores {
  sails: SailStore;
  guests: GuestStore;
}

/** Settings the use cases read. */
export interface UseCaseSettings {
  /** Where cards and report summaries go. */
  channel: string;
  reportRecipients: readonly string[];
  now: () => Date;
  /** TODO(guests): the invite use case replaces this. */
  invite: InviteDeps;
}

type Rest<F> = F extends (deps: never, ...rest: infer R) => infer Out ? (...rest: R) => Out : never;

/** Binds the use cases to a workspace's stores. */
export function bindUseCases(stores: UseCaseStores, settings: UseCaseSettings) {
  const { sails, guests } = stores;
  const read = { sails, now: settings.now };
  return {
    createSail: ((inv: Invocation, draft: SailDraft) =>
      createSail({ sails, channel: settings.channel }, inv, draft)) as Rest<typeof createSail>,
    claimRole: ((inv, input) => claimRole({ sails }, inv, input)) as Rest<typeof claimRole>,
    releaseRole: ((inv, input) => releaseRole({ sails }, inv, input)) as Rest<typeof releaseRole>,
    changeSailStatus: ((inv, input) => changeSailStatus({ sails, guests }, inv, input)) as Rest<
      typeof changeSailStatus
    >,
    postSailMessage: ((inv, input) => postSailMessage({ sails }, inv, input)) as Rest<typeof postSailMessage>,
    tickChecklist: ((inv, input) => tickChecklist({ sails }, inv, input)) as Rest<typeof tickChecklist>,
    requestReport: ((inv, input) =>
      requestReport(
        { channel: settings.channel, recipients: settings.reportRecipients },
        inv,
        input,
      )) as Rest<typeof requestReport>,
    inviteGuest: async (inv: Invocation, input: { sailId: string; email: string; name: string }) => {
      if (!inv.actor.isAdmin)
        return { outcome: { ok: false, message: 'Only admins can add guests.' }, effects: [] };
      const r = await inviteAndSend({ ...input, by: inv.actor.userId }, settings.invite);
      return {
        outcome: { ok: r.ok, message: r.message },
        effects:
          r.ok && r.outcome === 'invited'
            ? keyed(inv.change, [
                {
                  type: 'card.refresh',
                  sailId: input.sailId,
                  note: {
                    kind: 'guest_invited',
                    sailId: input.sailId,
                    name: r.guest.name,
                    by: inv.actor.userId,
                  },
                },
              ])
            : [],
      };
    },
    listUpcoming: ((input) => listUpcoming(read, input)) as Rest<typeof listUpcoming>,
    myRoles: ((userId) => myRoles(read, userId)) as Rest<typeof myRoles>,
  };
}

/** A workspace's use cases. */
export type UseCases = ReturnType<typeof bindUseCases>;
