/**
 * The App Home tab: the person's roles (Release), open roles they may claim (Claim), their
 * calendar link and, for admins, upcoming sails with fill and waiver status (Edit, Create) and the
 * fleet. The Claim and Release buttons are the card's own (`roster.claim` / `roster.release`,
 * value `<sailId>:<slotId>`), so the home and the card give the same answers.
 *
 * A page stays far inside Slack's 100 blocks (`homePage` sizes); "More" publishes the next page.
 * The page number rides in `private_metadata`, so an action from page 2 republishes page 2.
 * @see https://api.slack.com/surfaces/app-home
 * @see https://api.slack.com/reference/surfaces/views (100 blocks in a home tab)
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { type AdminSail, HOME_DAYS, type HomeModel, type HomeVessel, hasMore } from '../../home/model';
import { slotLabel } from '../../sails/roster';
import type { Sail } from '../../sails/types';
import { escapeMrkdwn } from '../escape';
import { actionIds } from '../ids';
import { sailHeadline } from './sail-card';
import { type Block, button, context, section } from './types';

/** Slack's limit on blocks in a home tab. */
export const HOME_BLOCK_LIMIT = 100;

/** Vessel lines per section. */
const VESSELS_PER_SECTION = 10;

/** What the home view carries for the next action: the page it shows. */
const homeMetadata = z.object({ page: z.number().int().min(0) });

/** The page a published home showed (0 when unknown). */
export function homePageOf(privateMetadata: string | undefined): number {
  try {
    const parsed = homeMetadata.safeParse(JSON.parse(privateMetadata ?? ''));
    return parsed.success ? parsed.data.page : 0;
  } catch {
    return 0;
  }
}

function stateMark(sail: Sail): string {
  if (sail.status === 'cancelled') return ' · :x: *Cancelled*';
  if (sail.status === 'on_hold') {
    return ` · :double_vertical_bar: On hold${sail.holdReason ? `: ${escapeMrkdwn(sail.holdReason)}` : ''}`;
  }
  return '';
}

function roleBlocks(home: HomeModel): Block[] {
  if (home.roles.length === 0) {
    return [
      section(
        home.page === 0
          ? 'You hold no upcoming roles. Claim one below, or see `/sail list`.'
          : '_No more roles on this page._',
      ),
    ];
  }
  return home.roles.map(({ sail, slotId }) => {
    const block = section(`*${slotLabel(slotId)}* on ${sailHeadline(sail)}${stateMark(sail)}`);
    if (sail.status !== 'cancelled') {
      block.accessory = button('Release', actionIds.rosterRelease, `${sail.id}:${slotId}`);
    }
    return block;
  });
}

function openRoleBlocks(home: HomeModel): Block[] {
  if (home.openRoles.length === 0) {
    return [
      section(
        home.page === 0
          ? `No open roles you can claim in the next ${HOME_DAYS} days.`
          : '_No more open roles on this page._',
      ),
    ];
  }
  return home.openRoles.map(({ sail, slotId, free }) => {
    const what = slotId === 'captain' ? 'Captain' : `Crew (${free} open)`;
    const block = section(`${sailHeadline(sail)} · ${what}${stateMark(sail)}`);
    block.accessory = button(
      slotId === 'captain' ? 'Claim Captain' : 'Claim',
      actionIds.rosterClaim,
      `${sail.id}:${slotId}`,
      'primary',
    );
    return block;
  });
}

function calendarBlock(home: HomeModel): Block {
  if (!home.calendarUrl) {
    const block = section(
      '*Your calendar*\nGet a private link that shows your sails in Google Calendar, Apple Calendar or Outlook.',
    );
    block.accessory = button('Get my calendar link', actionIds.homeCalendar, 'get');
    return block;
  }
  return section(
    `*Your calendar*\n<${home.calendarUrl}|Your private calendar feed> — add it to your calendar app as a subscription ("From URL" / "New Calendar Subscription"). Keep it to yourself; \`/crew calendar reset\` replaces it.`,
  );
}

function adminSailLine({ sail, crew, guests }: AdminSail): string {
  const waivers = guests.invited > 0 ? ` · Waivers ${guests.signed}/${guests.invited} signed` : '';
  return `${sailHeadline(sail)}${stateMark(sail)}\nCrew ${crew.held}/${crew.total} · Guests ${guests.seatsTaken}/${guests.capacity}${waivers}`;
}

function vesselLine(v: HomeVessel): string {
  const meet = v.meetingPlace ? ` · meet at ${escapeMrkdwn(v.meetingPlace)}` : '';
  const captains = v.captains?.length ? ` · ${v.captains.length} captains` : '';
  return `• *${escapeMrkdwn(v.name)}* (\`${v.id}\`) · ${escapeMrkdwn(v.homePort)} · up to ${v.guestCapacity} guests, ${v.maxCrew} crew${meet}${captains}`;
}

function adminBlocks(admin: NonNullable<HomeModel['admin']>, page: number): Block[] {
  const blocks: Block[] = [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Admin', emoji: false } },
    { type: 'actions', elements: [button('Create a sail', actionIds.homeSailCreate, 'create', 'primary')] },
    section(`*Upcoming sails* (next ${HOME_DAYS} days)`),
  ];
  if (admin.sails.length === 0) {
    blocks.push(section(page === 0 ? 'No sails planned yet.' : '_No more sails on this page._'));
  }
  for (const a of admin.sails) {
    const block = section(adminSailLine(a));
    if (a.sail.status !== 'cancelled') block.accessory = button('Edit', actionIds.homeSailEdit, a.sail.id);
    blocks.push(block);
  }
  blocks.push(section('*Fleet*'));
  if (admin.fleet.length === 0) blocks.push(section('No vessels yet.'));
  for (let i = 0; i < admin.fleet.length; i += VESSELS_PER_SECTION) {
    blocks.push(
      section(
        admin.fleet
          .slice(i, i + VESSELS_PER_SECTION)
          .map(vesselLine)
          .join('\n'),
      ),
    );
  }
  blocks.push(context('`/fleet` shows and changes the fleet; `/sail list 365` lists the whole year.'));
  return blocks;
}

/** Builds the home tab for one page. */
export function homeView(home: HomeModel, opts: { updatedAt: Date }): types.HomeView {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Your sails', emoji: false } },
  ];
  if (home.notice) blocks.push(context(home.notice));
  blocks.push(section('*Your upcoming roles*'), ...roleBlocks(home), { type: 'divider' });
  blocks.push(section('*Open roles you can claim*'), ...openRoleBlocks(home), { type: 'divider' });
  blocks.push(calendarBlock(home));
  if (home.admin) blocks.push(...adminBlocks(home.admin, home.page));
  const nav: types.Button[] = [];
  if (hasMore(home)) nav.push(button('More', actionIds.homeMore, String(home.page + 1)));
  if (home.page > 0) nav.push(button('Back to the first page', actionIds.homeFirst, '0'));
  blocks.push({ type: 'divider' });
  if (nav.length > 0) blocks.push({ type: 'actions', elements: nav });
  const stamp = Math.floor(opts.updatedAt.getTime() / 1000);
  blocks.push(
    context(
      `${home.page > 0 ? `Page ${home.page + 1} · ` : ''}Updated <!date^${stamp}^{date_short_pretty} {time}|${opts.updatedAt.toISOString()}>`,
    ),
  );
  return {
    type: 'home',
    callback_id: 'home',
    private_metadata: JSON.stringify({ page: home.page }),
    // The page sizes keep a page far below the limit; the cut is a guard, never the plan.
    blocks: blocks.slice(0, HOME_BLOCK_LIMIT),
  };
}
