/**
 * The pre-departure checklist message: one checkbox group, each option showing who ticked it and
 * when. Checkbox groups hold at most 10 options, so longer lists are split.
 * @see https://api.slack.com/reference/block-kit/block-elements#checkboxes
 */
import type { types } from '@slack/bolt';
import type { ChecklistLine } from '../../sails/checklist';
import { formatLocal } from '../../sails/timing';
import type { Sail } from '../../sails/types';
import { escapeMrkdwn, mention } from '../escape';
import { actionIds } from '../ids';
import { sailZone } from './sail-card';
import { type Block, context, type MessageBody, section } from './types';

const PER_GROUP = 10;

/** Slack's limit on an option's text. */
const OPTION_TEXT_LIMIT = 75;

/**
 * Builds the checklist message; option values are `<sailId>:<itemId>`. An option's text is only
 * its label (Slack allows 75 characters); who ticked it and when go in a context line under its
 * group, where mentions render.
 */
export function checklistMessage(sail: Sail, lines: ChecklistLine[]): MessageBody {
  const zone = sailZone(sail);
  const option = (l: ChecklistLine): types.MrkdwnOption => ({
    text: { type: 'mrkdwn', text: `*${l.label.slice(0, OPTION_TEXT_LIMIT - 2)}*` },
    value: `${sail.id}:${l.id}`,
  });
  const blocks: Block[] = [section(`*Pre-departure checklist* — ${escapeMrkdwn(sail.title)} (${sail.id})`)];
  for (let i = 0; i < lines.length; i += PER_GROUP) {
    const group = lines.slice(i, i + PER_GROUP);
    const checked = group.filter((l) => l.checked);
    blocks.push({
      type: 'actions',
      block_id: `checklist-${i / PER_GROUP}`,
      elements: [
        {
          type: 'checkboxes',
          action_id: actionIds.checklistToggle,
          options: group.map(option),
          ...(checked.length ? { initial_options: checked.map(option) } : {}),
        },
      ],
    });
    const ticks = checked
      .filter((l) => l.by)
      .map(
        (l) =>
          `:white_check_mark: ${l.label} — ${mention(l.by ?? '')}${l.at ? ` ${formatLocal(l.at, zone, 'EEE d MMM HH:mm zzz')}` : ''}`,
      );
    if (ticks.length) blocks.push(context(ticks.join('\n')));
  }
  const done = lines.filter((l) => l.checked).length;
  blocks.push(context(`${done}/${lines.length} done · everyone in the channel sees each tick`));
  return { text: `Checklist for ${sail.id}: ${done}/${lines.length} done`, blocks };
}
