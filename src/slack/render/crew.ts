/**
 * The crew workflow's outcomes in Slack's words, for the person who asked (ephemeral): cover
 * requests, the waitlist, muted reminders, weekly series. Every sentence says what to do next.
 */
import type { Config } from '../../config';
import { describeReminders, type ReminderWindows } from '../../crew/rules';
import { slotLabel } from '../../sails/roster';
import { weekdayName } from '../../sails/series';
import type { RequestCoverOutcome, TakeOverOutcome, WithdrawCoverOutcome } from '../../usecases/cover';
import type { MuteOutcome } from '../../usecases/mute';
import type { CancelSeriesOutcome, CreateSeriesOutcome } from '../../usecases/series';
import type { JoinWaitlistOutcome, LeaveWaitlistOutcome } from '../../usecases/waitlist';
import { sailHeadline, sailTime, sailZone } from '../blocks/sail-card';
import { adminOnly } from '../context';
import { escapeMrkdwn, mention } from '../escape';
import { unknownSail } from './outcomes';

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** `/crew cover`. */
export function renderRequestCover(o: RequestCoverOutcome): string {
  switch (o.kind) {
    case 'no_such_sail':
      return unknownSail(o.sailId);
    case 'no_such_slot':
      return `${escapeMrkdwn(o.role)} is not a slot on ${o.sailId}. Slots: ${o.slots.join(', ')}.`;
    case 'no_crew_slot':
      return `You hold no crew slot on ${o.sailId}. Name the slot: \`/crew cover ${o.sailId} <slot>\`.`;
    case 'open_slot':
      return `${slotLabel(o.slotId)} on ${o.sailId} is open: there is nobody to cover. Anyone can claim it from the card.`;
    case 'not_holder':
      return `${o.slotId} on ${o.sailId} is held by ${o.holder ? mention(o.holder) : 'someone else'}; only they or an admin can ask for cover.`;
    case 'already_asked':
      return `Cover for ${slotLabel(o.slotId)} on ${o.sailId} was asked already; it is in the card's thread. Withdraw it with \`/crew cover ${o.sailId} ${o.slotId} withdraw\`.`;
    case 'closed':
      return `${o.sailId} is ${o.cancelled ? 'cancelled' : 'closed'}: there is nothing to cover.`;
    case 'requested': {
      const asked =
        o.asked > 0
          ? ` and ${people(o.asked)} free then ${o.asked === 1 ? 'is' : 'are'} being asked by DM`
          : '';
      return `Asked for cover of ${slotLabel(o.slotId)} on ${o.sailId}: the request is going up in the card's thread${asked}. ${mention(o.requester)} keeps the role until someone takes over. Changed your mind? \`/crew cover ${o.sailId} ${o.slotId} withdraw\`.`;
    }
  }
}

/** The Take-over button. */
export function renderTakeOver(o: TakeOverOutcome): string {
  switch (o.kind) {
    case 'no_such_sail':
      return unknownSail(o.sailId);
    case 'no_request':
      return `Nobody asked for cover of ${o.slotId} on ${o.sailId}. \`/sail show ${o.sailId}\` shows what is open.`;
    case 'covered':
      return o.self
        ? `You already cover ${slotLabel(o.slotId)} on ${o.sailId}.`
        : `Too late: ${slotLabel(o.slotId)} on ${o.sailId} is already covered${o.by ? ` by ${mention(o.by)}` : ''}. Thanks for offering! \`/sail list\` shows other sails that need crew.`;
    case 'withdrawn':
      return `That request was withdrawn: ${slotLabel(o.slotId)} on ${o.sailId} no longer needs cover.`;
    case 'stale':
      return `${mention(o.requester)} no longer holds ${slotLabel(o.slotId)} on ${o.sailId}; if it is open, claim it from the card.`;
    case 'own_request':
      return `That is your own request. To keep the role after all, withdraw it: \`/crew cover ${o.sailId} ${o.slotId} withdraw\`.`;
    case 'not_captain':
      return `Only the vessel's listed captains can take over Captain${o.captains.length ? ` (${o.captains.map(mention).join(', ')})` : ''}. Ask an admin if you should be on that list.`;
    case 'already_member':
      return `You already hold ${o.slotId} on ${o.sailId}; one role per person per sail. Release it first with \`/crew release ${o.sailId} ${o.slotId}\`.`;
    case 'closed':
      return `${o.sailId} is ${o.cancelled ? 'cancelled' : 'closed'}; its roles are closed.`;
    case 'taken_over':
      return `You are now ${slotLabel(o.slotId)} on ${o.sailId}, taking over from ${mention(o.from)}. Thanks! Release with \`/crew release ${o.sailId} ${o.slotId}\` if plans change.`;
  }
}

/** Withdrawing a cover request. */
export function renderWithdrawCover(o: WithdrawCoverOutcome): string {
  switch (o.kind) {
    case 'no_such_sail':
      return unknownSail(o.sailId);
    case 'no_request':
      return `There is no cover request for ${escapeMrkdwn(o.slotId)} on ${o.sailId}.`;
    case 'not_requester':
      return `Only ${mention(o.requester)} (who asked) or an admin can withdraw that request.`;
    case 'already_closed':
      return o.status === 'covered'
        ? `Too late to withdraw: ${slotLabel(o.slotId)} on ${o.sailId} is already covered${o.by ? ` by ${mention(o.by)}` : ''}.`
        : `That request for ${slotLabel(o.slotId)} on ${o.sailId} is already closed.`;
    case 'withdrawn':
      return `Withdrawn: ${mention(o.requester)} keeps ${slotLabel(o.slotId)} on ${o.sailId}.`;
  }
}

/** "Join the waitlist". */
export function renderJoinWaitlist(o: JoinWaitlistOutcome): string {
  switch (o.kind) {
    case 'no_such_sail':
      return unknownSail(o.sailId);
    case 'closed':
      return escapeMrkdwn(o.message);
    case 'aboard':
      return `You already hold ${o.slotId} on ${o.sailId}: no need to wait.`;
    case 'no_crew':
      return `${o.sailId} has no crew slots, so it has no waitlist.`;
    case 'not_full':
      return `No need to wait: ${o.free.join(', ') || 'a crew slot'} on ${o.sailId} ${o.free.length > 1 ? 'are' : 'is'} free. Claim one with \`/crew claim ${o.sailId} crew\`.`;
    case 'already_waiting':
      return `You are already on the waitlist of ${o.sailId} (number ${o.place} in line). Leave it with \`/crew waitlist ${o.sailId} leave\`.`;
    case 'joined':
      return `You are on the waitlist of ${o.sailId}, number ${o.place} in line. When a crew slot frees, the first in line gets a DM and the slot is held for them for a while. Leave with \`/crew waitlist ${o.sailId} leave\`.`;
  }
}

/** Leaving the waitlist, or letting a held slot pass. */
export function renderLeaveWaitlist(
  o: LeaveWaitlistOutcome | { kind: 'no_hold'; sailId: string; slotId: string },
): string {
  switch (o.kind) {
    case 'no_such_sail':
      return unknownSail(o.sailId);
    case 'not_waiting':
      return `You are not on the waitlist of ${o.sailId}.`;
    case 'no_hold':
      return `${slotLabel(o.slotId)} on ${o.sailId} is not held for you (any more).`;
    case 'left':
      return `You are off the waitlist of ${o.sailId}.${o.passedOn ? ` The slot held for you went to ${mention(o.passedOn)}.` : ''}`;
  }
}

/** Muting a sail's reminders. */
export function renderMute(o: MuteOutcome): string {
  switch (o.kind) {
    case 'no_such_sail':
      return unknownSail(o.sailId);
    case 'not_aboard':
      return `You hold no role on ${o.sailId}, so there is nothing of yours to mute.`;
    case 'muted':
      return o.muted
        ? `${o.already ? 'Already muted' : 'Muted'}: no more reminders about ${o.sailId}, except the crew-call reminder. Undo with \`/crew unmute ${o.sailId}\`.`
        : `${o.already ? 'Not muted' : 'Unmuted'}: you get the reminders about ${o.sailId} again.`;
  }
}

/** A vessel's reminder windows. */
export function renderReminders(vesselId: string, windows: ReminderWindows): string {
  return `Reminders for ${escapeMrkdwn(vesselId)}: ${describeReminders(windows)}. Admins change them with \`/fleet set ${escapeMrkdwn(vesselId)} reminders=72h,24h,6h\`.`;
}

/** `/sail create … every=… until=…`. */
export function renderCreateSeries(o: CreateSeriesOutcome, config: Config): string {
  switch (o.kind) {
    case 'not_admin':
      return adminOnly(o.what, config);
    case 'invalid':
      return escapeMrkdwn(o.message);
    case 'created_series': {
      const first = o.sails[0];
      const last = o.sails[o.sails.length - 1];
      const list = o.sails.map((s) => `${s.date} ${s.sailId}`).join(', ');
      const head = `Created a weekly series of ${o.sails.length} sail${o.sails.length === 1 ? '' : 's'} on ${weekdayName(o.rule.weekday)}s, ${first?.date} to ${last?.date}: ${list}. The cards are being posted in <#${o.channel}>.`;
      const failed = o.failed.length
        ? `\n:warning: Not created: ${o.failed.map((f) => `${f.date} (${escapeMrkdwn(f.error)})`).join('; ')}.`
        : '';
      const clashes = o.clashes.length
        ? `\n:warning: The vessel is already out then: ${o.clashes
            .map(
              (c) =>
                `${c.date}: ${sailHeadline(c.sail)} (until ${sailTime(c.sail.returnAt, sailZone(c.sail))})`,
            )
            .join('; ')}. Cancel one of them if that is a mistake.`
        : '';
      return `${head}${failed}${clashes}`;
    }
  }
}

/** `/sail cancel <id> series`. */
export function renderCancelSeries(o: CancelSeriesOutcome, config: Config): string {
  switch (o.kind) {
    case 'not_admin':
      return adminOnly(o.what, config);
    case 'no_such_sail':
      return unknownSail(o.sailId);
    case 'not_in_series':
      return `${o.sailId} is not part of a series. Cancel it alone with \`/sail cancel ${o.sailId}\`.`;
    case 'series_cancelled': {
      const told = o.crewTold ? ` ${o.crewTold} crew DMs.` : '';
      const guests = o.guestsTold ? ` ${o.guestsTold} guest emails on their way.` : '';
      const skipped = o.skipped.length
        ? ` Not changed: ${o.skipped.map((s) => `${s.sailId} (${escapeMrkdwn(s.message)})`).join('; ')}.`
        : '';
      return o.cancelled.length
        ? `Cancelled ${o.cancelled.length} sail${o.cancelled.length === 1 ? '' : 's'} of the series from ${o.sailId} on: ${o.cancelled.join(', ')}.${told}${guests}${skipped}`
        : `Nothing to cancel: the rest of the series is already cancelled or gone.${skipped}`;
    }
  }
}
