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

/**
 * Builds the checklist message: one section per item with its own checkbox, and under the label
 * who ticked (or unticked) it and when, so every reader sees the latest state of every item.
 * Option values are `<sailId>:<itemId>`; block ids are `check-<itemId>`.
 */
export function checklistMessage(sail: Sail, lines: ChecklistLine[]): MessageBody {
  const zone = sailZone(sail);
  const when = (at: Date | undefined) => (at ? ` · ${formatLocal(at, zone, 'EEE d MMM HH:mm zzz')}` : '');
  const blocks: Block[] = [section(`*Pre-departure checklist* — ${escapeMrkdwn(sail.title)} (${sail.id})`)];
  for (const l of lines) {
    const done: types.MrkdwnOption = { text: { type: 'mrkdwn', text: 'Done' }, value: `${sail.id}:${l.id}` };
    const status = l.by
      ? l.checked
        ? `\n:white_check_mark: ${mention(l.by)}${when(l.at)}`
        : `\n_unticked by ${mention(l.by)}${when(l.at)}_`
      : '';
    blocks.push({
      type: 'section',
      block_id: `check-${l.id}`,
      text: { type: 'mrkdwn', text: `*${escapeMrkdwn(l.label)}*${status}` },
      accessory: {
        type: 'checkboxes',
        action_id: actionIds.checklistToggle,
        options: [done],
        ...(l.checked ? { initial_options: [done] } : {}),
      },
    });
  }
  const count = lines.filter((l) => l.checked).length;
  blocks.push(context(`${count}/${lines.length} done · everyone in the channel sees each tick`));
  return { text: `Checklist for ${sail.id}: ${count}/${lines.length} done`, blocks };
}
