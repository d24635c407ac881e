/**
 * Cover requests: `/crew cover <id> <slot>` (the holder, or an admin for them) asks for someone to
 * take over; the Take-over button (`roster.cover`) gives the slot to the first who presses, in one
 * transaction; the request can be withdrawn. Effects: the request is posted in the card's thread
 * and DM'd to the vessel's regulars (and the sail's waitlist) who are free then; when covered, the
 * requester is told who covers and the request's message says so.
 */
import { type CoverRequest, coverStatuses, isLiveCover, overlaps } from '../crew/cover';
import { type CrewRulesLookup, mayCaptain } from '../crew/rules';
import { type Done, type EffectInput, keyed, only } from '../effects/types';
import { CAPTAIN } from '../sails/roster';
import type { Sail } from '../sails/types';
import type { CrewStore } from '../store/crew';
import type { SailRecord, SailStore } from '../store/sails';
import type { Invocation, NoSuchSail } from './context';

/** What cover requests need. */
export interface CoverDeps {
  sails: Pick<SailStore, 'get' | 'rolesFor'>;
  crew: Pick<CrewStore, 'requestCover' | 'withdrawCover' | 'takeOver'>;
  crewRules: CrewRulesLookup;
  /** Where a request goes when the sail has no card yet. */
  channel: string;
}

/** A slot typed as `crew` (my crew slot), `captain` or a slot id. */
type SlotPick =
  | { ok: true; slotId: string }
  | { ok: false; outcome: { kind: 'no_such_slot'; sailId: string; role: string; slots: string[] } }
  | { ok: false; outcome: { kind: 'no_crew_slot'; sailId: string } };

function pickSlot(record: SailRecord, role: string, userId: string): SlotPick {
  const sailId = record.sail.id;
  let slotId = role.trim().toLowerCase();
  if (slotId === 'crew') {
    const mine = record.slots.find((s) => s.holder === userId && s.slotId !== CAPTAIN);
    if (!mine) return { ok: false, outcome: { kind: 'no_crew_slot', sailId } };
    slotId = mine.slotId;
  }
  if (!record.slots.some((s) => s.slotId === slotId)) {
    return {
      ok: false,
      outcome: { kind: 'no_such_slot', sailId, role, slots: record.slots.map((s) => s.slotId) },
    };
  }
  return { ok: true, slotId };
}

/** What asking for cover came to. */
export type RequestCoverOutcome =
  | NoSuchSail
  | { kind: 'no_such_slot'; sailId: string; role: string; slots: string[] }
  | { kind: 'no_crew_slot'; sailId: string }
  | { kind: 'open_slot'; sailId: string; slotId: string }
  | { kind: 'not_holder'; sailId: string; slotId: string; holder?: string | undefined }
  | { kind: 'already_asked'; sailId: string; slotId: string; request: CoverRequest }
  | { kind: 'closed'; sailId: string; cancelled: boolean }
  | { kind: 'requested'; sailId: string; slotId: string; requester: string; asked: number };

/** Asks for cover of a slot: its holder, or an admin for them. */
export async function requestCover(
  deps: CoverDeps,
  inv: Invocation,
  input: { sailId: string; role: string },
): Promise<Done<RequestCoverOutcome>> {
  const { actor } = inv;
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = record.sail.id;
  const pick = pickSlot(record, input.role, actor.userId);
  if (!pick.ok) return only(pick.outcome);
  const { slotId } = pick;
  const holder = record.slots.find((s) => s.slotId === slotId)?.holder;
  if (!holder) return only({ kind: 'open_slot', sailId, slotId });
  if (holder !== actor.userId && !actor.isAdmin) return only({ kind: 'not_holder', sailId, slotId, holder });
  const asked = await whoToAsk(deps, record, slotId, holder);
  const r = await deps.crew.requestCover({ sailId, slotId, requester: holder, requestedBy: actor.userId });
  if (!r.ok) {
    switch (r.reason) {
      case 'open':
        return only({ kind: 'already_asked', sailId, slotId, request: r.request });
      case 'not_holder':
        return only({ kind: 'not_holder', sailId, slotId, holder: r.holder });
      case 'no_such_slot':
        return only({
          kind: 'no_such_slot',
          sailId,
          role: input.role,
          slots: record.slots.map((s) => s.slotId),
        });
      default:
        return only({ kind: 'closed', sailId, cancelled: r.status === 'cancelled' });
    }
  }
  return {
    outcome: { kind: 'requested', sailId, slotId, requester: holder, asked: asked.length },
    effects: keyed(inv.change, [
      { type: 'cover.post', sailId, slotId, channel: deps.channel },
      // The card marks the holder as looking for cover.
      { type: 'card.refresh', sailId },
      ...asked.map(
        (userId): EffectInput => ({
          type: 'dm',
          userId,
          note: { kind: 'cover_request', sailId, slotId, requester: holder },
        }),
      ),
    ]),
  };
}

/**
 * The people a cover request is DM'd to: the vessel's regulars and the sail's waitlist, not aboard
 * (one slot per person per sail; Captain only for listed captains), and free then (no other sail of
 * theirs on the water at the same time). One read of the rules, one query per person, in parallel.
 */
async function whoToAsk(
  deps: CoverDeps,
  record: SailRecord,
  slotId: string,
  requester: string,
): Promise<string[]> {
  const rules = await deps.crewRules(record.sail.vesselId);
  const aboard = new Set(record.members.map((m) => m.userId));
  const candidates = [...new Set([...rules.regulars, ...record.waitlist.map((w) => w.userId)])].filter(
    (u) => u !== requester && !aboard.has(u) && (slotId !== CAPTAIN || mayCaptain(rules, u)),
  );
  const free = await Promise.all(candidates.map((u) => isFreeFor(deps, u, record.sail)));
  return candidates.filter((_, i) => free[i]);
}

/** Whether none of a person's other sails is on the water while this one is. */
async function isFreeFor(deps: CoverDeps, userId: string, sail: Sail): Promise<boolean> {
  // A sail lasts at most 12 hours, so any overlapping one departs within 12 hours before this one.
  const roles = await deps.sails.rolesFor(userId, new Date(sail.departAt.getTime() - 12 * 3_600_000));
  return !roles.some((r) => r.sail.id !== sail.id && r.sail.status !== 'cancelled' && overlaps(r.sail, sail));
}

/** What pressing Take-over came to. */
export type TakeOverOutcome =
  | NoSuchSail
  | { kind: 'no_request'; sailId: string; slotId: string }
  | { kind: 'covered'; sailId: string; slotId: string; by?: string | undefined; self: boolean }
  | { kind: 'withdrawn'; sailId: string; slotId: string }
  | { kind: 'stale'; sailId: string; slotId: string; requester: string }
  | { kind: 'own_request'; sailId: string; slotId: string }
  | { kind: 'not_captain'; sailId: string; captains: string[] }
  | { kind: 'already_member'; sailId: string; slotId: string }
  | { kind: 'closed'; sailId: string; cancelled: boolean }
  | { kind: 'taken_over'; sailId: string; slotId: string; holder: string; from: string };

/** Takes over a slot someone asked cover for: the first press wins, in one transaction. */
export async function takeOverCover(
  deps: CoverDeps,
  inv: Invocation,
  input: { sailId: string; slotId: string },
): Promise<Done<TakeOverOutcome>> {
  const taker = inv.actor.userId;
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = record.sail.id;
  const { slotId } = input;
  const request = record.covers.find((c) => c.slotId === slotId);
  if (!request) return only({ kind: 'no_request', sailId, slotId });
  if (request.status === coverStatuses.covered) {
    return only({ kind: 'covered', sailId, slotId, by: request.closedBy, self: request.closedBy === taker });
  }
  if (request.status === coverStatuses.withdrawn) return only({ kind: 'withdrawn', sailId, slotId });
  if (!isLiveCover(request, record.slots)) {
    return only({ kind: 'stale', sailId, slotId, requester: request.requester });
  }
  if (request.requester === taker) return only({ kind: 'own_request', sailId, slotId });
  if (slotId === CAPTAIN) {
    const rules = await deps.crewRules(record.sail.vesselId);
    if (!mayCaptain(rules, taker)) return only({ kind: 'not_captain', sailId, captains: rules.captains });
  }
  const r = await deps.crew.takeOver(record.sail, slotId, request.requester, taker);
  if (!r.ok) {
    switch (r.reason) {
      case 'covered':
        return only({ kind: 'covered', sailId, slotId, by: r.by, self: r.by === taker });
      case 'withdrawn':
        return only({ kind: 'withdrawn', sailId, slotId });
      case 'no_request':
        return only({ kind: 'no_request', sailId, slotId });
      case 'stale':
        return only({ kind: 'stale', sailId, slotId, requester: request.requester });
      case 'already_member':
        return only({ kind: 'already_member', sailId, slotId: r.slotId });
      default:
        return only({ kind: 'closed', sailId, cancelled: r.status === 'cancelled' });
    }
  }
  const note = { kind: 'covered', sailId, slotId, holder: taker, from: request.requester } as const;
  return {
    outcome: { kind: 'taken_over', sailId, slotId, holder: taker, from: request.requester },
    effects: keyed(inv.change, [
      { type: 'card.refresh', sailId, note },
      { type: 'cover.refresh', sailId, slotId },
      { type: 'dm', userId: request.requester, note },
    ]),
  };
}

/** What withdrawing came to. */
export type WithdrawCoverOutcome =
  | NoSuchSail
  | { kind: 'no_request'; sailId: string; slotId: string }
  | { kind: 'not_requester'; sailId: string; slotId: string; requester: string }
  | { kind: 'already_closed'; sailId: string; slotId: string; status: string; by?: string | undefined }
  | { kind: 'withdrawn'; sailId: string; slotId: string; requester: string };

/** Withdraws an open cover request: its requester, or an admin. */
export async function withdrawCover(
  deps: CoverDeps,
  inv: Invocation,
  input: { sailId: string; role: string },
): Promise<Done<WithdrawCoverOutcome>> {
  const { actor } = inv;
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = record.sail.id;
  const pick = pickSlot(record, input.role, actor.userId);
  const slotId = pick.ok ? pick.slotId : input.role.trim().toLowerCase();
  const request = record.covers.find((c) => c.slotId === slotId);
  if (!request) return only({ kind: 'no_request', sailId, slotId });
  if (request.status !== coverStatuses.open) {
    return only({ kind: 'already_closed', sailId, slotId, status: request.status, by: request.closedBy });
  }
  if (request.requester !== actor.userId && request.requestedBy !== actor.userId && !actor.isAdmin) {
    return only({ kind: 'not_requester', sailId, slotId, requester: request.requester });
  }
  const r = await deps.crew.withdrawCover(sailId, slotId, request.requester, actor.userId);
  if (!r.ok) {
    const now = r.request;
    return only({
      kind: 'already_closed',
      sailId,
      slotId,
      status: now?.status ?? 'closed',
      by: now?.closedBy,
    });
  }
  return {
    outcome: { kind: 'withdrawn', sailId, slotId, requester: request.requester },
    effects: keyed(inv.change, [
      { type: 'cover.refresh', sailId, slotId },
      { type: 'card.refresh', sailId },
    ]),
  };
}
