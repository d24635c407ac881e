/**
 * Builders for requests shaped exactly like Slack's (form-encoded slash commands, `payload=` for
 * interactivity), signed with the signing secret. Used by `bosun slack` / `bosun click` and by the
 * tests, so both speak to the app the way Slack does.
 * @see https://api.slack.com/interactivity/slash-commands#app_command_handling
 */
import { randomBytes } from 'node:crypto';
import { signSlackBody } from './verify';

/** Who sends a request, and from where. */
export interface SlackActor {
  userId: string;
  userName?: string;
  channelId: string;
  teamId?: string;
}

/** A signed request: the raw body and the headers Slack would send. */
export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** Signs a form-encoded body the way Slack does. */
export function signForm(body: string, signingSecret: string, nowMs: number = Date.now()): SignedRequest {
  const ts = Math.floor(nowMs / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signSlackBody(signingSecret, ts, body),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    },
  };
}

/** A trigger id shaped like Slack's (`<ts>.<n>.<hex>`), unique per interaction as Slack's are. */
export function triggerId(): string {
  return `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomBytes(8).toString('hex')}`;
}

/** A slash command body: `command` is `/sail`, `text` what follows it. */
export function commandBody(args: {
  command: string;
  text: string;
  actor: SlackActor;
  responseUrl: string;
  triggerId?: string;
}): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: args.actor.teamId ?? 'T0LOCAL',
    team_domain: 'bosun-local',
    channel_id: args.actor.channelId,
    channel_name: 'sails',
    user_id: args.actor.userId,
    user_name: args.actor.userName ?? args.actor.userId.toLowerCase(),
    command: args.command,
    text: args.text,
    api_app_id: 'A0BOSUN',
    is_enterprise_install: 'false',
    response_url: args.responseUrl,
    trigger_id: args.triggerId ?? triggerId(),
  }).toString();
}

/** The fields every interaction payload carries: the app, the workspace and who acted. */
function interactionCommon(actor: SlackActor) {
  return {
    api_app_id: 'A0BOSUN',
    token: 'deprecated-verification-token',
    team: { id: actor.teamId ?? 'T0LOCAL', domain: 'bosun-local' },
    user: { id: actor.userId, username: actor.userName ?? actor.userId.toLowerCase(), team_id: 'T0LOCAL' },
  };
}

/** A `block_actions` payload for one button or checkbox press. */
export function blockActionBody(args: {
  actionId: string;
  blockId?: string | undefined;
  value?: string;
  selected?: string[];
  actor: SlackActor;
  responseUrl: string;
  message?: { ts: string; blocks?: unknown[] };
}): string {
  const action =
    args.selected !== undefined
      ? {
          type: 'checkboxes',
          action_id: args.actionId,
          block_id: args.blockId ?? 'b',
          selected_options: args.selected.map((v) => ({ value: v, text: { type: 'mrkdwn', text: v } })),
          action_ts: `${Date.now() / 1000}`,
        }
      : {
          type: 'button',
          action_id: args.actionId,
          block_id: args.blockId ?? 'b',
          value: args.value ?? '',
          text: { type: 'plain_text', text: args.actionId },
          action_ts: `${Date.now() / 1000}`,
        };
  const payload = {
    type: 'block_actions',
    ...interactionCommon(args.actor),
    channel: { id: args.actor.channelId, name: 'sails' },
    container: {
      type: 'message',
      message_ts: args.message?.ts ?? '1700000000.000100',
      channel_id: args.actor.channelId,
    },
    message: {
      type: 'message',
      ts: args.message?.ts ?? '1700000000.000100',
      blocks: args.message?.blocks ?? [],
    },
    trigger_id: triggerId(),
    response_url: args.responseUrl,
    actions: [action],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A `view_submission` payload with the given state values. */
export function viewSubmissionBody(args: {
  callbackId: string;
  values: Record<string, Record<string, unknown>>;
  privateMetadata?: string;
  actor: SlackActor;
}): string {
  const payload = {
    type: 'view_submission',
    ...interactionCommon(args.actor),
    trigger_id: triggerId(),
    view: {
      id: `V${randomBytes(5).toString('hex').toUpperCase()}`,
      type: 'modal',
      callback_id: args.callbackId,
      private_metadata: args.privateMetadata ?? '',
      state: { values: args.values },
      hash: '1',
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
