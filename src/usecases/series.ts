/**
 * Weekly series (admins): `/sail create … every=<weekday> until=<date>` makes up to 26 sails, each
 * its own sail (id, card, roster) timed for its own date; `/sail cancel <id> series` cancels that
 * sail and the rest of its series; `seriesOf` tells any caller (e.g. `/sail edit … series`) which
 * sails share a series.
 *
 * A series is written once per request: its id comes from the request's, and each date's sail is
 * created with the series' item for that date in the same transaction. A retried request therefore
 * finds the series and the dates already made, and creates only what is missing. Effects: one card
 * per sail, posted after the answer.
 */
import { createHash } from 'node:crypto';
import { type Done, type Effect, keyed, only } from '../effects/types';
import { sailingPlace } from '../fleet/vessel';
import { CROCKFORD_ALPHABET } from '../sails/ids';
import type { EditFields } from '../sails/parse';
import { type SeriesRule, seriesDates } from '../sails/series';
import type { Sail, SailDraft } from '../sails/types';
import type { FleetStore } from '../store/fleet';
import type { GuestStore } from '../store/guests';
import type { SailStore } from '../store/sails';
import type { SeriesMember, SeriesStore } from '../store/series';
import type { Invocation, NoSuchSail, NotAdmin } from './context';
import { type EditSailDeps, type EditSailOutcome, editSail } from './edit-sail';
import { changeSailStatus } from './sail-status';

/** What series need. */
export interface SeriesDeps {
  sails: Pick<SailStore, 'createInSeries' | 'upcoming' | 'get' | 'setStatus'>;
  guests: Pick<GuestStore, 'list'>;
  series: SeriesStore;
  /** Each date is timed at the vessel's home port and zone; an uncancel checks its name. */
  fleet: Pick<FleetStore, 'get'>;
  /** Where the cards go (`BOSUN_CHANNEL`). */
  channel: string;
  now: () => Date;
}

/** Sails created at once: each is its own transaction on its own items. */
const CREATE_CONCURRENCY = 4;

/** A series' id from the request that creates it (`R-` and ten Crockford characters). */
export function seriesIdFor(change: string): string {
  const digest = createHash('sha256').update(`series:${change}`).digest();
  return `R-${Array.from(digest.subarray(0, 10), (b) => CROCKFORD_ALPHABET[b & 31]).join('')}`;
}

/** One sail of a new series. */
export interface SeriesSail {
  date: string;
  sailId: string;
  /** The sail as created (absent for a date made by an earlier try of the same request). */
  sail?: Sail | undefined;
}

/** What creating a series came to. */
export type CreateSeriesOutcome =
  | NotAdmin
  | { kind: 'invalid'; message: string }
  | {
      kind: 'created_series';
      seriesId: string;
      rule: SeriesRule;
      sails: SeriesSail[];
      /** Dates that could not be made, with why (each date is checked on its own). */
      failed: { date: string; error: string }[];
      /** Sails of the same vessel already out at the same time as one of the new ones. */
      clashes: { date: string; sail: Sail }[];
      channel: string;
    };

/** Creates a weekly series from a validated draft (its date is the first the series may use). */
export async function createSeries(
  deps: SeriesDeps,
  inv: Invocation,
  input: { draft: SailDraft; rule: SeriesRule },
): Promise<Done<CreateSeriesOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'create sails' });
  const dates = seriesDates(input.draft.date, input.rule);
  if (!dates.ok) return only({ kind: 'invalid', message: dates.error });
  const vessel = await deps.fleet.get(input.draft.vesselId);
  const place = vessel ? sailingPlace(vessel) : undefined;
  if (!place?.ok) {
    return only({
      kind: 'invalid',
      message: place?.ok === false ? place.error : `There is no vessel "${input.draft.vesselId}".`,
    });
  }
  const seriesId = seriesIdFor(inv.change);
  const started = await deps.series.start({
    seriesId,
    weekday: input.rule.weekday,
    until: input.rule.until,
    dates: dates.value,
    createdBy: inv.actor.userId,
    createdAt: deps.now(),
  });
  const made = new Map<string, SeriesSail>();
  if (!started.created) {
    for (const s of (await deps.series.get(seriesId))?.sails ?? []) made.set(s.date, s);
  }
  const failed: { date: string; error: string }[] = [];
  const queue = dates.value.filter((d) => !made.has(d));
  const worker = async () => {
    for (let date = queue.shift(); date; date = queue.shift()) {
      const r = await deps.sails.createInSeries(
        { ...input.draft, date },
        inv.actor.userId,
        seriesId,
        place.value,
      );
      if (r.ok) made.set(date, { date, sailId: r.sail.id, sail: r.sail });
      else if (r.reason === 'exists') made.set(date, { date, sailId: r.sailId });
      else failed.push({ date, error: r.error });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CREATE_CONCURRENCY, queue.length) }, worker));
  const sails = dates.value.flatMap((d) => {
    const s = made.get(d);
    return s ? [s] : [];
  });
  if (sails.length === 0) {
    return only({ kind: 'invalid', message: failed[0]?.error ?? 'No sail of the series could be created.' });
  }
  failed.sort((a, b) => a.date.localeCompare(b.date));
  return {
    outcome: {
      kind: 'created_series',
      seriesId,
      rule: input.rule,
      sails,
      failed,
      clashes: await clashesOf(deps, sails),
      channel: deps.channel,
    },
    effects: keyed(
      inv.change,
      sails.map((s) => ({ type: 'card.post' as const, sailId: s.sailId, channel: deps.channel })),
    ),
  };
}

/** Other live sails of the same vessel on the water at the same time as a new one (one Query). */
async function clashesOf(deps: SeriesDeps, sails: SeriesSail[]): Promise<{ date: string; sail: Sail }[]> {
  const created = sails.flatMap((s) => (s.sail ? [s.sail] : []));
  const first = created[0];
  const last = created[created.length - 1];
  if (!first || !last) return [];
  const from = new Date(first.departAt.getTime() - 12 * 3_600_000);
  const days = Math.ceil((last.returnAt.getTime() - from.getTime()) / 86_400_000) + 1;
  const around = await deps.sails.upcoming({ from, days, includeCancelled: false, limit: 500 });
  const ours = new Set(created.map((s) => s.id));
  return created.flatMap((mine) =>
    around
      .filter(
        (s) =>
          !ours.has(s.id) &&
          s.vesselId === mine.vesselId &&
          s.departAt.getTime() < mine.returnAt.getTime() &&
          mine.departAt.getTime() < s.returnAt.getTime(),
      )
      .map((sail) => ({ date: mine.date, sail })),
  );
}

/** The series a sail belongs to: its id and every sail of it as it is now, in date order. */
export async function seriesOf(
  deps: Pick<SeriesDeps, 'sails' | 'series'>,
  sailId: string,
): Promise<{ seriesId: string; sails: SeriesMember[] } | undefined> {
  const record = await deps.sails.get(sailId);
  const seriesId = record?.sail.seriesId;
  if (!seriesId) return undefined;
  return { seriesId, sails: await deps.series.members(seriesId) };
}

/** What cancelling the rest of a series came to. */
export type CancelSeriesOutcome =
  | NotAdmin
  | NoSuchSail
  | { kind: 'not_in_series'; sailId: string }
  | {
      kind: 'series_cancelled';
      sailId: string;
      cancelled: string[];
      /** Sails of the rest of the series that could not be cancelled (departed, already cancelled). */
      skipped: { sailId: string; message: string }[];
      crewTold: number;
      guestsTold: number;
    };

/** Cancels a sail and every later sail of its series (the ones still planned). */
export async function cancelSeries(
  deps: SeriesDeps,
  inv: Invocation,
  input: { sailId: string; reason?: string | undefined },
): Promise<Done<CancelSeriesOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'cancel sails' });
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const of = await seriesOf(deps, record.sail.id);
  if (!of) return only({ kind: 'not_in_series', sailId: record.sail.id });
  const from = record.sail.date;
  const rest = of.sails.filter((m) => m.date >= from);
  const cancelled: string[] = [];
  const skipped: { sailId: string; message: string }[] = [];
  const effects: Effect[] = [];
  let crewTold = 0;
  let guestsTold = 0;
  for (const m of rest) {
    if (m.sail.status === 'cancelled') continue;
    const done = await changeSailStatus(deps, inv, {
      sailId: m.sailId,
      to: 'cancelled',
      reason: input.reason,
    });
    const o = done.outcome;
    if (o.kind === 'changed') {
      cancelled.push(m.sailId);
      crewTold += o.crewTold;
      guestsTold += o.guestsTold;
    } else if (o.kind === 'refused') skipped.push({ sailId: m.sailId, message: o.message });
    effects.push(...done.effects);
  }
  // The earlier sails' cards list the series' dates: redraw them too.
  const earlier = of.sails.filter((m) => m.date < from && m.sail.status !== 'cancelled');
  effects.push(
    ...keyed(
      inv.change,
      earlier.map((m) => ({ type: 'card.refresh' as const, sailId: m.sailId })),
    ),
  );
  return {
    outcome: { kind: 'series_cancelled', sailId: record.sail.id, cancelled, skipped, crewTold, guestsTold },
    effects,
  };
}

/** What editing the rest of a series came to: each sail's own edit outcome, in date order. */
export type EditSeriesOutcome =
  | NotAdmin
  | NoSuchSail
  | { kind: 'not_in_series'; sailId: string }
  | { kind: 'date_in_series'; sailId: string }
  | { kind: 'series_edited'; sailId: string; results: { sailId: string; outcome: EditSailOutcome }[] };

/**
 * `/sail edit <id> … series`: the same change (times, duration, crew, guests, vessel, title) to this
 * sail and every later one of its weekly series, each checked and written on its own (one refusal
 * does not stop the others). A date cannot move a series: its sails keep their weekdays.
 */
export async function editSeries(
  deps: Pick<SeriesDeps, 'sails' | 'series'> & EditSailDeps,
  inv: Invocation,
  input: { sailId: string; edit: EditFields },
): Promise<Done<EditSeriesOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'edit sails' });
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = record.sail.id;
  if (input.edit.date !== undefined) return only({ kind: 'date_in_series', sailId });
  const of = await seriesOf(deps, sailId);
  if (!of) return only({ kind: 'not_in_series', sailId });
  const results: { sailId: string; outcome: EditSailOutcome }[] = [];
  const effects: Effect[] = [];
  for (const m of of.sails.filter((x) => x.date >= record.sail.date && x.sail.status !== 'cancelled')) {
    // Each sail's change is its own, so its effects get their own keys.
    const done = await editSail(
      deps,
      { ...inv, change: `${inv.change}:${m.sailId}` },
      {
        sailId: m.sailId,
        edit: input.edit,
      },
    );
    results.push({ sailId: m.sailId, outcome: done.outcome });
    effects.push(...done.effects);
  }
  return { outcome: { kind: 'series_edited', sailId, results }, effects };
}
