/** A tick or untick on the checklist: records who and when, and redraws the message for everyone. */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { checklistView } from '../../sails/checklist';
import { findVessel } from '../../sails/vessels';
import { checklistMessage } from '../blocks/checklist';
import type { SlackDeps } from '../context';
import { parseRosterValue } from './roster';

/** `checklist.toggle` */
export function checklistToggle(deps: SlackDeps) {
  return async ({ ack, action, body, client, respond }: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    if (action.type !== 'checkboxes' || body.type !== 'block_actions') return;
    const selected = new Set(action.selected_options.map((o) => o.value));
    const message = body.message;
    // Slack sends the group's whole selection; the message tells which items the group holds, and
    // comparing both with the store gives exactly the items this click changed.
    const groupValues = groupOptionValues(message, action.block_id);
    const parsed = parseRosterValue(action.selected_options[0]?.value ?? groupValues[0]);
    if (!parsed) return;
    const view = await deps.sails.get(parsed.sailId);
    if (!view) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `There is no sail ${parsed.sailId}.`,
      });
      return;
    }
    const vessel = findVessel(view.sail.vesselId);
    if (!vessel.ok) return;
    const lines = checklistView(vessel.value, view.checklist);
    const changed = lines.filter((l) => {
      const v = `${view.sail.id}:${l.id}`;
      return groupValues.includes(v) && selected.has(v) !== l.checked;
    });
    for (const line of changed) {
      await deps.sails.tickChecklist(view.sail.id, line.id, body.user.id, !line.checked);
    }
    const fresh = await deps.sails.get(view.sail.id);
    if (!fresh || !body.container?.message_ts || !body.channel?.id) return;
    await client.chat.update({
      channel: body.channel.id,
      ts: body.container.message_ts,
      ...checklistMessage(fresh.sail, checklistView(vessel.value, fresh.checklist)),
    });
  };
}

type MaybeMessage = { [key: string]: unknown; blocks?: unknown[] } | undefined;

function groupOptionValues(message: MaybeMessage, blockId: string): string[] {
  type Options = { options?: { value: string }[] };
  const block = (message?.blocks ?? []).find(
    (b): b is { block_id: string; elements?: Options[]; accessory?: Options } =>
      typeof b === 'object' && b !== null && (b as { block_id?: string }).block_id === blockId,
  );
  const elements = [...(block?.elements ?? []), ...(block?.accessory ? [block.accessory] : [])];
  return elements.flatMap((e) => (e.options ?? []).map((o) => o.value));
}
