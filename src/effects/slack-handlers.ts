/**
 * The effects that talk to Slack: post or redraw a sail's live card and checklist, say in the
 * card's thread what changed, DM a person. Each renders from the store when it runs, so what it
 * shows is the latest state, whatever order the effects run in.
 */
import type { webApi } from '@slack/bolt';
import { checklistView } from '../sails/checklist';
import { findVessel } from '../sails/vessels';
import { checklistMessage } from '../slack/blocks/checklist';
import { manifestMessage } from '../slack/blocks/manifest';
import { type CardGuest, sailCard } from '../slack/blocks/sail-card';
import { dmText, threadNote } from '../slack/notes';
import type { SailRecord, SailStore } from '../store/sails';
import type { PostKind, SlackPost, SlackPostStore } from '../store/slack-posts';
import type { EffectHandlers } from './runner';

/** What the Slack effects need. */
export interface SlackEffectDeps {
  client: webApi.WebClient;
  sails: Pick<SailStore, 'get'>;
  posts: SlackPostStore;
  /** The guest lines of a card, from the sail's partition. */
  cardGuests: (record: SailRecord) => CardGuest[];
  /** The sails' home channel (`BOSUN_CHANNEL`): a card there names the guests. */
  homeChannel: string;
}

type SlackEffects = Pick<
  EffectHandlers,
  'card.post' | 'card.refresh' | 'checklist.post' | 'checklist.refresh' | 'dm' | 'reply' | 'manifest.refresh'
>;

/** A response_url call gets as long as a Web API call. */
const RESPONSE_URL_TIMEOUT_MS = 2500;

/** Builds the handlers. */
export function createSlackEffectHandlers(deps: SlackEffectDeps): SlackEffects {
  const { client, sails, posts } = deps;

  async function render(sailId: string, what: PostKind, showNames = false) {
    const record = await sails.get(sailId);
    if (!record) return undefined;
    if (what === 'card') {
      return sailCard({ sail: record.sail, slots: record.slots, guests: deps.cardGuests(record), showNames });
    }
    const vessel = findVessel(record.sail.vesselId);
    if (!vessel.ok) throw new Error(vessel.error);
    return checklistMessage(record.sail, checklistView(vessel.value, record.checklist));
  }

  /** Whether a live card may name the guests; cards recorded before the field: the home channel only. */
  const namesOn = (post: SlackPost) => post.showNames ?? post.channel === deps.homeChannel;

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
      await redraw(e.sailId, 'checklist');
    },
    'card.refresh': async (e) => {
      const live = await redraw(e.sailId, 'card');
      if (live && e.note) {
        await client.chat.postMessage({
          channel: live.channel,
          thread_ts: live.ts,
          text: threadNote(e.note, { showNames: namesOn(live) }),
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
    dm: async (e) => {
      const sailId = 'sailId' in e.note ? e.note.sailId : undefined;
      const record = sailId ? await sails.get(sailId) : undefined;
      // Posting to a user id delivers to the bot's DM with them (App Home → Messages).
      await client.chat.postMessage({ channel: e.userId, text: dmText(e.note, record?.sail) });
    },
  };
}
