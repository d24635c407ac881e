/**
 * Posting and refreshing sail cards, and the thread notes and DMs that go with a change.
 * The card is always re-rendered from the store, so it never drifts from the data.
 */
import type { webApi } from '@slack/bolt';
import type { Sail, Slot } from '../sails/types';
import { sailCard } from './blocks/sail-card';
import type { MessageBody } from './blocks/types';
import type { SlackDeps } from './context';

/** Renders the card for a sail from the store; undefined when the sail does not exist. */
export async function renderCard(deps: SlackDeps, sailId: string) {
  const view = await deps.sails.get(sailId);
  if (!view) return undefined;
  const guests = deps.extensions?.cardGuests?.(view) ?? [];
  return { view, card: sailCard({ sail: view.sail, slots: view.slots, guests }) };
}

/**
 * Posts a copy of a sail's card in a channel (`/sail show`). The sail's home card, the one changes
 * update in place, stays where it is; a sail that has none yet makes this one its home.
 */
export async function postCard(deps: SlackDeps, client: webApi.WebClient, sailId: string, channel: string) {
  const rendered = await renderCard(deps, sailId);
  if (!rendered) return undefined;
  if (rendered.view.sail.cardTs) {
    const res = await client.chat.postMessage({ channel, ...rendered.card, unfurl_links: false });
    return { channel: res.channel, ts: res.ts };
  }
  return publish(deps, client, sailId, channel, rendered.card);
}

/** Posts the card of a sail just created, from what the create returned (no guests yet, no read). */
export async function postNewCard(
  deps: SlackDeps,
  client: webApi.WebClient,
  created: { sail: Sail; slots: Slot[] },
  channel: string,
) {
  return publish(
    deps,
    client,
    created.sail.id,
    channel,
    sailCard({ sail: created.sail, slots: created.slots }),
  );
}

async function publish(
  deps: SlackDeps,
  client: webApi.WebClient,
  sailId: string,
  channel: string,
  card: MessageBody,
) {
  const res = await client.chat.postMessage({ channel, ...card, unfurl_links: false });
  if (res.ts && res.channel) await deps.sails.setCard(sailId, res.channel, res.ts);
  return { channel: res.channel, ts: res.ts };
}

/**
 * Updates the card in place (`chat.update`) and, when given, says in its thread who did what.
 * A sail whose card was never posted gets nothing.
 */
export async function refreshCard(deps: SlackDeps, client: webApi.WebClient, sailId: string, note?: string) {
  const rendered = await renderCard(deps, sailId);
  if (!rendered) return;
  const { sail } = rendered.view;
  if (!sail.channel || !sail.cardTs) return;
  await client.chat.update({ channel: sail.channel, ts: sail.cardTs, ...rendered.card });
  if (note) await client.chat.postMessage({ channel: sail.channel, thread_ts: sail.cardTs, text: note });
}

/** Sends a direct message to one person. */
export async function dm(client: webApi.WebClient, userId: string, text: string) {
  const open = await client.conversations.open({ users: userId });
  const channel = open.channel?.id;
  if (channel) await client.chat.postMessage({ channel, text });
}

/** DMs every holder of a slot on the sail (for holds and cancellations). */
export async function dmHolders(client: webApi.WebClient, holders: string[], text: string) {
  await Promise.all([...new Set(holders)].map((u) => dm(client, u, text)));
}
