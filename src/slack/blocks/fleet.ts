/**
 * The fleet in Slack: `/fleet list` (one line per vessel), `/fleet show` (every key, the people
 * lists and the latest changes with who and when), and the `/fleet` form. User text is escaped;
 * long lists are split so no section passes Slack's 3000 characters.
 */
import type { types } from '@slack/bolt';
import { fleetKeys, SETTINGS_USAGE, vesselLimits } from '../../fleet/settings';
import { missingForSails, type Vessel, vesselKinds } from '../../fleet/vessel';
import { draftLimits } from '../../sails/parse';
import { formatLocal } from '../../sails/timing';
import type { VesselChangeRecord } from '../../store/entities';
import { escapeMrkdwn, mention } from '../escape';
import { callbackIds, fleetFields as f } from '../ids';
import { type Block, context, type MessageBody, section } from './types';

const kindWord: Record<Vessel['kind'], string> = {
  'sailing-yacht': 'sailing yacht',
  'motor-yacht': 'motor yacht',
};

/** "San Diego (32.7157, -117.1611), America/Los_Angeles", or what is missing. */
export function homePortText(v: Vessel): string {
  const missing = missingForSails(v);
  const port = v.port
    ? `${escapeMrkdwn(v.port)}${v.lat !== undefined && v.lng !== undefined ? ` (${v.lat}, ${v.lng})` : ''}`
    : '';
  const parts = [port, v.zone ?? ''].filter(Boolean).join(', ');
  return missing.length
    ? `${parts ? `${parts}; ` : ''}_needs ${missing.join(', ')} before it can take sails_`
    : parts;
}

function tags(v: Vessel): string {
  return [v.retired ? ' · *retired*' : '', v.demo ? ' · _demo data from `npm start`_' : ''].join('');
}

const LINES_PER_SECTION = 15;

function chunked(head: string, lines: readonly string[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < lines.length || i === 0; i += LINES_PER_SECTION) {
    out.push(section(`${i === 0 ? head : ''}${lines.slice(i, i + LINES_PER_SECTION).join('\n')}`));
    if (lines.length === 0) break;
  }
  return out;
}

/** `/fleet list`. */
export function fleetListMessage(vessels: readonly Vessel[]): MessageBody {
  if (vessels.length === 0) {
    return {
      text: 'The fleet is empty.',
      blocks: [
        section(
          'The fleet is empty. Add a vessel with `/fleet add <vessel-id> <name…>`, or `/fleet` for a form.',
        ),
      ],
    };
  }
  const lines = vessels.map(
    (v) =>
      `• *${escapeMrkdwn(v.name)}* (\`${v.id}\`) · ${kindWord[v.kind]} · up to ${v.guestCapacity} guest${v.guestCapacity === 1 ? '' : 's'}, ${v.maxCrew} crew · ${homePortText(v)}${tags(v)}`,
  );
  return {
    text: `Fleet: ${vessels.map((v) => v.id).join(', ')}`,
    blocks: [
      ...chunked(`*The fleet* (${vessels.filter((v) => !v.retired).length} in service)\n`, lines),
      context(
        '`/fleet show <vessel>` for one vessel and its history; `/fleet set <vessel> key=value…` to change it.',
      ),
    ],
  };
}

function changeText(c: VesselChangeRecord['changes'][number]): string {
  const show = (s: string | undefined) => (s === undefined ? '_unset_' : escapeMrkdwn(s.slice(0, 80)));
  if (c.key === 'regulars' || c.key === 'captains') {
    const people = (s: string | undefined) => (s ? s.split(' ').map(mention).join(' ') : '_nobody_');
    return `${c.key} ${people(c.from)} → ${people(c.to)}`;
  }
  if (c.from === undefined) return `${c.key} ${c.key === 'checklist' ? '+ ' : '= '}${show(c.to)}`;
  if (c.to === undefined)
    return `${c.key} ${c.key === 'checklist' ? '− ' : ''}${show(c.from)}${c.key === 'checklist' ? '' : ' → _unset_'}`;
  return `${c.key} ${show(c.from)} → ${show(c.to)}`;
}

/** `/fleet show <vessel>`: every key, the people lists, the checklist and the latest changes. */
export function vesselMessage(v: Vessel, history: readonly VesselChangeRecord[]): MessageBody {
  const zone = v.zone ?? 'UTC';
  const when = (at: Date) => formatLocal(at, zone, 'EEE d MMM yyyy, HH:mm zzz');
  const people = (ids: readonly string[], none: string) => (ids.length ? ids.map(mention).join(', ') : none);
  const blocks: Block[] = [
    section(`*${escapeMrkdwn(v.name)}* (\`${v.id}\`)${tags(v)}`),
    section(
      [
        `*kind* ${kindWord[v.kind]}`,
        `*guests* ${v.guestCapacity} · *crew* ${v.maxCrew} besides the captain`,
        `*home port* ${homePortText(v)}`,
        `*meet* ${v.meet ? escapeMrkdwn(v.meet) : '_not set_'}`,
        `*parking* ${v.parking ? escapeMrkdwn(v.parking) : '_not set_'}`,
        `*bring* ${v.bring ? escapeMrkdwn(v.bring) : '_not set_'}`,
        `*regulars* ${people(v.regulars, "_none_ (nobody is DM'd about open roles)")}`,
        `*captains* ${people(v.captains, '_none listed_ (anyone may claim Captain)')}`,
      ].join('\n'),
    ),
    ...chunked(
      `*Checklist* (${v.checklist.length} item${v.checklist.length === 1 ? '' : 's'})\n`,
      v.checklist.map((i) => `• ${escapeMrkdwn(i.label)} \`${i.id}\``),
    ),
  ];
  const lines = history.map(
    (h) => `• ${when(h.at)} · ${mention(h.by)} ${h.action}: ${h.changes.map(changeText).join('; ') || '—'}`,
  );
  if (lines.length) blocks.push(...chunked('*Latest changes*\n', lines));
  blocks.push(
    context(
      `Last changed ${when(v.updatedAt)} by ${mention(v.updatedBy)} (version ${v.version}). Change with \`/fleet set ${v.id} key=value…\`.`,
    ),
  );
  return { text: `${v.name} (${v.id})`, blocks };
}

/** What `/fleet set help` and `/fleet` errors show. */
export const FLEET_SET_HELP = `Keys: ${fleetKeys.join(', ')}; values with spaces in double quotes. ${SETTINGS_USAGE}. An empty value (meet="") clears meet, parking, bring or port.`;

const text = (
  block: string,
  label: string,
  action: string,
  opts: { optional?: boolean; hint?: string; max?: number; placeholder?: string } = {},
): types.InputBlock => ({
  type: 'input',
  block_id: block,
  label: { type: 'plain_text', text: label },
  optional: opts.optional ?? true,
  element: {
    type: 'plain_text_input',
    action_id: action,
    ...(opts.max ? { max_length: opts.max } : {}),
    ...(opts.placeholder ? { placeholder: { type: 'plain_text', text: opts.placeholder } } : {}),
  },
  ...(opts.hint ? { hint: { type: 'plain_text', text: opts.hint } } : {}),
});

/**
 * The `/fleet` form: add a vessel, or change one (its id names it; blank fields keep what it has).
 * Its fields are the keys of `/fleet set`, checked the same way.
 */
export function fleetFormModal(): types.ModalView {
  const kindOption = (value: string, label: string): types.PlainTextOption => ({
    text: { type: 'plain_text', text: label },
    value,
  });
  return {
    type: 'modal',
    callback_id: callbackIds.fleetVessel,
    title: { type: 'plain_text', text: 'Add or change a vessel' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      text(f.id.block, 'Vessel id', f.id.action, {
        optional: false,
        max: 30,
        placeholder: 'sea-fever',
        hint: 'Lower-case letters, digits and dashes. An id the fleet has changes that vessel; blank fields keep what it has.',
      }),
      text(f.name.block, 'Name', f.name.action, { max: vesselLimits.name, hint: 'Needed for a new vessel.' }),
      {
        type: 'input',
        block_id: f.kind.block,
        optional: true,
        label: { type: 'plain_text', text: 'Kind' },
        element: {
          type: 'static_select',
          action_id: f.kind.action,
          options: [
            kindOption(vesselKinds.sailingYacht, 'Sailing yacht'),
            kindOption(vesselKinds.motorYacht, 'Motor yacht'),
          ],
        },
      },
      text(f.guests.block, 'Guest capacity', f.guests.action, {
        max: 3,
        hint: `0 to ${draftLimits.maxGuests}.`,
      }),
      text(f.crew.block, 'Crew besides the captain', f.crew.action, {
        max: 2,
        hint: `0 to ${draftLimits.maxCrew}.`,
      }),
      text(f.port.block, 'Home port', f.port.action, {
        max: vesselLimits.port,
        placeholder: 'Shelter Island',
      }),
      text(f.lat.block, 'Latitude', f.lat.action, { max: 12, hint: 'Decimal degrees; south is negative.' }),
      text(f.lng.block, 'Longitude', f.lng.action, { max: 13, hint: 'Decimal degrees; west is negative.' }),
      text(f.zone.block, 'Time zone', f.zone.action, { max: 40, placeholder: 'America/Los_Angeles' }),
      text(f.meet.block, 'Where to meet (dock, slip)', f.meet.action, { max: vesselLimits.text }),
      text(f.parking.block, 'Parking', f.parking.action, { max: vesselLimits.text }),
      text(f.bring.block, 'What to bring', f.bring.action, { max: vesselLimits.text }),
    ],
  };
}
