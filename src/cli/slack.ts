/**
 * `bosun slack "<command>"` and `bosun click <action_id> <value>`: sign and send a request to the
 * running local app like Slack would, then print the reply and what the bot posted as text.
 */

import { renderMessage } from '../local/render-blocks';
import {
  type LocalSlackTarget,
  type SlackAnswer,
  sendAction,
  sendCommand,
  sendEvent,
  splitCommand,
} from '../local/slack-client';
import { describeCall, type SinkCall } from '../local/slack-sink';
import { actionIds, commands } from '../slack/ids';
import { appHomeOpenedEvent, eventCallbackBody } from '../slack/payloads';
import { devDefaults, devSecrets, readStack, type StackInfo } from './stack';

/** Options shared by the verbs. */
export interface ActorOptions {
  user?: string | undefined;
  channel?: string | undefined;
  /** `bosun click --home`: the button is on the App Home (the answer is the home republished). */
  home?: boolean | undefined;
}

function requireStack(): StackInfo & { sinkUrl: string } {
  const stack = readStack();
  if (!stack)
    throw new Error('No local stack is running. Start it with `npm start` (bosun dev) in another terminal.');
  if (!stack.sinkUrl)
    throw new Error('The running stack talks to a real Slack workspace (Socket Mode); use Slack itself.');
  return { ...stack, sinkUrl: stack.sinkUrl };
}

function target(stack: StackInfo & { sinkUrl: string }): LocalSlackTarget {
  return {
    fetch: (url, init) => fetch(url, init),
    appUrl: stack.appUrl,
    signingSecret: devSecrets().signingSecret,
    sinkUrl: stack.sinkUrl,
  };
}

async function sinkCalls(sinkUrl: string, since = 0): Promise<SinkCall[]> {
  const res = await fetch(`${sinkUrl}/calls?since=${since}`);
  return ((await res.json()) as { calls: SinkCall[] }).calls;
}

/** Renders the app's answer and the bot's calls as readable text. */
export function describeAnswer(answer: SlackAnswer, calls: SinkCall[]): string {
  const out: string[] = [];
  if (answer.status !== 200) out.push(`HTTP ${answer.status}`);
  if (typeof answer.body === 'object' && answer.body) {
    const b = answer.body as Record<string, unknown>;
    if (b.response_action === 'errors') out.push(`modal errors: ${JSON.stringify(b.errors)}`);
    else out.push(`reply (only you see this):\n${renderMessage(b)}`);
  } else if (answer.body) out.push(`reply: ${answer.body}`);
  for (const c of calls) out.push(describeCall(c));
  if (out.length === 0) out.push('(no reply and nothing posted)');
  return out.join('\n\n');
}

async function lastSeq(sinkUrl: string): Promise<number> {
  const calls = await sinkCalls(sinkUrl);
  return calls.at(-1)?.seq ?? 0;
}

/** `bosun slack "<command text>"` */
export async function runSlack(line: string, opts: ActorOptions): Promise<string> {
  const stack = requireStack();
  const since = await lastSeq(stack.sinkUrl);
  const { command } = splitCommand(line);
  const known: string[] = Object.values(commands);
  if (!known.includes(command)) {
    throw new Error(`${command} is not a Bosun command; the commands are ${known.join(', ')}.`);
  }
  const answer = await sendCommand(target(stack), line, {
    userId: opts.user ?? devDefaults.admin,
    channelId: opts.channel ?? devDefaults.channel,
  });
  return describeAnswer(answer, await settledCalls(stack.sinkUrl, since));
}

type Block = { block_id?: string; elements?: Element[]; accessory?: Element };
type Element = {
  type?: string;
  action_id?: string;
  value?: string;
  options?: { value: string }[];
  initial_options?: { value: string }[];
};

/** Finds the newest message the bot posted that holds this action (and value), as Slack would send it back. */
function findMessage(calls: SinkCall[], actionId: string, value: string) {
  for (const c of [...calls].reverse()) {
    if (c.method !== 'chat.postMessage' && c.method !== 'chat.update') continue;
    const blocks = (Array.isArray(c.args.blocks) ? c.args.blocks : []) as Block[];
    for (const b of blocks) {
      for (const e of [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]) {
        if (e.action_id !== actionId) continue;
        if (e.value === value || e.options?.some((o) => o.value === value)) {
          const ts = String(c.method === 'chat.update' ? c.args.ts : c.ts);
          return { block: b, element: e, message: { ts, blocks } };
        }
      }
    }
  }
  return undefined;
}

/**
 * The bot's calls after an answer. Its effects (the card, thread notes, DMs) run after the answer,
 * so this waits until the sink has been quiet for a moment (at most a few seconds).
 */
async function settledCalls(sinkUrl: string, since: number) {
  const QUIET_MS = 400;
  const MAX_MS = 5000;
  const started = Date.now();
  let calls = await sinkCalls(sinkUrl, since);
  let quietSince = Date.now();
  while (Date.now() - started < MAX_MS && Date.now() - quietSince < QUIET_MS) {
    await new Promise((r) => setTimeout(r, 100));
    const next = await sinkCalls(sinkUrl, since);
    if (next.length !== calls.length) quietSince = Date.now();
    calls = next;
  }
  return calls;
}

/** `bosun click <action_id> <value>`: a button press, or a checkbox toggle on the latest checklist. */
export async function runClick(actionId: string, value: string, opts: ActorOptions): Promise<string> {
  const stack = requireStack();
  const known: string[] = Object.values(actionIds);
  if (!known.includes(actionId)) {
    throw new Error(`No button or checkbox has the action id "${actionId}"; they are ${known.join(', ')}.`);
  }
  const history = await sinkCalls(stack.sinkUrl);
  const since = history.at(-1)?.seq ?? 0;
  const found = findMessage(history, actionId, value);
  const actor = { userId: opts.user ?? devDefaults.admin, channelId: opts.channel ?? devDefaults.channel };
  let selected: string[] | undefined;
  if (found?.element.type === 'checkboxes') {
    const current = new Set((found.element.initial_options ?? []).map((o) => o.value));
    if (current.has(value)) current.delete(value);
    else current.add(value);
    selected = [...current];
  }
  const answer = await sendAction(
    target(stack),
    {
      actionId,
      value,
      ...(found && !opts.home ? { blockId: found.block.block_id, message: found.message } : {}),
      ...(selected ? { selected } : {}),
      ...(opts.home ? { view: { type: 'home' as const, privateMetadata: '{"page":0}' } } : {}),
    },
    actor,
  );
  return describeAnswer(answer, await settledCalls(stack.sinkUrl, since));
}

/** `bosun home [--user U…]`: opens the person's App Home (an `app_home_opened` event) and prints it. */
export async function runHome(opts: ActorOptions): Promise<string> {
  const stack = requireStack();
  const since = await lastSeq(stack.sinkUrl);
  const userId = opts.user ?? devDefaults.admin;
  const answer = await sendEvent(target(stack), eventCallbackBody({ event: appHomeOpenedEvent(userId) }));
  return describeAnswer(answer, await settledCalls(stack.sinkUrl, since));
}
