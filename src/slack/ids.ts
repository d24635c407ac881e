/**
 * Every Slack action, callback and block id Bosun uses, in one place. The `roster.*` ids and their
 * `<sailId>:<slotId>` values are part of the fixed interface in DESIGN.md.
 */
export const actionIds = {
  rosterClaim: 'roster.claim',
  rosterRelease: 'roster.release',
  checklistToggle: 'checklist.toggle',
  guestAdd: 'guest.add',
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
} as const;
