/**
 * The nudge sweep (every 15 minutes on AWS via `ptb_nudge`, on demand with `bosun nudge`): reads
 * only the sails departing in the next days through the by-departure query (never a scan), works
 * out what is due, claims each nudge with a conditional write, then sends it and records it sent.
 * A failed send drops its claim so the next sweep retries it; a sent nudge whose record cannot be
 * updated keeps its claim, so it is not sent twice (see `./records`). Everything outside is injected.
 */
import type { CoverRequest } from '../crew/cover';
import { type CrewRules, type CrewRulesLookup, remindersOf } from '../crew/rules';
import { StorageError } from '../errors';
import type { Vessel } from '../fleet/vessel';
import { redact } from '../redact';
import { type ChecklistLine, type ChecklistTick, checklistView } from '../sails/checklist';
import type { Sail, Slot } from '../sails/types';
import type { NudgeStore } from '../store/nudges';
import { type DueNudge, dueNudges, LOOKAHEAD_HOURS, type NudgeKind, nudgeKinds, windowsOf } from './due';
import { abandonedClaims, sentKeys } from './records';

/** A guest as the sweep needs them (the guest store's `Guest` fits). */
export interface SweepGuest {
  id: string;
  name: string;
  email: string;
  status: 'on_hold' | 'signed';
  invitedAt?: string | undefined;
  signedName?: string | undefined;
  minors?: number | undefined;
  checkedInAt?: string | undefined;
  checkedInBy?: string | undefined;
  noShowAt?: string | undefined;
}

/**
 * How each nudge is worded, as a message of type `M`. The Slack adapter supplies Block Kit
 * (`src/slack/blocks/nudges.ts`); the sweep itself knows nothing of Slack.
 */
export interface NudgeMessages<M> {
  rolesThread(sail: Sail, openSlots: readonly string[], window: string): M;
  rolesDm(sail: Sail, openSlots: readonly string[], vesselName: string): M;
  crewCallDm(sail: Sail, slotId: string): M;
  rosterDm(
    sail: Sail,
    slots: readonly Pick<Slot, 'slotId' | 'holder'>[],
    guests?: readonly SweepGuest[],
    checklist?: readonly ChecklistLine[],
  ): M;
  /** The guest manifest the captain works the dock from (crew call until departure). */
  manifestDm(sail: Sail, guests: readonly SweepGuest[]): M;
  /** An uncovered cover request, again, in the card's thread. */
  coverThread(sail: Sail, slotId: string, requester: string, window: string): M;
  /** An uncovered cover request, again, to a regular of the vessel. */
  coverDm(sail: Sail, slotId: string, requester: string): M;
}

/** How nudges leave Bosun; the Slack and mail adapters implement these. */
export interface NudgeSenders<M> {
  /** Posts in the thread of the sail's card (or the channel when the sail has no card yet). */
  channelThread(sail: Sail, message: M): Promise<void>;
  /** Sends a direct message to a Slack user. */
  dm(userId: string, message: M): Promise<void>;
  /** Emails an unsigned guest a reminder with a fresh magic link (see `createWaiverReminder`). */
  waiverReminder?(args: { sail: Sail; guest: SweepGuest; window: string; now: Date }): Promise<void>;
}

/** What the sweep reads and writes through (the sail and guest stores fit). */
export interface SweepDeps<M> {
  now: Date;
  /** `upcoming` queries the by-departure index; `get` reads one sail's partition (slots, ticks). */
  sails: {
    upcoming(opts: { from: Date; days: number; limit: number; includeCancelled: boolean }): Promise<Sail[]>;
    get(sailId: string): Promise<
      | {
          sail: Sail;
          slots: Slot[];
          checklist: ChecklistTick[];
          covers?: readonly CoverRequest[];
          mutes?: readonly string[];
        }
      | undefined
    >;
  };
  nudgeStore: NudgeStore;
  /** The fleet: each vessel's name and checklist (and, without `crewRules`, its regulars and captains). */
  fleet: { get(vesselId: string): Promise<Vessel | undefined> };
  /**
   * A vessel's regulars and reminder windows. Without it they are the fleet's (`/fleet regulars`)
   * and the default windows.
   */
  crewRules?: CrewRulesLookup | undefined;
  /** Moves the waitlist's holds that ran out by `now` on to the next in line; returns how many. */
  holds?: { moveOn(now: Date): Promise<number> } | undefined;
  /**
   * A sail's guests; without it (or without `send.waiverReminder`) there are no waiver nudges and
   * no manifest. With `markNoShow`, guests nobody checked in by departure are marked no-shows.
   */
  guests?: {
    list(sailId: string): Promise<readonly SweepGuest[]>;
    markNoShow?(sailId: string, guestId: string, at: Date): Promise<boolean>;
  };
  messages: NudgeMessages<M>;
  send: NudgeSenders<M>;
  /** Sails handled at once (Slack rate limits favour a small number). */
  concurrency?: number;
  /** Waits between bookkeeping retries; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** At most this many sails in the look-ahead are swept; a charter company plans a few a day. */
export const SWEEP_SAIL_LIMIT = 500;

/**
 * Waits before each retry of `markSent` or `release` after a storage error (on top of the SDK's own
 * retries). Both are conditional on the claim's token, so a retry cannot touch another claim.
 */
export const BOOKKEEPING_RETRY_DELAYS_MS = [100, 400] as const;

/** A nudge that went wrong, and whether a later sweep will send it. */
export interface FailedNudge {
  sailId: string;
  key: string;
  /**
   * `next-sweep`: not sent, and its claim was dropped, so the next sweep sends it. `manual`: its
   * claim stays (it was sent, or may have been), so no sweep sends it again; deleting its record does.
   */
  resend: 'next-sweep' | 'manual';
  message: string;
}

/** What a sweep did. */
export interface SweepSummary {
  /** Sails looked at (departing within the look-ahead). */
  sails: number;
  /** Nudges sent, by kind (including any listed in `failed` as sent but not recorded). */
  sent: Record<NudgeKind, number>;
  /** Nudges due but already claimed by another sweep. */
  taken: number;
  /** What went wrong: failed sends, sends that could not be recorded, claims abandoned by dead runs. */
  failed: FailedNudge[];
  /** Guests marked no-show: not checked in when their sail departed. */
  noShows: number;
  /** Waitlist holds that ran out and moved on to the next in line (or ended). */
  holdsMoved: number;
}

/** How long after departure the sweep still marks no-shows (a sweep may be late or fail a few times). */
export const NO_SHOW_LOOKBACK_HOURS = 6;

/** Runs one sweep. Storage failures are rethrown after the other sails are done. */
export async function runSweep<M>(deps: SweepDeps<M>): Promise<SweepSummary> {
  const { now, nudgeStore } = deps;
  const summary: SweepSummary = {
    sails: 0,
    sent: { roles: 0, waiver: 0, 'crew-call': 0, roster: 0, manifest: 0, cover: 0 },
    taken: 0,
    failed: [],
    noShows: 0,
    holdsMoved: 0,
  };
  const errors: unknown[] = [];
  if (deps.holds) {
    try {
      summary.holdsMoved = await deps.holds.moveOn(now);
    } catch (err) {
      errors.push(err);
    }
  }
  const sails = await deps.sails.upcoming({
    from: now,
    days: LOOKAHEAD_HOURS / 24,
    limit: SWEEP_SAIL_LIMIT,
    includeCancelled: false,
  });
  summary.sails = sails.length;
  // One read per vessel per sweep, however many of its sails are due.
  const vesselsById = new Map<string, Promise<Vessel | undefined>>();
  const vesselOf = (vesselId: string) => {
    let p = vesselsById.get(vesselId);
    if (!p) {
      p = deps.fleet.get(vesselId);
      vesselsById.set(vesselId, p);
    }
    return p;
  };
  const rulesByVessel = new Map<string, Promise<CrewRules>>();
  const rulesOf = (lookup: CrewRulesLookup, vesselId: string) => {
    let p = rulesByVessel.get(vesselId);
    if (!p) {
      p = lookup(vesselId);
      rulesByVessel.set(vesselId, p);
    }
    return p;
  };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await attempt();
      } catch (err) {
        const delay = BOOKKEEPING_RETRY_DELAYS_MS[i];
        if (delay === undefined) throw err;
        await sleep(delay);
      }
    }
  }

  async function sweepSail(listed: Sail): Promise<void> {
    if (listed.status === 'cancelled' || listed.departAt.getTime() <= now.getTime()) return;
    const wantGuests = deps.guests !== undefined && deps.send.waiverReminder !== undefined;
    const [record, records, guests] = await Promise.all([
      deps.sails.get(listed.id),
      nudgeStore.recorded(listed.id),
      wantGuests && deps.guests ? deps.guests.list(listed.id) : Promise.resolve(undefined),
    ]);
    if (!record) return;
    const { sail, slots } = record;
    for (const r of abandonedClaims(records, now)) {
      summary.failed.push({
        sailId: sail.id,
        key: r.key,
        resend: 'manual',
        message: `claimed at ${r.claimedAt} by a run that never recorded the outcome; it may have been sent, so it is not sent again`,
      });
    }
    const sent = sentKeys(records);
    const vessel = await vesselOf(sail.vesselId);
    const rules = deps.crewRules
      ? await rulesOf(deps.crewRules, sail.vesselId)
      : { captains: vessel?.captains ?? [], regulars: vessel?.regulars ?? [] };
    const base = {
      sail,
      slots,
      guests,
      sent,
      now,
      covers: record.covers,
      muted: new Set(record.mutes ?? []),
      windows: windowsOf(remindersOf(rules)),
      regulars: rules.regulars,
    };
    const due = dueNudges(base);
    if (due.length === 0) return;

    const vesselName = vessel?.name ?? sail.vesselId;
    const checklist = vessel ? checklistView(vessel, record.checklist) : undefined;
    const guestById = new Map((guests ?? []).map((g) => [g.id, g]));

    for (const nudge of due) {
      const ref = { ...nudge, departAt: sail.departAt };
      const claim = await nudgeStore.claim(ref);
      if (!claim.ok) {
        summary.taken++;
        continue;
      }
      try {
        await deliver(nudge, sail, slots, guests, guestById, checklist, vesselName);
      } catch (err) {
        try {
          await withRetries(() => nudgeStore.release(ref, claim.token));
          summary.failed.push({
            sailId: sail.id,
            key: nudge.key,
            resend: 'next-sweep',
            message: describe(err),
          });
        } catch (releaseErr) {
          summary.failed.push({
            sailId: sail.id,
            key: nudge.key,
            resend: 'manual',
            message: `not sent (${describe(err)}), and its claim could not be dropped (${describe(releaseErr)})`,
          });
        }
        continue;
      }
      summary.sent[nudge.kind]++;
      try {
        await withRetries(() => nudgeStore.markSent(ref, claim.token));
      } catch (err) {
        // Never release here: a dropped claim would be sent again by the next sweep.
        summary.failed.push({
          sailId: sail.id,
          key: nudge.key,
          resend: 'manual',
          message: `sent, but not recorded as sent (${describe(err)}); its claim is kept so it is not sent twice`,
        });
      }
    }
  }

  async function deliver(
    nudge: DueNudge,
    sail: Sail,
    slots: readonly Slot[],
    guests: readonly SweepGuest[] | undefined,
    guestById: Map<string, SweepGuest>,
    checklist: readonly ChecklistLine[] | undefined,
    vesselName: string,
  ): Promise<void> {
    switch (nudge.kind) {
      case nudgeKinds.roles: {
        const open = nudge.openSlots ?? [];
        if (nudge.target === 'channel')
          await deps.send.channelThread(sail, deps.messages.rolesThread(sail, open, nudge.window));
        else await deps.send.dm(nudge.target, deps.messages.rolesDm(sail, open, vesselName));
        return;
      }
      case nudgeKinds.crewCall:
        await deps.send.dm(nudge.target, deps.messages.crewCallDm(sail, nudge.slotId ?? ''));
        return;
      case nudgeKinds.roster:
        await deps.send.dm(nudge.target, deps.messages.rosterDm(sail, slots, guests, checklist));
        return;
      case nudgeKinds.manifest:
        await deps.send.dm(nudge.target, deps.messages.manifestDm(sail, guests ?? []));
        return;
      case nudgeKinds.cover: {
        const c = nudge.cover;
        if (!c) return;
        if (c.to === 'channel')
          await deps.send.channelThread(
            sail,
            deps.messages.coverThread(sail, c.slotId, c.requester, nudge.window),
          );
        else await deps.send.dm(c.to, deps.messages.coverDm(sail, c.slotId, c.requester));
        return;
      }
      case nudgeKinds.waiver: {
        const guest = guestById.get(nudge.target);
        if (!guest || !deps.send.waiverReminder) throw new Error(`guest ${nudge.target} is not on the sail`);
        // The sweep's clock, not the real one: `bosun nudge --now` states that moment's expiry.
        await deps.send.waiverReminder({ sail, guest, window: nudge.window, now });
        return;
      }
    }
  }

  /**
   * Sails that departed in the last few hours: every guest nobody checked in is marked a no-show,
   * once (a conditional write), at the departure time.
   */
  async function markNoShows(): Promise<number> {
    const mark = deps.guests?.markNoShow?.bind(deps.guests);
    if (!deps.guests || !mark) return 0;
    const from = new Date(now.getTime() - NO_SHOW_LOOKBACK_HOURS * 3_600_000);
    const departed = (
      await deps.sails.upcoming({
        from,
        days: NO_SHOW_LOOKBACK_HOURS / 24,
        limit: SWEEP_SAIL_LIMIT,
        includeCancelled: false,
      })
    ).filter((s) => s.departAt.getTime() <= now.getTime() && s.status !== 'cancelled');
    let marked = 0;
    for (const sail of departed) {
      const guests = await deps.guests.list(sail.id);
      for (const g of guests) {
        if (g.checkedInAt || g.noShowAt) continue;
        if (await mark(sail.id, g.id, sail.departAt)) marked++;
      }
    }
    return marked;
  }

  const queue = [...sails];
  const workers = Array.from({ length: Math.max(1, deps.concurrency ?? 4) }, async () => {
    for (let sail = queue.shift(); sail; sail = queue.shift()) {
      try {
        await sweepSail(sail);
      } catch (err) {
        errors.push(err);
      }
    }
  });
  await Promise.all(workers);
  try {
    summary.noShows = await markNoShows();
  } catch (err) {
    errors.push(err);
  }
  if (errors.length > 0) {
    throw new StorageError(
      `The nudge sweep could not finish ${errors.length} sail(s); the next sweep retries.`,
      {
        cause: errors.length === 1 ? errors[0] : new AggregateError(errors),
      },
    );
  }
  return summary;
}

function describe(err: unknown): string {
  // Summaries get logged: a guest's address in an SMTP error must not reach the logs.
  return redact(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
}

/** Binds the sweep's dependencies once (at start-up); call the result with the clock's `now`. */
export function createSweep<M>(deps: Omit<SweepDeps<M>, 'now'>): (now: Date) => Promise<SweepSummary> {
  return (now) => runSweep({ ...deps, now });
}
