/**
 * Every Block Kit builder, fed the largest inputs Bosun accepts (120-character titles, 20 crew,
 * long names, a 300-character hold reason, every checklist item ticked), stays inside Slack's
 * limits; a message that breaks one is refused by Slack with `invalid_blocks`.
 */
import { describe, expect, it } from 'vitest';
import { checklistForVessel, checklistView } from '../../src/sails/checklist';
import { slotsFor } from '../../src/sails/roster';
import type { Sail, Slot } from '../../src/sails/types';
import { defaultVessel } from '../../src/sails/vessels';
import { checklistMessage } from '../../src/slack/blocks/checklist';
import { crewCallDm, rolesDm, rolesThreadMessage, rosterDm } from '../../src/slack/blocks/nudges';
import { sailCard } from '../../src/slack/blocks/sail-card';
import { sailCreateModal } from '../../src/slack/blocks/sail-create-modal';
import { sailListMessage } from '../../src/slack/blocks/sail-list';
import { guestAddModal } from '../../src/slack/guests';
import { blockKitProblems } from '../support/block-kit';

const at = (iso: string) => new Date(iso);
const title = `${'Sunset & <b>stars</b> '.repeat(6)}`.slice(0, 120);
const sail: Sail = {
  id: 'S-7K2M9Q',
  title,
  date: '2026-12-12',
  start: 'sunset',
  durationMinutes: 150,
  crewCount: 20,
  guestCapacity: 150,
  vesselId: 'jada',
  status: 'on_hold',
  holdReason: 'Small craft advisory; '.repeat(14).slice(0, 300),
  crewCallAt: at('2026-12-12T22:15:00Z'),
  departAt: at('2026-12-12T23:00:00Z'),
  sunsetAt: at('2026-12-13T00:43:00Z'),
  civilDuskAt: at('2026-12-13T01:10:00Z'),
  returnAt: at('2026-12-13T01:30:00Z'),
  createdBy: 'UADMIN0001',
  createdAt: at('2026-12-01T20:00:00Z'),
  version: 3,
};
const ids = slotsFor(20);
const held: Slot[] = ids.map((slotId, i) => ({
  sailId: sail.id,
  slotId,
  holder: `UCREW${String(i).padStart(5, '0')}`,
}));
const open: Slot[] = ids.map((slotId) => ({ sailId: sail.id, slotId }));
const longName = 'Maximiliana '.repeat(10).slice(0, 120);
const guests = Array.from({ length: 150 }, (_, i) => ({ name: `${longName}${i}`, signed: i % 2 === 0 }));

function expectValid(blocks: unknown, maxBlocks?: number) {
  expect(blockKitProblems(blocks, maxBlocks ? { maxBlocks } : {})).toEqual([]);
}

describe('Block Kit limits at the largest inputs', () => {
  it('the sail card: 20 crew held or open, 150 guests with long names, a long hold reason', () => {
    expectValid(sailCard({ sail, slots: held, guests: guests.slice(0, 12) }).blocks);
    expectValid(sailCard({ sail, slots: open }).blocks);
    // A bigger vessel's manifest: split into sections, none over 3000 characters, no one dropped.
    const big = sailCard({ sail, slots: open.slice(0, 5), guests: guests.slice(0, 100) });
    expectValid(big.blocks);
    expect(JSON.stringify(big.blocks)).toContain(`${longName}99`);
  });

  it('the checklist with every item ticked', () => {
    const vessel = defaultVessel();
    const ticks = checklistForVessel(vessel).map((i) => ({
      itemId: i.id,
      checked: true,
      by: 'UCREW00001',
      at: at('2026-12-12T21:00:00Z'),
    }));
    expectValid(checklistMessage(sail, checklistView(vessel, ticks)).blocks);
  });

  it('role nudges with every slot open: one claim button per block', () => {
    expectValid(rolesThreadMessage(sail, ids, '72h').blocks);
    expectValid(rolesDm(sail, ids).blocks);
    expectValid(crewCallDm(sail, 'crew-20').blocks);
    const roster = rosterDm(
      sail,
      held,
      guests
        .slice(0, 12)
        .map((g) => ({ name: g.name, status: g.signed ? ('signed' as const) : ('on_hold' as const) })),
      checklistView(defaultVessel(), []),
    );
    expectValid(roster.blocks);
  });

  it('/sail list with 30 long-titled sails shows every one of them', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      ...sail,
      id: `S-${String(i).padStart(6, '0')}`,
    }));
    const message = sailListMessage(many, 60, 31);
    expectValid(message.blocks);
    for (const s of many) expect(JSON.stringify(message.blocks)).toContain(s.id);
    expect(JSON.stringify(message.blocks)).toContain('and more');
  });

  it('the modals', () => {
    expectValid(sailCreateModal(at('2026-12-01T20:00:00Z')).blocks, 100);
    expectValid(guestAddModal(sail.id).blocks, 100);
    expect(sailCreateModal(at('2026-12-01T20:00:00Z')).title.text.length).toBeLessThanOrEqual(24);
  });

  it('the checker itself catches what Slack refuses', () => {
    expect(
      blockKitProblems([
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x' } },
            { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'y' } },
          ],
        },
        { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } },
        {
          type: 'actions',
          elements: [
            {
              type: 'checkboxes',
              action_id: 'c',
              options: [{ text: { type: 'mrkdwn', text: 'x'.repeat(76) }, value: 'v' }],
            },
          ],
        },
      ]),
    ).toHaveLength(3);
  });
});
