/**
 * Effects: what a use case implies beyond its one state change — a card to redraw, a thread note,
 * a DM, a guest email, a report. A use case returns them as plain data; the adapter answers the
 * person first and then queues them as one job; the effect runner does each exactly once (its
 * `key`), with retries, and tells the admins about any that fail for good.
 *
 * Effects say *what happened* (a note's kind and ids), not how Slack shows it: the Slack effect
 * handlers render the words when they run. They travel through EventBridge, so they are zod-checked.
 */
import { z } from 'zod';

/** One thing an edit changed (`SailChange`): times as ISO instants, the vessel by name. */
export const sailChangeSchema = z.object({
  field: z.enum(['date', 'start', 'departure', 'return', 'duration', 'vessel', 'crew', 'guests', 'title']),
  from: z.string(),
  to: z.string(),
});

const statusSchema = z.enum(['scheduled', 'on_hold', 'cancelled']);

/** Something that happened to a sail, told in its card's thread or in a DM. */
export const noteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('claimed'), sailId: z.string(), slotId: z.string(), by: z.string() }),
  z.object({
    kind: z.literal('designated'),
    sailId: z.string(),
    slotId: z.string(),
    holder: z.string(),
    by: z.string(),
  }),
  z.object({
    kind: z.literal('released'),
    sailId: z.string(),
    slotId: z.string(),
    holder: z.string(),
    by: z.string(),
  }),
  z.object({
    kind: z.literal('status'),
    sailId: z.string(),
    to: statusSchema,
    /** Where it came from, when that matters to the words (`cancelled` → `scheduled`: uncancelled). */
    from: statusSchema.optional(),
    reason: z.string().optional(),
    by: z.string(),
  }),
  /** An admin changed the sail (`/sail edit`). */
  z.object({
    kind: z.literal('edited'),
    sailId: z.string(),
    by: z.string(),
    changes: z.array(sailChangeSchema),
  }),
  z.object({ kind: z.literal('guest_invited'), sailId: z.string(), name: z.string(), by: z.string() }),
  z.object({ kind: z.literal('waiver_signed'), sailId: z.string(), name: z.string() }),
  z.object({ kind: z.literal('guest_removed'), sailId: z.string(), name: z.string(), by: z.string() }),
  z.object({ kind: z.literal('guest_checked_in'), sailId: z.string(), name: z.string(), by: z.string() }),
  /** Someone took over a slot from the person who asked for cover. */
  z.object({
    kind: z.literal('covered'),
    sailId: z.string(),
    slotId: z.string(),
    holder: z.string(),
    from: z.string(),
  }),
  /** A cover request, to a regular free then (the DM carries the Take-over button). */
  z.object({
    kind: z.literal('cover_request'),
    sailId: z.string(),
    slotId: z.string(),
    requester: z.string(),
  }),
  /** A freed slot held for the first on the waitlist until `until` (ISO); the DM has a Claim button. */
  z.object({ kind: z.literal('offer'), sailId: z.string(), slotId: z.string(), until: z.string() }),
  /** The hold a waiter had on a slot ended unused; they are off the list. */
  z.object({ kind: z.literal('offer_lapsed'), sailId: z.string(), slotId: z.string() }),
  /** A slot freed too close to crew call to hold for anyone: every waiter hears, first come first served. */
  z.object({ kind: z.literal('slot_open'), sailId: z.string(), slotId: z.string() }),
  /** Words already rendered by an adapter (e.g. the answer to a modal, sent as a DM). */
  z.object({ kind: z.literal('text'), text: z.string() }),
]);
export type Note = z.infer<typeof noteSchema>;

/** One effect. `key` makes it happen once; it is built by `effectKey`. */
export const effectSchema = z.discriminatedUnion('type', [
  /** Redraw the sail's live card (`chat.update`) and, with a note, say in its thread what changed. */
  z.object({
    type: z.literal('card.refresh'),
    key: z.string(),
    sailId: z.string(),
    note: noteSchema.optional(),
  }),
  /**
   * Post the sail's card in a channel and make it the live one; the previous live card is deleted,
   * so no copy ever shows a stale roster. `showNames`: the card may name the guests there (the
   * sail's home channel, an admin's DM); otherwise it shows their counts only. Absent (an effect
   * queued before the field existed): names only in the home channel.
   */
  z.object({
    type: z.literal('card.post'),
    key: z.string(),
    sailId: z.string(),
    channel: z.string(),
    showNames: z.boolean().optional(),
  }),
  /**
   * Post a cover request in the thread of the sail's card (in `channel` when it has none), with the
   * Take-over button, and remember where, so `cover.refresh` can redraw it.
   */
  z.object({
    type: z.literal('cover.post'),
    key: z.string(),
    sailId: z.string(),
    slotId: z.string(),
    channel: z.string(),
  }),
  /** Redraw a cover request's message as it stands now ("covered by @x", withdrawn…). */
  z.object({ type: z.literal('cover.refresh'), key: z.string(), sailId: z.string(), slotId: z.string() }),
  /** Post the sail's checklist in a channel and make it the live one (the previous is deleted). */
  z.object({ type: z.literal('checklist.post'), key: z.string(), sailId: z.string(), channel: z.string() }),
  /**
   * Redraw the live checklist message; with `channel`, post it there when none has been posted yet
   * (a tick made before the checklist was shown is then seen).
   */
  z.object({
    type: z.literal('checklist.refresh'),
    key: z.string(),
    sailId: z.string(),
    channel: z.string().optional(),
  }),
  /**
   * The ephemeral answer to a button press, through the interaction's `response_url` (a button's
   * ack cannot carry a message).
   */
  z.object({ type: z.literal('reply'), key: z.string(), responseUrl: z.string().url(), text: z.string() }),
  /** A direct message to one person. */
  z.object({ type: z.literal('dm'), key: z.string(), userId: z.string(), note: noteSchema }),
  /**
   * Email a guest a magic link (a new code is made when the email goes, and retires the older ones
   * once SES accepted it). `dock`: the crew at the dock sent it to a guest who arrived unsigned.
   */
  z.object({
    type: z.literal('guest.invite'),
    key: z.string(),
    sailId: z.string(),
    guestId: z.string(),
    resent: z.boolean(),
    by: z.string().optional(),
    dock: z.boolean().optional(),
  }),
  /** Email one guest that the sail was held, unheld, cancelled (with the reason) or uncancelled. */
  z.object({
    type: z.literal('guest.status'),
    key: z.string(),
    sailId: z.string(),
    guestId: z.string(),
    to: statusSchema,
    from: statusSchema.optional(),
    reason: z.string().optional(),
  }),
  /** Email one guest what an edit changed (old → new) and the sail's times now. */
  z.object({
    type: z.literal('guest.changed'),
    key: z.string(),
    sailId: z.string(),
    guestId: z.string(),
    changes: z.array(sailChangeSchema),
  }),
  /** Email the signer a copy of the waiver they signed. */
  z.object({
    type: z.literal('guest.waiver_copy'),
    key: z.string(),
    sailId: z.string(),
    guestId: z.string(),
  }),
  /**
   * Publish a person's App Home (`views.publish`), read when it runs: on `app_home_opened` and
   * after their own action from it. `notice` is the answer to that action, shown at the top.
   */
  z.object({
    type: z.literal('home.publish'),
    key: z.string(),
    userId: z.string(),
    page: z.number().int().min(0).optional(),
    notice: z.string().optional(),
  }),
  /** DM a person their calendar feed URL, read when it runs (the URL is a credential). */
  z.object({ type: z.literal('calendar.dm'), key: z.string(), userId: z.string(), reset: z.boolean() }),
  /**
   * DM `userId` (an admin) each signed waiver of a sail as a PDF (`files.uploadV2`): the exact text
   * with its version and SHA-256, the signer, minors, times, IP and user agent.
   */
  z.object({ type: z.literal('waivers.send'), key: z.string(), sailId: z.string(), userId: z.string() }),
  /** Redraw the captain's manifest message in place (through the button's `response_url`). */
  z.object({
    type: z.literal('manifest.refresh'),
    key: z.string(),
    sailId: z.string(),
    responseUrl: z.string().url(),
  }),
  /** Build and send a report (summary to the channel, HTML by email). */
  z.object({ type: z.literal('report'), key: z.string(), payload: z.unknown() }),
]);
export type Effect = z.infer<typeof effectSchema>;
export type EffectType = Effect['type'];

/** A batch of effects for one workspace, as queued after an answer. */
export const effectBatchSchema = z.object({ team: z.string().min(1), effects: z.array(effectSchema) });
export type EffectBatch = z.infer<typeof effectBatchSchema>;

/** What a use case returns: the outcome the adapter renders, and the effects it implies. */
export interface Done<O> {
  outcome: O;
  effects: Effect[];
}

/** An outcome with no effects (a refusal, a read). */
export function only<O>(outcome: O): Done<O> {
  return { outcome, effects: [] };
}

/** Distributive Omit, so each member of the union keeps its own fields. */
export type EffectInput = Effect extends infer E ? (E extends Effect ? Omit<E, 'key'> : never) : never;

/**
 * Gives each effect its key: `<type>:<what it is about>:<change>`. `change` names the state change
 * (the request's id), so a retried request makes the same keys and its effects are not redone.
 */
export function keyed(change: string, effects: EffectInput[]): Effect[] {
  return effects.map((e) => ({ ...e, key: `${e.type}:${subject(e)}:${change}` }) as Effect);
}

function subject(e: EffectInput): string {
  switch (e.type) {
    case 'dm':
      return `${'sailId' in e.note ? e.note.sailId : '-'}:${e.userId}`;
    case 'guest.invite':
    case 'guest.status':
    case 'guest.changed':
    case 'guest.waiver_copy':
      return `${e.sailId}:${e.guestId}`;
    case 'cover.post':
    case 'cover.refresh':
      return `${e.sailId}:${e.slotId}`;
    case 'home.publish':
    case 'calendar.dm':
      return e.userId;
    case 'report':
      return 'report';
    case 'reply':
      return 'reply';
    default:
      return e.sailId;
  }
}
