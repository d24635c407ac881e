/**
 * The "Edit sail" modal's submission (opened from the App Home). The fields that changed become
 * the words of `/sail edit <id> …`, and the `/sail edit` sub-command does the rest: the same
 * validation, the same use case, the same answer. Its answer reaches the admin as a DM, and their
 * home is republished. A form where nothing changed, or a Bosun without `/sail edit`, is answered
 * in the form itself and nothing is written.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { keyed } from '../../effects/types';
import { type EditOriginal, editMetadata } from '../blocks/sail-edit-modal';
import { commandTable } from '../commands';
import { adminOnly, isAdmin, type Reply, type SlackServices } from '../context';
import { republishHome } from '../home';
import { commands, sailCreateFields as f } from '../ids';

const stateValue = z.object({
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_time: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
});
const viewState = z.record(z.string(), z.record(z.string(), stateValue));

/** The words of `/sail edit` for the fields that differ from where the form started. */
export function editWords(original: EditOriginal, now: EditOriginal): string[] {
  const words: string[] = [];
  if (now.date !== original.date) words.push(now.date);
  if (now.start !== original.start) words.push(now.start);
  if (now.duration !== original.duration) words.push(now.duration);
  if (now.crew !== original.crew) words.push(`crew=${now.crew}`);
  if (now.guests !== original.guests) words.push(`guests=${now.guests}`);
  if (now.vessel !== original.vessel) words.push(`vessel=${now.vessel}`);
  // The title is the grammar's last part: it goes last.
  if (now.title !== original.title) words.push(now.title);
  return words;
}

const textOf = (r: Reply | null | undefined) => (r ? (typeof r === 'string' ? r : r.text) : '');

/** Handles the submission. */
export function sailEditSubmission(services: SlackServices) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const userId = body.user.id;
    const error = (block: string, message: string) =>
      ack({ response_action: 'errors', errors: { [block]: message } });
    if (!isAdmin(services.config, userId)) {
      await error(f.date.block, adminOnly('edit sails', services.config));
      return;
    }
    let meta: z.infer<typeof editMetadata>;
    try {
      meta = editMetadata.parse(JSON.parse(view.private_metadata));
    } catch {
      await error(f.date.block, 'This form is out of date. Close it and press Edit again.');
      return;
    }
    const state = viewState.parse(view.state.values);
    const get = (block: string) => state[block]?.[block];
    const fixed = get(f.start.block)?.selected_option?.value === 'fixed';
    const time = get(f.time.block)?.selected_time ?? undefined;
    if (fixed && !time) {
      await error(f.time.block, 'Pick a departure time, or choose “At sunset”.');
      return;
    }
    const o = meta.original;
    const words = editWords(o, {
      date: get(f.date.block)?.selected_date ?? o.date,
      start: fixed && time ? time : 'sunset',
      duration: get(f.duration.block)?.value?.trim() || o.duration,
      crew: get(f.crew.block)?.value?.trim() || o.crew,
      guests: get(f.guests.block)?.value?.trim() || o.guests,
      vessel: get(f.vessel.block)?.selected_option?.value ?? o.vessel,
      title: get(f.title.block)?.value?.trim() || o.title,
    });
    if (words.length === 0) {
      await error(f.title.block, 'Nothing was changed. Change a field, or close the form.');
      return;
    }
    const team = body.team?.id ?? body.user.team_id ?? '';
    const edit = commandTable[commands.sail]?.(services, team).edit;
    if (!edit) {
      await error(f.date.block, 'Editing sails is not available in this version of Bosun yet.');
      return;
    }
    const requestKey = `view:${view.id}`;
    const rest = [meta.sailId, ...words].join(' ');
    const reply = await edit.run({
      args: rest.split(/\s+/),
      rest,
      team,
      userId,
      channelId: userId,
      triggerId: 'trigger_id' in body ? body.trigger_id : requestKey,
      requestKey,
      isAdmin: true,
      client,
      services,
    });
    const text = textOf(reply) || `Saved the changes to ${meta.sailId}.`;
    // The modal closes at once; what the edit came to reaches the admin as a DM, and the home shows it.
    await services.enqueue(team, [
      ...keyed(requestKey, [{ type: 'dm', userId, note: { kind: 'text', text } }]),
      ...republishHome(requestKey, userId, meta.page, text),
    ]);
    await ack();
  };
}
