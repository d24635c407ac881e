/**
 * Which nudges are due for one sail at one instant: plain rules over plain data, no I/O.
 *
 * A window opens at its anchor (departure, or crew call) minus its lead time and stays open until
 * the anchor. Of a kind's windows only the latest one reached fires, and never one that opened
 * before the sail (or the guest) existed: a sail created inside a window gets only the nudges still
 * ahead of it. Each nudge has a stable key (sail, kind, window, target) so it is sent once.
 */
import { type CoverRequest, coverStamp, isLiveCover } from '../crew/cover';
import { defaultReminders, type ReminderWindows } from '../crew/rules';
import { isHeld } from '../crew/waitlist';
import type { Sail, Slot } from '../sails/types';

/** The kinds of nudge. */
export const nudgeKinds = {
  /** Open roles: channel thread message, DMs to the vessel's regulars. */
  roles: 'roles',
  /** Unsigned waiver: email to the guest with a fresh magic link. */
  waiver: 'waiver',
  /** Crew call coming: DM to each holder with the timing panel. */
  crewCall: 'crew-call',
  /** Roster to the captain: crew, guests with waiver state, checklist. */
  roster: 'roster',
  /** At crew call, the guest manifest to the captain: waiver state and a Check-in button each. */
  manifest: 'manifest',
  /** An uncovered cover request, again: channel thread, DMs to the vessel's regulars. */
  cover: 'cover',
} as const;

/** The window of the manifest nudge: from crew call until departure. */
export const MANIFEST_WINDOW = 'crew-call';

/** One kind of nudge. */
export type NudgeKind = (typeof nudgeKinds)[keyof typeof nudgeKinds];

/** Lead times in hours per kind (cover requests follow `roles`). */
export interface NudgeWindows {
  roles: readonly number[];
  waiver: readonly number[];
  /** Before crew call, not departure. */
  crewCall: readonly number[];
  roster: readonly number[];
}

/** The default lead times in hours, latest last; DESIGN.md and issue 5 set them. */
export const nudgeWindows: NudgeWindows = {
  roles: defaultReminders.roles,
  waiver: defaultReminders.waiver,
  crewCall: [defaultReminders.crewCallHours],
  roster: [24],
};

/** A vessel's reminder settings as the rules' windows (the captain's roster stays at 24 h). */
export function windowsOf(r: ReminderWindows): NudgeWindows {
  return { roles: r.roles, waiver: r.waiver, crewCall: [r.crewCallHours], roster: nudgeWindows.roster };
}

/** How far ahead the sweep looks: the longest window plus a margin. */
export const LOOKAHEAD_HOURS = 96;

/** The channel message of a role nudge goes to this target (DMs use the user id). */
export const CHANNEL_TARGET = 'channel';

const HOUR = 3_600_000;

/** A guest as the rules need them (the guest store's `Guest` fits). */
export interface NudgeGuest {
  id: string;
  status: 'on_hold' | 'signed';
  /** When the guest was invited (ISO); reminders never fire for windows that opened before. */
  invitedAt?: string | undefined;
}

/** Everything `dueNudges` looks at. */
export interface DueInput {
  sail: Pick<Sail, 'id' | 'status' | 'departAt' | 'crewCallAt' | 'createdAt'>;
  slots: readonly Pick<Slot, 'slotId' | 'holder'>[];
  /** Guests, when the guest store is wired; absent means no waiver nudges. */
  guests?: readonly NudgeGuest[] | undefined;
  /** Crew who have sailed this vessel before (DM'd about open roles unless already aboard). */
  regulars?: readonly string[] | undefined;
  /** Keys (`nudgeKey`) of nudges already recorded for this sail. */
  sent: ReadonlySet<string>;
  now: Date;
  /** The vessel's lead times; absent means `nudgeWindows`. */
  windows?: NudgeWindows | undefined;
  /** The sail's cover requests; a live one is nudged again in the open-roles windows. */
  covers?: readonly CoverRequest[] | undefined;
  /** People who muted this sail's reminders: no DM but crew call. */
  muted?: ReadonlySet<string> | undefined;
}

/** A nudge to send. */
export interface DueNudge {
  sailId: string;
  kind: NudgeKind;
  /** The window, e.g. `24h`. */
  window: string;
  /** `channel`, a Slack user id or a guest id. */
  target: string;
  /** Stable within the sail: `<kind>#<window>#<target>`. */
  key: string;
  /** For role nudges: the open slot ids. */
  openSlots?: string[];
  /** For crew-call nudges: the slot the target holds. */
  slotId?: string;
  /** For cover nudges: the slot, who asked, and who hears (`channel` or a user id). */
  cover?: { slotId: string; requester: string; to: string };
}

/** The key of a nudge within its sail. */
export function nudgeKey(kind: NudgeKind, window: string, target: string): string {
  return `${kind}#${window}#${target}`;
}

/**
 * The latest window (by lead time) that has opened by `now` and is still open, unless it opened
 * before `notBefore`. Returns its label (`24h`) or undefined.
 */
export function firingWindow(
  leadHours: readonly number[],
  anchor: Date,
  now: Date,
  notBefore: Date,
): string | undefined {
  const t = now.getTime();
  if (t >= anchor.getTime()) return undefined;
  let latest: number | undefined;
  for (const h of leadHours) {
    const opens = anchor.getTime() - h * HOUR;
    if (t >= opens && (latest === undefined || h < latest)) latest = h;
  }
  if (latest === undefined) return undefined;
  if (anchor.getTime() - latest * HOUR < notBefore.getTime()) return undefined;
  return `${latest}h`;
}

/** The nudges due for one sail now, minus those already sent. */
export function dueNudges(input: DueInput): DueNudge[] {
  const { sail, slots, now, sent } = input;
  if (sail.status === 'cancelled' || now.getTime() >= sail.departAt.getTime()) return [];
  const windows = input.windows ?? nudgeWindows;
  const muted = input.muted ?? new Set<string>();
  const out: DueNudge[] = [];
  const add = (n: Omit<DueNudge, 'key' | 'sailId'>) => {
    const key = nudgeKey(n.kind, n.window, n.target);
    if (!sent.has(key)) out.push({ ...n, sailId: sail.id, key });
  };

  const aboard = new Set(slots.flatMap((s) => (s.holder ? [s.holder] : [])));

  // Holds pause role nudges only: the people already aboard still need their reminders. A slot
  // held for someone on the waitlist is not open to the others.
  const open = slots.filter((s) => !s.holder && !isHeld(s, now)).map((s) => s.slotId);
  if (sail.status !== 'on_hold' && open.length > 0) {
    const window = firingWindow(windows.roles, sail.departAt, now, sail.createdAt);
    if (window) {
      add({ kind: nudgeKinds.roles, window, target: CHANNEL_TARGET, openSlots: open });
      for (const user of new Set(input.regulars ?? [])) {
        if (!aboard.has(user) && !muted.has(user))
          add({ kind: nudgeKinds.roles, window, target: user, openSlots: open });
      }
    }
  }

  // An uncovered cover request is asked again in the same windows, from when it was made.
  for (const request of input.covers ?? []) {
    if (sail.status === 'on_hold' || !isLiveCover(request, slots)) continue;
    const window = firingWindow(windows.roles, sail.departAt, now, request.requestedAt);
    if (!window) continue;
    const stamp = coverStamp(request);
    const ask = (to: string) =>
      add({
        kind: nudgeKinds.cover,
        window,
        target: `${request.slotId}.${stamp}.${to}`,
        cover: { slotId: request.slotId, requester: request.requester, to },
      });
    ask(CHANNEL_TARGET);
    for (const user of new Set(input.regulars ?? [])) {
      if (!aboard.has(user) && !muted.has(user)) ask(user);
    }
  }

  for (const guest of input.guests ?? []) {
    if (guest.status === 'signed') continue;
    const invited = guest.invitedAt ? new Date(guest.invitedAt) : sail.createdAt;
    const notBefore = invited.getTime() > sail.createdAt.getTime() ? invited : sail.createdAt;
    const window = firingWindow(windows.waiver, sail.departAt, now, notBefore);
    if (window) add({ kind: nudgeKinds.waiver, window, target: guest.id });
  }

  // Crew call is never muted.
  const crewCall = firingWindow(windows.crewCall, sail.crewCallAt, now, sail.createdAt);
  if (crewCall) {
    for (const s of slots) {
      if (s.holder) add({ kind: nudgeKinds.crewCall, window: crewCall, target: s.holder, slotId: s.slotId });
    }
  }

  const captain = slots.find((s) => s.slotId === 'captain')?.holder;
  if (captain && !muted.has(captain)) {
    const window = firingWindow(windows.roster, sail.departAt, now, sail.createdAt);
    if (window) add({ kind: nudgeKinds.roster, window, target: captain });
    // From crew call until departure, once: the captain works the dock from it.
    if ((input.guests?.length ?? 0) > 0 && now.getTime() >= sail.crewCallAt.getTime()) {
      add({ kind: nudgeKinds.manifest, window: MANIFEST_WINDOW, target: captain });
    }
  }
  return out;
}
