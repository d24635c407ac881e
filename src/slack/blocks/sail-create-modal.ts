/**
 * The "Plan a sail" modal that `/sail create` opens with no text. Its fields go through the same
 * `validateDraft` as the inline grammar, so both give the same answers.
 * @see https://api.slack.com/reference/surfaces/views
 */
import type { types } from '@slack/bolt';
import type { Vessel } from '../../fleet/vessel';
import { draftDefaults, draftLimits, formatDuration } from '../../sails/parse';
import { localDate } from '../../sails/timing';
import { callbackIds, sailCreateFields as f } from '../ids';

const input = (
  block: string,
  label: string,
  element: types.InputBlockElement,
  opts: { optional?: boolean; hint?: string } = {},
): types.InputBlock => ({
  type: 'input',
  block_id: block,
  label: { type: 'plain_text', text: label },
  element,
  optional: opts.optional ?? false,
  ...(opts.hint ? { hint: { type: 'plain_text', text: opts.hint } } : {}),
});

const option = (text: string, value: string): types.PlainTextOption => ({
  text: { type: 'plain_text', text },
  value,
});

/** Options a static select takes. @see https://api.slack.com/reference/block-kit/block-elements#static_select */
const MAX_OPTIONS = 100;

/**
 * Builds the modal over the vessels in service (the first is chosen), with tomorrow in the first
 * vessel's zone as the initial date.
 */
export function sailCreateModal(now: Date, vessels: readonly Vessel[]): types.ModalView {
  const zone = vessels.find((v) => v.zone)?.zone ?? 'UTC';
  const tomorrow = localDate(new Date(now.getTime() + 24 * 3600_000), zone);
  const vesselOptions = vessels.slice(0, MAX_OPTIONS).map((v) => option(v.name.slice(0, 75), v.id));
  const sunset = option('At sunset (times worked out around it)', 'sunset');
  const fixed = option('At a fixed time (below)', 'fixed');
  return {
    type: 'modal',
    callback_id: callbackIds.sailCreate,
    title: { type: 'plain_text', text: 'Plan a sail' },
    submit: { type: 'plain_text', text: 'Create' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      input(f.date.block, 'Date', { type: 'datepicker', action_id: f.date.action, initial_date: tomorrow }),
      input(f.start.block, 'Departure', {
        type: 'static_select',
        action_id: f.start.action,
        options: [sunset, fixed],
        initial_option: sunset,
      }),
      input(
        f.time.block,
        'Fixed departure time',
        { type: 'timepicker', action_id: f.time.action, initial_time: '10:00' },
        { optional: true, hint: 'Used only for a fixed-time departure, in the vessel’s time zone.' },
      ),
      input(
        f.duration.block,
        'Duration',
        {
          type: 'plain_text_input',
          action_id: f.duration.action,
          initial_value: formatDuration(draftDefaults.durationMinutes),
        },
        { hint: 'Like 2h, 90m or 2h30m (at most 12h).' },
      ),
      input(f.crew.block, 'Crew slots (besides the captain)', {
        type: 'number_input',
        action_id: f.crew.action,
        is_decimal_allowed: false,
        min_value: '0',
        max_value: String(draftLimits.maxCrew),
        initial_value: String(draftDefaults.crewCount),
      }),
      input(f.guests.block, 'Guest capacity', {
        type: 'number_input',
        action_id: f.guests.action,
        is_decimal_allowed: false,
        min_value: '0',
        // The largest any vessel takes; the submission then checks the chosen vessel's own limit.
        max_value: String(
          Math.min(draftLimits.maxGuests, Math.max(0, ...vessels.map((v) => v.guestCapacity))),
        ),
        initial_value: String(draftDefaults.guestCapacity),
      }),
      input(f.vessel.block, 'Vessel', {
        type: 'static_select',
        action_id: f.vessel.action,
        options: vesselOptions,
        ...(vesselOptions[0] ? { initial_option: vesselOptions[0] } : {}),
      }),
      input(
        f.title.block,
        'Title',
        { type: 'plain_text_input', action_id: f.title.action, max_length: draftLimits.maxTitleLength },
        { optional: true },
      ),
      input(
        f.force.block,
        'Double booking',
        {
          type: 'checkboxes',
          action_id: f.force.action,
          options: [
            {
              text: { type: 'plain_text', text: 'Create it even if the vessel is already out then' },
              value: 'force',
            },
          ],
        },
        { optional: true },
      ),
    ],
  };
}
