/**
 * Every use case, bound to one workspace's stores. Adapters get this bundle and nothing else of
 * the stores: `uc.claimRole(inv, input)` reads like the action it is.
 */
import type { GuestSailLookup } from '../guests/sail-view';
import { storedFleet } from '../home/fleet';
import type { DraftFields } from '../sails/parse';
import type { CalendarTokenStore } from '../store/calendar-tokens';
import type { FleetStore } from '../store/fleet';
import type { GuestStore } from '../store/guests';
import type { SailSummaryReader } from '../store/sail-summaries';
import type { SailStore } from '../store/sails';
import { calendarFeed, calendarLink } from './calendar';
import type { Invocation } from './context';
import { checkDraft, createSail } from './create-sail';
import { editSail } from './edit-sail';
import { addVessel, listFleet, retireVessel, saveVessel, setCrewList, setVessel, showVessel } from './fleet';
import { readHome, sailToEdit } from './home';
import { inviteGuest } from './invite-guest';
import { postSailMessage } from './post-card';
import { listUpcoming, myRoles, vesselsInService } from './reads';
import { requestReport } from './report';
import { claimRole, releaseRole } from './roster';
import { changeSailStatus } from './sail-status';
import { tickChecklist } from './tick-checklist';

/** The stores a workspace's use cases run on. */
export interface UseCaseStores {
  sails: SailStore;
  guests: GuestStore;
  /** The workspace's vessels: sails are planned on them, the home and calendars list them. */
  fleet: FleetStore;
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
  /** The feed URL of a calendar token (`<PUBLIC_URL>/cal/<token>.ics`). */
  calendarUrl: (token: string) => string;
}

type Rest<F> = F extends (deps: never, ...rest: infer R) => infer Out ? (...rest: R) => Out : never;

/** Binds the use cases to a workspace's stores. */
export function bindUseCases(stores: UseCaseStores, settings: UseCaseSettings) {
  const { sails, guests, fleet, calendarTokens, summaries } = stores;
  const { team: workspace, now, channel } = settings;
  const read = { sails, fleet, now };
  const fleetDeps = { fleet, sails };
  // The home and the calendars read the same fleet, as the vessels they list.
  const fleetSource = storedFleet(fleet);
  return {
    createSail: ((inv: Invocation, fields: DraftFields) =>
      createSail({ sails, fleet, channel, now }, inv, fields)) as Rest<typeof createSail>,
    checkDraft: ((fields) => checkDraft({ fleet, now, sails }, fields)) as Rest<typeof checkDraft>,
    editSail: ((inv, input) => editSail({ sails, fleet, now }, inv, input)) as Rest<typeof editSail>,
    claimRole: ((inv, input) => claimRole({ sails, fleet }, inv, input)) as Rest<typeof claimRole>,
    releaseRole: ((inv, input) => releaseRole({ sails, fleet }, inv, input)) as Rest<typeof releaseRole>,
    changeSailStatus: ((inv, input) => changeSailStatus({ sails, guests, fleet }, inv, input)) as Rest<
      typeof changeSailStatus
    >,
    postSailMessage: ((inv, input) => postSailMessage({ sails }, inv, input)) as Rest<typeof postSailMessage>,
    tickChecklist: ((inv, input) => tickChecklist({ sails, fleet, channel }, inv, input)) as Rest<
      typeof tickChecklist
    >,
    requestReport: ((inv, input) =>
      requestReport({ channel, recipients: settings.reportRecipients }, inv, input)) as Rest<
      typeof requestReport
    >,
    inviteGuest: ((inv, input) =>
      inviteGuest({ guests, sails: settings.guestSails, now }, inv, input)) as Rest<typeof inviteGuest>,
    listUpcoming: ((input) => listUpcoming(read, input)) as Rest<typeof listUpcoming>,
    myRoles: ((userId) => myRoles(read, userId)) as Rest<typeof myRoles>,
    vesselsInService: (() => vesselsInService(read)) as Rest<typeof vesselsInService>,
    listFleet: ((inv) => listFleet(fleetDeps, inv)) as Rest<typeof listFleet>,
    showVessel: ((inv, input) => showVessel(fleetDeps, inv, input)) as Rest<typeof showVessel>,
    addVessel: ((inv, input) => addVessel(fleetDeps, inv, input)) as Rest<typeof addVessel>,
    setVessel: ((inv, input) => setVessel(fleetDeps, inv, input)) as Rest<typeof setVessel>,
    saveVessel: ((inv, input) => saveVessel(fleetDeps, inv, input)) as Rest<typeof saveVessel>,
    retireVessel: ((inv, input) => retireVessel(fleetDeps, inv, input)) as Rest<typeof retireVessel>,
    setCrewList: ((inv, input) => setCrewList(fleetDeps, inv, input)) as Rest<typeof setCrewList>,
    readHome: ((input) =>
      readHome(
        {
          sails,
          summaries,
          calendarTokens,
          fleet: fleetSource,
          workspace,
          calendarUrl: settings.calendarUrl,
          now,
        },
        input,
      )) as Rest<typeof readHome>,
    sailToEdit: ((input) => sailToEdit({ sails }, input)) as Rest<typeof sailToEdit>,
    calendarLink: ((inv, input) => calendarLink({ tokens: calendarTokens, workspace }, inv, input)) as Rest<
      typeof calendarLink
    >,
    calendarFeed: ((input) => calendarFeed({ sails, fleet: fleetSource, workspace, now }, input)) as Rest<
      typeof calendarFeed
    >,
  };
}

/** A workspace's use cases. */
export type UseCases = ReturnType<typeof bindUseCases>;
