/**
 * Every Block Kit builder, fed the largest inputs Bosun accepts (120-character titles, 20 crew,
 * long names, a 300-character hold reason, every checklist item ticked), stays inside Slack's
 * limits; a message that breaks one is refused by Slack with `invalid_blocks`.
 */
import { describe, expect, it } from 'vitest';
import { vesselLimits } from '../../src/fleet/settings';
import { checklistView } from '../../src/sails/checklist';
import { slotsFor } from '../../src/sails/roster';
import type { Sail, Slot } from '../../src/sails/types';
import { checklistMessage } from '../../src/slack/blocks/checklist';
import { fleetFormModal, fleetListMessage, vesselMessage } from '../../src/slack/blocks/fleet';
import { crewCallDm, rolesDm, rolesThreadMessage, rosterDm } from '../../src/slack/blocks/nudges';
import { sailCard } from '../../src/slack/blocks/sail-card';
import { sailCreateModal } from '../../src/slack/blocks/sail-create-modal';
import { sailListMessage } from '../../src/slack/blocks/sail-list';
import { guestAddModal } from '../../src/slack/guests';
import { blockKitProblems } from '../support/block-kit';
import { JADA } from '../support/fleet';

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
  zone: 'America/Los_Angeles',
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

  it('the checklist with every item ticked, the default one and the longest a vessel may have', () => {
    const longest = {
      checklist: Array.from({ length: vesselLimits.checklistItems }, (_, i) => ({
        id: `item-${i}`,
        label: `${i} ${'Check & <tighten> '.repeat(10)}`.slice(0, vesselLimits.checklistLabel),
      })),
    };
    for (const vessel of [JADA, longest]) {
      const ticks = vessel.checklist.map((i) => ({
        itemId: i.id,
        checked: true,
        by: 'UCREW00001',
        at: at('2026-12-12T21:00:00Z'),
      }));
      expectValid(checklistMessage(sail, checklistView(vessel, ticks)).blocks);
    }
  });

  it('the fleet: a long list, a vessel with every key at its longest and its history, the form', () => {
    const text = 'Dock B & <slip> 12, '.repeat(20).slice(0, vesselLimits.text);
    const big = {
      ...JADA,
      name: 'N'.repeat(vesselLimits.name),
      port: 'P'.repeat(vesselLimits.port),
      meet: text,
      parking: text,
      bring: text,
      regulars: Array.from({ length: 40 }, (_, i) => `UREG${String(i).padStart(6, '0')}`),
      captains: Array.from({ length: 10 }, (_, i) => `UCAP${String(i).padStart(6, '0')}`),
      checklist: Array.from({ length: vesselLimits.checklistItems }, (_, i) => ({
        id: `item-${i}`,
        label: 'L'.repeat(vesselLimits.checklistLabel),
      })),
    };
    const fleet = Array.from({ length: 60 }, (_, i) => ({ ...big, id: `vessel-${i}` }));
    expectValid(fleetListMessage(fleet).blocks);
    const history = Array.from({ length: 10 }, (_, i) => ({
      vesselId: big.id,
      version: i + 1,
      by: 'UADMIN0001',
      at: at('2026-12-01T20:00:00Z'),
      action: 'set',
      changes: [
        { key: 'meet', from: text, to: text },
        { key: 'regulars', from: big.regulars.join(' '), to: big.regulars.join(' ') },
      ],
    }));
    expectValid(vesselMessage(big, history).blocks);
    expectValid(fleetFormModal().blocks, 100);
    expect(fleetFormModal().title.text.length).toBeLessThanOrEqual(24);
  });

  it('role nudges with every slot open: one claim button per block', () => {
    expectValid(rolesThreadMessage(sail, ids, '72h').blocks);
    expectValid(rolesDm(sail, ids, 'N'.repeat(vesselLimits.name)).blocks);
    expectValid(crewCallDm(sail, 'crew-20').blocks);
    const roster = rosterDm(
      sail,
      held,
      guests
        .slice(0, 12)
        .map((g) => ({ name: g.name, status: g.signed ? ('signed' as const) : ('on_hold' as const) })),
      checklistView(JADA, []),
    );
    expectValid(roster.blocks);
  });

  it('/sail list with 30 long-titled sails and their open roles shows every one of them', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      sail: { ...sail, status: 'scheduled' as const, id: `S-${String(i).padStart(6, '0')}` },
      open: ids,
    }));
    const message = sailListMessage(many, 365, 31, at('2025-12-01T20:00:00Z'));
    expectValid(message.blocks);
    for (const s of many) expect(JSON.stringify(message.blocks)).toContain(s.sail.id);
    expect(JSON.stringify(message.blocks)).toContain('needs Captain and 20 of 20 crew');
    expect(JSON.stringify(message.blocks)).toContain('and more');
  });

  it('the modals', () => {
    const fleet = Array.from({ length: 120 }, (_, i) => ({ ...JADA, id: `v-${i}`, name: 'N'.repeat(60) }));
    expectValid(sailCreateModal(at('2026-12-01T20:00:00Z'), fleet).blocks, 100);
    expectValid(guestAddModal(sail.id).blocks, 100);
    expect(sailCreateModal(at('2026-12-01T20:00:00Z'), [JADA]).title.text.length).toBeLessThanOrEqual(24);
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
