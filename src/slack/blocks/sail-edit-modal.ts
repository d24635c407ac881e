/**
 * The "Edit sail" modal an admin opens from the App Home: the create modal's fields, filled with
 * the sail's current values. Its submission (`views/sail-edit.ts`) turns the fields that changed
 * into `/sail edit <id> …`, so a form and a typed command are one grammar and one code path.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { formatDuration } from '../../sails/parse';
import type { Sail } from '../../sails/types';
import { callbackIds, sailCreateFields as f } from '../ids';
import { sailCreateModal } from './sail-create-modal';

/** The values the form started from, as `/sail edit` tokens would write them. */
export const editOriginal = z.object({
  date: z.string(),
  start: z.string(),
  duration: z.string(),
  crew: z.string(),
  guests: z.string(),
  vessel: z.string(),
  title: z.string(),
});
export type EditOriginal = z.infer<typeof editOriginal>;

/** What the modal carries to its submission. */
export const editMetadata = z.object({
  sailId: z.string(),
  /** The home page it was opened from, republished after the edit. */
  page: z.number().int().min(0),
  original: editOriginal,
});
export type EditMetadata = z.infer<typeof editMetadata>;

/** A sail's editable values in the command's words. */
export function originalOf(sail: Sail): EditOriginal {
  return {
    date: sail.date,
    start: sail.start,
    duration: formatDuration(sail.durationMinutes),
    crew: String(sail.crewCount),
    guests: String(sail.guestCapacity),
    vessel: sail.vesselId,
    title: sail.title,
  };
}

function prefilled(block: types.KnownBlock, o: EditOriginal): types.KnownBlock {
  if (block.type !== 'input') return block;
  const e = block.element;
  const fixed = o.start !== 'sunset';
  switch (block.block_id) {
    case f.date.block:
      return e.type === 'datepicker' ? { ...block, element: { ...e, initial_date: o.date } } : block;
    case f.start.block: {
      if (e.type !== 'static_select') return block;
      const choice = e.options?.find((opt) => opt.value === (fixed ? 'fixed' : 'sunset'));
      return choice ? { ...block, element: { ...e, initial_option: choice } } : block;
    }
    case f.time.block:
      return e.type === 'timepicker' && fixed
        ? { ...block, element: { ...e, initial_time: o.start } }
        : block;
    case f.duration.block:
    case f.title.block:
      return e.type === 'plain_text_input'
        ? {
            ...block,
            element: { ...e, initial_value: block.block_id === f.title.block ? o.title : o.duration },
          }
        : block;
    case f.crew.block:
    case f.guests.block:
      return e.type === 'number_input'
        ? { ...block, element: { ...e, initial_value: block.block_id === f.crew.block ? o.crew : o.guests } }
        : block;
    case f.vessel.block: {
      if (e.type !== 'static_select') return block;
      const choice = e.options?.find((opt) => opt.value === o.vessel);
      return choice ? { ...block, element: { ...e, initial_option: choice } } : block;
    }
    default:
      return block;
  }
}

/** Builds the modal for a sail. */
export function sailEditModal(sail: Sail, opts: { now: Date; page: number }): types.ModalView {
  const original = originalOf(sail);
  const base = sailCreateModal(opts.now);
  const metadata: EditMetadata = { sailId: sail.id, page: opts.page, original };
  return {
    ...base,
    callback_id: callbackIds.sailEdit,
    title: { type: 'plain_text', text: `Edit ${sail.id}` },
    submit: { type: 'plain_text', text: 'Save' },
    private_metadata: JSON.stringify(metadata),
    blocks: base.blocks.map((b) => prefilled(b as types.KnownBlock, original)),
  };
}
