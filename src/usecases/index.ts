/**
 * Every use case, bound to one workspace's stores. Adapters get this bundle and nothing else of
 * the stores: `uc.claimRole(inv, input)` reads like the action it is.
 */
import type { GuestSailLookup } from '../guests/sail-view';
import type { FleetSource } from '../home/fleet';
import type { SailDraft } from '../sails/types';
import type { CalendarTokenStore } from '../store/calendar-tokens';
import type { GuestStore } from '../store/guests';
import type { SailSummaryReader } from '../store/sail-summaries';
import type { SailStore } from '../store/sails';
import { calendarFeed, calendarLink } from './calendar';
import type { Invocation } from './context';
import { createSail } from './create-sail';
import { checkInGuest, listGuests, removeGuest, sendDockLink, sendWaivers } from './guest-admin';
import { readHome, sailToEdit } from './home';
import { inviteGuest } from './invite-guest';
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
  calendarTokens: CalendarTokenStore;
  /** Rosters of many sails at once, for the App Home. */
  summaries: SailSummaryReader;
}

/** Settings the use cases read. */
export interface UseCaseSettings {
  /** Where cards and report summaries go. */
  channel: string;
  reportRecipients: readonly string[];
  now: () => Date;
  /** Sails as guests see them (for invitations). */
  guestSails: GuestSailLookup;
  /** The workspace (Slack team id) these use cases serve. */
  team: string;
  /** The fleet as the home and calendars list it (the registry until the fleet is stored). */
  fleet: FleetSource;
  /** The feed URL of a calendar token (`<PUBLIC_URL>/cal/<token>.ics`). */
  calendarUrl: (token: string) => string;
}

type Rest<F> = F extends (deps: never, ...rest: infer R) => infer Out ? (...rest: R) => Out : never;

/** Binds the use cases to a workspace's stores. */
export function bindUseCases(stores: UseCaseStores, settings: UseCaseSettings) {
  const { sails, guests, calendarTokens, summaries } = stores;
  const read = { sails, now: settings.now };
  const { team: workspace, fleet, now } = settings;
  return {
    createSail: ((inv: Invocation, draft: SailDraft) =>
      createSail({ sails, channel: settings.channel }, inv, draft)) as Rest<typeof createSail>,
    claimRole: ((inv, input) => claimRole({ sails }, inv, input)) as Rest<typeof claimRole>,
    releaseRole: ((inv, input) => releaseRole({ sails }, inv, input)) as Rest<typeof releaseRole>,
    changeSailStatus: ((inv, input) => changeSailStatus({ sails, guests }, inv, input)) as Rest<
      typeof changeSailStatus
    >,
    postSailMessage: ((inv, input) =>
      postSailMessage({ sails, homeChannel: settings.channel }, inv, input)) as Rest<typeof postSailMessage>,
    tickChecklist: ((inv, input) => tickChecklist({ sails }, inv, input)) as Rest<typeof tickChecklist>,
    requestReport: ((inv, input) =>
      requestReport(
        { channel: settings.channel, recipients: settings.reportRecipients },
        inv,
        input,
      )) as Rest<typeof requestReport>,
    inviteGuest: ((inv, input) =>
      inviteGuest({ guests, sails: settings.guestSails, now: settings.now }, inv, input)) as Rest<
      typeof inviteGuest
    >,
    listGuests: ((inv, input) => listGuests({ sails }, inv, input)) as Rest<typeof listGuests>,
    removeGuest: ((inv, input) => removeGuest({ sails, guests, now: settings.now }, inv, input)) as Rest<
      typeof removeGuest
    >,
    sendWaivers: ((inv, input) => sendWaivers({ sails }, inv, input)) as Rest<typeof sendWaivers>,
    checkInGuest: ((inv, input) => checkInGuest({ sails, guests, now: settings.now }, inv, input)) as Rest<
      typeof checkInGuest
    >,
    sendDockLink: ((inv, input) => sendDockLink({ sails }, inv, input)) as Rest<typeof sendDockLink>,
    listUpcoming: ((input) => listUpcoming(read, input)) as Rest<typeof listUpcoming>,
    myRoles: ((userId) => myRoles(read, userId)) as Rest<typeof myRoles>,
    readHome: ((input) =>
      readHome(
        { sails, summaries, calendarTokens, fleet, workspace, calendarUrl: settings.calendarUrl, now },
        input,
      )) as Rest<typeof readHome>,
    sailToEdit: ((input) => sailToEdit({ sails }, input)) as Rest<typeof sailToEdit>,
    calendarLink: ((inv, input) => calendarLink({ tokens: calendarTokens, workspace }, inv, input)) as Rest<
      typeof calendarLink
    >,
    calendarFeed: ((input) => calendarFeed({ sails, fleet, workspace, now }, input)) as Rest<
      typeof calendarFeed
    >,
  };
}

/** A workspace's use cases. */
export type UseCases = ReturnType<typeof bindUseCases>;
