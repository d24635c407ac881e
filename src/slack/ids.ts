/**
 * Every Slack action, callback and block id Bosun uses, in one place. The `roster.*` ids and their
 * `<sailId>:<slotId>` values are part of the fixed interface in DESIGN.md.
 */
export const actionIds = {
  rosterClaim: 'roster.claim',
  rosterRelease: 'roster.release',
  /** Take over a slot someone asked cover for (value `<sailId>:<slotId>`). */
  rosterCover: 'roster.cover',
  /** Join a full sail's waitlist (value `<sailId>`). */
  rosterWaitlist: 'roster.waitlist',
  /** Withdraw a cover request (value `<sailId>:<slotId>`): its requester or an admin. */
  coverWithdraw: 'cover.withdraw',
  /** Let a slot held for you pass to the next on the waitlist (value `<sailId>:<slotId>`). */
  waitlistDecline: 'waitlist.decline',
  /** Mute a sail's reminder DMs, crew call excepted (value `<sailId>`). */
  remindersMute: 'reminders.mute',
  checklistToggle: 'checklist.toggle',
  guestAdd: 'guest.add',
  /** App Home: publish the page in the button's value (the next one, or the first). */
  homeMore: 'home.more',
  homeFirst: 'home.first',
  /** App Home: get my calendar link (the same as `/crew calendar`). */
  homeCalendar: 'home.calendar',
  /** App Home (admins): open the create-sail modal; open the edit modal of the sail in the value. */
  homeSailCreate: 'home.sail_create',
  homeSailEdit: 'home.sail_edit',
  /** The card's admin-only "Waivers" button (value `<sailId>`): a PDF per signed waiver by DM. */
  guestWaivers: 'guest.waivers',
  /** The captain's manifest: check a guest in at the dock (value `<sailId>:<guestId>`). */
  manifestCheckin: 'manifest.checkin',
  /** The captain's manifest: email an unsigned guest a fresh link now (value `<sailId>:<guestId>`). */
  manifestLink: 'manifest.link',
} as const;

/** Modal callback ids. */
export const callbackIds = {
  sailCreate: 'sail.create',
  guestAdd: 'guest.add',
  fleetVessel: 'fleet.vessel',
  sailEdit: 'sail.edit',
} as const;

/** Block and action ids inside the create-sail modal. */
export const sailCreateFields = {
  date: { block: 'date', action: 'date' },
  start: { block: 'start', action: 'start' },
  time: { block: 'time', action: 'time' },
  duration: { block: 'duration', action: 'duration' },
  crew: { block: 'crew', action: 'crew' },
  guests: { block: 'guests', action: 'guests' },
  vessel: { block: 'vessel', action: 'vessel' },
  title: { block: 'title', action: 'title' },
  force: { block: 'force', action: 'force' },
} as const;

/** Block and action ids inside the `/fleet` form: one per key of `/fleet set`, plus the id. */
export const fleetFields = {
  id: { block: 'id', action: 'id' },
  name: { block: 'name', action: 'name' },
  kind: { block: 'kind', action: 'kind' },
  guests: { block: 'guests', action: 'guests' },
  crew: { block: 'crew', action: 'crew' },
  port: { block: 'port', action: 'port' },
  lat: { block: 'lat', action: 'lat' },
  lng: { block: 'lng', action: 'lng' },
  zone: { block: 'zone', action: 'zone' },
  meet: { block: 'meet', action: 'meet' },
  parking: { block: 'parking', action: 'parking' },
  bring: { block: 'bring', action: 'bring' },
} as const;

/** Block and action ids inside the add-guest modal. */
export const guestAddFields = {
  email: { block: 'email', action: 'email' },
  name: { block: 'name', action: 'name' },
} as const;

/** The slash commands Bosun registers; `manifest.yml` must list exactly these. */
export const commands = {
  sail: '/sail',
  crew: '/crew',
  report: '/report',
  fleet: '/fleet',
} as const;

/** The Events API events Bosun subscribes to; `manifest.yml` must list exactly these bot events. */
export const subscribedEvents = {
  appHomeOpened: 'app_home_opened',
} as const;
