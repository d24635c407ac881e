/** The fleet use cases' outcomes in Slack's words, for the admin who asked (ephemeral). */
import type { Config } from '../../config';
import type { VesselChange } from '../../fleet/settings';
import type { Vessel } from '../../fleet/vessel';
import type { Sail } from '../../sails/types';
import type {
  AddVesselOutcome,
  CrewListOutcome,
  NoSuchVessel,
  RetireVesselOutcome,
  SetVesselOutcome,
} from '../../usecases/fleet';
import { sailHeadline } from '../blocks/sail-card';
import { adminOnly, type Reply } from '../context';
import { escapeMrkdwn, mention } from '../escape';

/** The reply for a vessel id the fleet does not have. */
export function unknownVessel(o: NoSuchVessel): string {
  return `There is no vessel "${escapeMrkdwn(o.vesselId)}". ${
    o.known.length
      ? `The fleet has: ${o.known.join(', ')}.`
      : 'The fleet is empty: add one with `/fleet add <vessel-id> <name…>`.'
  }`;
}

function missingText(v: Vessel, missing: readonly string[]): string {
  return missing.length
    ? `\nIt takes no sails until it has a home port and time zone: \`/fleet set ${v.id} ${missing.map((k) => `${k}=…`).join(' ')}\`, e.g. \`/fleet set ${v.id} port="Shelter Island" lat=32.71 lng=-117.23 zone=America/Los_Angeles\`.`
    : '';
}

function changeList(changes: readonly VesselChange[]): string {
  const show = (s: string | undefined) => (s === undefined ? '_unset_' : `"${escapeMrkdwn(s)}"`);
  return changes
    .map((c) =>
      c.key === 'checklist' && (c.from === undefined || c.to === undefined)
        ? `• checklist ${c.from === undefined ? `+ ${show(c.to)}` : `− ${show(c.from)}`}`
        : `• ${c.key}: ${show(c.from)} → ${show(c.to)}`,
    )
    .join('\n');
}

function sailsList(sails: readonly Sail[]): string {
  const shown = sails.slice(0, 10).map((s) => `• ${sailHeadline(s)}`);
  return `${shown.join('\n')}${sails.length > shown.length ? `\n…and ${sails.length - shown.length} more` : ''}`;
}

/** `/fleet add`. */
export function renderAddVessel(o: AddVesselOutcome, config: Config): Reply {
  switch (o.kind) {
    case 'not_admin':
      return adminOnly(o.what, config);
    case 'invalid':
      return `${escapeMrkdwn(o.message)} Nothing was changed.`;
    case 'exists':
      return `The fleet already has \`${o.vessel.id}\` (${escapeMrkdwn(o.vessel.name)}). Change it with \`/fleet set ${o.vessel.id} key=value…\`.`;
    case 'changed_meanwhile':
      return `\`${o.vesselId}\` changed while I was adding it. Nothing was changed; \`/fleet show ${o.vesselId}\` and try again.`;
    case 'added': {
      const v = o.vessel;
      return `${o.revived ? 'Back in service' : 'Added'}: *${escapeMrkdwn(v.name)}* (\`${v.id}\`), ${v.kind}, up to ${v.guestCapacity} guest${v.guestCapacity === 1 ? '' : 's'} and ${v.maxCrew} crew.${missingText(v, o.missing)}`;
    }
  }
}

/** `/fleet set`. */
export function renderSetVessel(o: SetVesselOutcome, config: Config): Reply {
  switch (o.kind) {
    case 'not_admin':
      return adminOnly(o.what, config);
    case 'no_such_vessel':
      return unknownVessel(o);
    case 'changed_meanwhile':
      return `\`${o.vesselId}\` changed while I was changing it. Nothing was changed; \`/fleet show ${o.vesselId}\` and try again.`;
    case 'invalid':
      return `${escapeMrkdwn(o.message)} Nothing was changed.`;
    case 'unchanged':
      return `${escapeMrkdwn(o.vessel.name)} already has those values; nothing to change.`;
    case 'updated': {
      const v = o.vessel;
      const kept = o.keptTimes.length
        ? `\nSails already planned on it keep their times (\`/sail edit <id> <YYYY-MM-DD>\` works one out again at the new port):\n${sailsList(o.keptTimes)}`
        : '';
      return `Changed *${escapeMrkdwn(v.name)}* (\`${v.id}\`):\n${changeList(o.changes)}${kept}${missingText(v, o.missing)}`;
    }
  }
}

/** `/fleet retire`. */
export function renderRetireVessel(o: RetireVesselOutcome, config: Config): Reply {
  switch (o.kind) {
    case 'not_admin':
      return adminOnly(o.what, config);
    case 'no_such_vessel':
      return unknownVessel(o);
    case 'changed_meanwhile':
      return `\`${o.vesselId}\` changed while I was retiring it. Nothing was changed; try again.`;
    case 'already_retired':
      return `${escapeMrkdwn(o.vessel.name)} is already retired. \`/fleet add ${o.vessel.id} <name…>\` brings it back.`;
    case 'retired': {
      const v = o.vessel;
      const planned = o.planned.length
        ? `\n:warning: ${o.planned.length} sail${o.planned.length === 1 ? ' is' : 's are'} still planned on it; move each with \`/sail edit <id> vessel=<other>\` or cancel it:\n${sailsList(o.planned)}`
        : '';
      return `Retired *${escapeMrkdwn(v.name)}* (\`${v.id}\`): no new sails on it. \`/fleet add ${v.id} <name…>\` brings it back.${planned}`;
    }
  }
}

const listWords = {
  regulars: {
    what: 'regular crew',
    empty: "nobody (nobody is DM'd about its open roles)",
    set: "are DM'd when one of its sails has open roles",
  },
  captains: {
    what: 'captains',
    empty: 'nobody listed (anyone may claim Captain)',
    set: 'may claim Captain on its sails; others are refused (an admin can still designate anyone)',
  },
} as const;

/** `/fleet regulars` and `/fleet captains`. */
export function renderCrewList(o: CrewListOutcome, config: Config): Reply {
  switch (o.kind) {
    case 'not_admin':
      return adminOnly(o.what, config);
    case 'no_such_vessel':
      return unknownVessel(o);
    case 'changed_meanwhile':
      return `\`${o.vesselId}\` changed meanwhile. Nothing was changed; try again.`;
    default: {
      const w = listWords[o.list];
      const v = o.vessel;
      const people = v[o.list].length ? v[o.list].map(mention).join(', ') : w.empty;
      if (o.kind === 'shown') {
        return `${escapeMrkdwn(v.name)}'s ${w.what}: ${people}. Set them with \`/fleet ${o.list} ${v.id} @person…\`, or clear with \`/fleet ${o.list} ${v.id} none\`.`;
      }
      if (o.kind === 'unchanged') return `${escapeMrkdwn(v.name)}'s ${w.what} already are: ${people}.`;
      return v[o.list].length
        ? `${escapeMrkdwn(v.name)}'s ${w.what} are now ${people}: they ${w.set}.`
        : `${escapeMrkdwn(v.name)} has no ${w.what} now: ${w.empty}.`;
    }
  }
}

/** The `/fleet` form's save: an add or a set, whichever it was. */
export function renderSaveVessel(o: AddVesselOutcome | SetVesselOutcome, config: Config): Reply {
  switch (o.kind) {
    case 'added':
    case 'exists':
      return renderAddVessel(o, config);
    case 'not_admin':
      return adminOnly(o.what, config);
    case 'invalid':
      return `${escapeMrkdwn(o.message)} Nothing was changed.`;
    case 'changed_meanwhile':
      return `\`${o.vesselId}\` changed meanwhile. Nothing was changed; try again.`;
    default:
      return renderSetVessel(o, config);
  }
}
