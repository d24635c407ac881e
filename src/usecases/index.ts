/**
 * Every use case, bound to one workspace's stores. Adapters get this bundle and nothing else of
 * the stores: `uc.claimRole(inv, input)` reads like the action it is.
 */
import type { CrewRulesLookup } from '../crew/rules';
import type { HoldPolicy } from '../crew/waitlist';
import type { GuestSailLookup } from '../guests/sail-view';
import { storedFleet } from '../home/fleet';
import type { DraftFields } from '../sails/parse';
import type { CalendarTokenStore } from '../store/calendar-tokens';
import type { CrewStore } from '../store/crew';
import type { FleetStore } from '../store/fleet';
import type { GuestStore } from '../store/guests';
import type { SailSummaryReader } from '../store/sail-summaries';
import type { SailStore } from '../store/sails';
import type { SeriesStore } from '../store/series';
import { calendarFeed, calendarLink } from './calendar';
import type { Invocation } from './context';
import { requestCover, takeOverCover, withdrawCover } from './cover';
import { checkDraft, createSail } from './create-sail';
import { editSail } from './edit-sail';
import { addVessel, listFleet, retireVessel, saveVessel, setCrewList, setVessel, showVessel } from './fleet';
import { checkInGuest, listGuests, removeGuest, sendDockLink, sendWaivers } from './guest-admin';
import { readHome, sailToEdit } from './home';
import { inviteGuest } from './invite-guest';
import { muteReminders } from './mute';
import { postSailMessage } from './post-card';
import { listUpcoming, myRoles, vesselsInService } from './reads';
import { requestReport } from './report';
import { claimRole, releaseRole } from './roster';
import { changeSailStatus } from './sail-status';
import { cancelSeries, createSeries, editSeries, seriesOf } from './series';
import { tickChecklist } from './tick-checklist';
import { declineOffer, joinWaitlist, leaveWaitlist, moveHoldsOn } from './waitlist';

/** The stores a workspace's use cases run on. */
export interface UseCaseStores {
  sails: SailStore;
  guests: GuestStore;
  crew: CrewStore;
  series: SeriesStore;
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
  /** A vessel's captains, regulars and reminder windows: the fleet's (`crewRulesOf`, `src/app.ts`). */
  crewRules: CrewRulesLookup;
  /** How long a freed slot is held for the first on the waitlist (default 2 h / 6 h before crew call). */
  hold?: HoldPolicy | undefined;
  /** The workspace (Slack team id) these use cases serve. */
  team: string;
  /** The feed URL of a calendar token (`<PUBLIC_URL>/cal/<token>.ics`). */
  calendarUrl: (token: string) => string;
}

type Rest<F> = F extends (deps: never, ...rest: infer R) => infer Out ? (...rest: R) => Out : never;

/** Binds the use cases to a workspace's stores. */
export function bindUseCases(stores: UseCaseStores, settings: UseCaseSettings) {
  const { sails, guests, crew, series, fleet, calendarTokens, summaries } = stores;
  const { team: workspace, now, channel, crewRules, hold } = settings;
  const read = { sails, fleet, now };
  const roster = { sails, now, hold, fleet };
  const cover = { sails, crew, crewRules, channel };
  const waitlist = { sails, crew, now, hold };
  const seriesDeps = { sails, guests, series, fleet, channel, now };
  const fleetDeps = { fleet, sails };
  // The home and the calendars read the same fleet, as the vessels they list.
  const fleetSource = storedFleet(fleet);
  return {
    createSail: ((inv: Invocation, fields: DraftFields) =>
      createSail({ sails, fleet, channel, now }, inv, fields)) as Rest<typeof createSail>,
    checkDraft: ((fields) => checkDraft({ fleet, now, sails }, fields)) as Rest<typeof checkDraft>,
    editSail: ((inv, input) => editSail({ sails, fleet, now }, inv, input)) as Rest<typeof editSail>,
    claimRole: ((inv, input) => claimRole(roster, inv, input)) as Rest<typeof claimRole>,
    releaseRole: ((inv, input) => releaseRole(roster, inv, input)) as Rest<typeof releaseRole>,
    requestCover: ((inv, input) => requestCover(cover, inv, input)) as Rest<typeof requestCover>,
    takeOverCover: ((inv, input) => takeOverCover(cover, inv, input)) as Rest<typeof takeOverCover>,
    withdrawCover: ((inv, input) => withdrawCover(cover, inv, input)) as Rest<typeof withdrawCover>,
    joinWaitlist: ((inv, input) => joinWaitlist(waitlist, inv, input)) as Rest<typeof joinWaitlist>,
    leaveWaitlist: ((inv, input) => leaveWaitlist(waitlist, inv, input)) as Rest<typeof leaveWaitlist>,
    declineOffer: ((inv, input) => declineOffer(waitlist, inv, input)) as Rest<typeof declineOffer>,
    /** The sweep's part of the waitlist: holds that ran out by `now` move on. */
    moveHoldsOn: ((at) => moveHoldsOn(waitlist, at)) as Rest<typeof moveHoldsOn>,
    muteReminders: ((inv, input) => muteReminders({ sails, crew }, inv, input)) as Rest<typeof muteReminders>,
    createSeries: ((inv, input) => createSeries(seriesDeps, inv, input)) as Rest<typeof createSeries>,
    cancelSeries: ((inv, input) => cancelSeries(seriesDeps, inv, input)) as Rest<typeof cancelSeries>,
    /** The series a sail belongs to, every sail of it as it is now (for `/sail edit … series`). */
    seriesOf: ((sailId) => seriesOf(seriesDeps, sailId)) as Rest<typeof seriesOf>,
    editSeries: ((inv, input) => editSeries({ ...seriesDeps, sails, fleet, now }, inv, input)) as Rest<
      typeof editSeries
    >,
    /** A vessel's reminder windows (its own, or the defaults). */
    crewRules: (vesselId: string) => crewRules(vesselId),
    changeSailStatus: ((inv, input) => changeSailStatus({ sails, guests, fleet }, inv, input)) as Rest<
      typeof changeSailStatus
    >,
    postSailMessage: ((inv, input) =>
      postSailMessage({ sails, homeChannel: settings.channel }, inv, input)) as Rest<typeof postSailMessage>,
    tickChecklist: ((inv, input) => tickChecklist({ sails, fleet, channel }, inv, input)) as Rest<
      typeof tickChecklist
    >,
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
