/**
 * The Block Kit shapes Bosun builds, typed from Bolt's own `@slack/types`.
 * @see https://api.slack.com/reference/block-kit/blocks
 */
import type { types } from '@slack/bolt';

/** Any top-level block. */
export type Block = types.KnownBlock;
/** A message Bosun posts or updates. */
export interface MessageBody {
  text: string;
  blocks: Block[];
}

/** Slack's limit on a section's text. @see https://api.slack.com/reference/block-kit/blocks#section */
export const SECTION_TEXT_LIMIT = 3000;
/** Slack's limit on blocks per message. */
export const MESSAGE_BLOCK_LIMIT = 50;

/** Cuts text to Slack's section limit, marking the cut. */
export function clip(s: string, limit: number = SECTION_TEXT_LIMIT): string {
  return s.length <= limit ? s : `${s.slice(0, limit - 1)}…`;
}

/** A mrkdwn section. */
export function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text) } };
}

/** A context line. */
export function context(text: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text) }] };
}

/** A button. */
export function button(
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): types.Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text, emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}
