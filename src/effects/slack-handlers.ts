/**
 * The effects that talk to Slack: post or redraw a sail's live card and checklist, say in the
 * card's thread what changed, DM a person. Each renders from the store when it runs, so what it
 * shows is the latest state, whatever order the effects run in.
 */
import type { webApi } from '@slack/bolt';
import { isLiveCover } from '../crew/cover';
import type { Vessel } from '../fleet/vessel';
import { checklistView } from '../sails/checklist';
import type { CardCrew } from '../slack/blocks/card-crew';
import { checklistMessage } from '../slack/blocks/checklist';
import { coverRequestMessage } from '../slack/blocks/crew';
import { manifestMessage } from '../slack/blocks/manifest';
import { type CardGuest, sailCard } from '../slack/blocks/sail-card';
import { dmMessage, isMutable, threadNote } from '../slack/notes';
import type { SailRecord, SailStore } from '../store/sails';
import type { SeriesStore } from '../store/series';
import type { PostKind, SlackPost, SlackPostStore } from '../store/slack-posts';
import type { EffectHandlers } from './runner';

/** What the Slack effects need. */
export interface SlackEffectDeps {
  client: webApi.WebClient;
  sails: Pick<SailStore, 'get'>;
  /** The fleet, for the vessel's name, meeting place and checklist as they are now. */
  fleet: { get(vesselId: string): Promise<Vessel | undefined> };
  posts: SlackPostStore;
  /** The guest lines of a card, from the sail's partition. */
  cardGuests: (record: SailRecord) => CardGuest[];
  /** The sails' home channel (`BOSUN_CHANNEL`): a card there names the guests. */
  homeChannel: string;
  /** A weekly series' sails, for the other dates on the card. */
  series: Pick<SeriesStore, 'members'>;
  /** The clock holds on slots are read against. */
  now: () => Date;
}

type SlackEffects = Pick<
  EffectHandlers,
  | 'card.post'
  | 'card.refresh'
  | 'checklist.post'
  | 'checklist.refresh'
  | 'cover.post'
  | 'cover.refresh'
  | 'dm'
  | 'reply'
  | 'manifest.refresh'
>;

/** A response_url call gets as long as a Web API call. */
const RESPONSE_URL_TIMEOUT_MS = 2500;

/** Builds the handlers. */
export function createSlackEffectHandlers(deps: SlackEffectDeps): SlackEffects {
  const { client, sails, posts } = deps;

  async function render(sailId: string, what: PostKind, showNames = false) {
    const record = await sails.get(sailId);
    if (!record) return undefined;
    const vessel = await deps.fleet.get(record.sail.vesselId);
    if (what === 'card') {
      return sailCard({
        sail: record.sail,
        slots: record.slots,
        guests: deps.cardGuests(record),
        vesselName: vessel?.name,
        meet: vessel?.meet,
        showNames,
        crew: await cardCrew(record),
      });
    }
    // A vessel taken out of the table leaves its sails without a list; show the ticks made.
    const items = vessel?.checklist ?? [];
    return checklistMessage(record.sail, checklistView({ checklist: items }, record.checklist));
  }

  /** Whether a live card may name the guests; cards recorded before the field: the home channel only. */
  const namesOn = (post: SlackPost) => post.showNames ?? post.channel === deps.homeChannel;
  async function cardCrew(record: SailRecord): Promise<CardCrew> {
    const seriesId = record.sail.seriesId;
    const members = seriesId ? await deps.series.members(seriesId) : [];
    return {
      now: deps.now(),
      waitlist: record.waitlist.length,
      coverWanted: record.covers.filter((c) => isLiveCover(c, record.slots)).map((c) => c.slotId),
      series: members.map((m) => ({ date: m.date, sailId: m.sailId, status: m.sail.status })),
    };
  }

  /** The cover request of a slot as it stands, or undefined if the sail or request is gone. */
  async function coverMessage(sailId: string, slotId: string) {
    const record = await sails.get(sailId);
    const request = record?.covers.find((c) => c.slotId === slotId);
    return record && request ? coverRequestMessage(record.sail, request, record.slots) : undefined;
  }

  /** Posts a fresh live message and deletes the one it replaces. */
  async function move(sailId: string, what: PostKind, channel: string, showNames = false) {
    const body = await render(sailId, what, showNames);
    if (!body) return;
    const res = await client.chat.postMessage({ channel, ...body, unfurl_links: false });
    if (!res.ts || !res.channel) throw new Error(`Slack did not return where the ${what} was posted`);
    const old = await posts.move(sailId, what, {
      channel: res.channel,
      ts: res.ts,
      ...(what === 'card' ? { showNames } : {}),
    });
    if (old) await deleteQuietly(old);
  }

  async function deleteQuietly(post: SlackPost) {
    try {
      await client.chat.delete({ channel: post.channel, ts: post.ts });
    } catch (err) {
      // Someone deleted it already: that is what we wanted.
      if ((err as { data?: { error?: string } }).data?.error !== 'message_not_found') throw err;
    }
  }

  async function redraw(sailId: string, what: PostKind): Promise<SlackPost | undefined> {
    const live = await posts.get(sailId, what);
    if (!live) return undefined;
    const body = await render(sailId, what, namesOn(live));
    if (!body) return undefined;
    await client.chat.update({ channel: live.channel, ts: live.ts, ...body });
    return live;
  }

  return {
    'card.post': (e) => move(e.sailId, 'card', e.channel, e.showNames ?? e.channel === deps.homeChannel),
    'checklist.post': (e) => move(e.sailId, 'checklist', e.channel),
    'checklist.refresh': async (e) => {
      const live = await redraw(e.sailId, 'checklist');
      // A tick made before the checklist was ever posted is stored; posting the list shows it.
      if (!live && e.channel) {
        const card = await posts.get(e.sailId, 'card');
        await move(e.sailId, 'checklist', card?.channel ?? e.channel);
      }
    },
    'card.refresh': async (e) => {
      const live = await redraw(e.sailId, 'card');
      if (live && e.note) {
        const record = e.note.kind === 'edited' ? await sails.get(e.sailId) : undefined;
        await client.chat.postMessage({
          channel: live.channel,
          thread_ts: live.ts,
          text: threadNote(e.note, { showNames: namesOn(live), sail: record?.sail }),
        });
      }
    },
    'manifest.refresh': async (e) => {
      const record = await sails.get(e.sailId);
      if (!record) return;
      const body = manifestMessage(record.sail, record.guests);
      const res = await fetch(e.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ replace_original: true, ...body }),
        signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`Slack answered ${res.status} to a response_url`);
    },
    reply: async (e) => {
      const res = await fetch(e.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: e.text }),
        signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`Slack answered ${res.status} to a response_url`);
    },
    'cover.post': async (e) => {
      const body = await coverMessage(e.sailId, e.slotId);
      if (!body) return;
      const card = await posts.get(e.sailId, 'card');
      const res = await client.chat.postMessage({
        channel: card?.channel ?? e.channel,
        ...(card ? { thread_ts: card.ts } : {}),
        ...body,
        unfurl_links: false,
      });
      if (!res.ts || !res.channel) throw new Error('Slack did not return where the cover request was posted');
      // An earlier request's message for the slot keeps its final words ("covered by…"): not deleted.
      await posts.move(e.sailId, `cover-${e.slotId}`, { channel: res.channel, ts: res.ts });
    },
    'cover.refresh': async (e) => {
      const live = await posts.get(e.sailId, `cover-${e.slotId}`);
      if (!live) return;
      const body = await coverMessage(e.sailId, e.slotId);
      if (body) await client.chat.update({ channel: live.channel, ts: live.ts, ...body });
    },
    dm: async (e) => {
      const sailId = 'sailId' in e.note ? e.note.sailId : undefined;
      const record = sailId ? await sails.get(sailId) : undefined;
      // Someone who muted the sail's reminders does not get them (their role's own news still comes).
      if (record && isMutable(e.note) && record.mutes.includes(e.userId)) return;
      const message = dmMessage(e.note, record?.sail);
      // Posting to a user id delivers to the bot's DM with them (App Home → Messages).
      await client.chat.postMessage({
        channel: e.userId,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
      });
    },
  };
}
