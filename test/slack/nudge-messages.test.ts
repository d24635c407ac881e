import { beforeAll, describe, expect, it } from 'vitest';
import { waiverReminderEmail } from '../../src/guests/reminder-email';
import type { OutgoingMail } from '../../src/mail/types';
import { createWaiverReminder } from '../../src/nudges/waiver-reminder';
import type { Sail } from '../../src/sails/types';
import { crewCallDm, rolesDm, rolesThreadMessage, rosterDm } from '../../src/slack/blocks/nudges';
import { createCodeStore } from '../../src/store/codes';
import { freshTable, WORKSPACE } from '../support/aws';
import { blockKitProblems } from '../support/block-kit';

const departAt = new Date('2026-07-04T02:00:00.000Z');
const sail: Sail = {
  id: 'S-7K2M9Q',
  title: 'Sunset <!channel> & *bold*',
  vesselId: 'jada',
  status: 'on_hold',
  holdReason: 'Wind <@U999> warning',
  zone: 'America/Los_Angeles',
  date: '2026-07-03',
  start: 'sunset',
  durationMinutes: 120,
  crewCount: 2,
  guestCapacity: 6,
  crewCallAt: new Date(departAt.getTime() - 45 * 60_000),
  departAt,
  sunsetAt: new Date(departAt.getTime() + 90 * 60_000),
  civilDuskAt: new Date(departAt.getTime() + 120 * 60_000),
  returnAt: new Date(departAt.getTime() + 120 * 60_000),
  createdBy: 'UADMIN0001',
  createdAt: new Date('2026-06-01T00:00:00.000Z'),
  version: 1,
};

type Elem = { action_id?: string; value?: string };
/** Every button, whether in an actions block or as a section's accessory. */
function buttons(blocks: unknown[]): Elem[] {
  return blocks.flatMap((b) => {
    const block = b as { type: string; elements?: Elem[]; accessory?: Elem };
    if (block.type === 'actions') return block.elements ?? [];
    return block.accessory ? [block.accessory] : [];
  });
}

describe('nudge messages', () => {
  it('role nudges name the open slots and carry the card’s claim buttons', () => {
    for (const m of [
      rolesThreadMessage(sail, ['crew-1', 'crew-2'], '24h'),
      rolesDm(sail, ['crew-1', 'crew-2'], 'JADA'),
    ]) {
      expect(buttons(m.blocks)).toEqual([
        expect.objectContaining({ action_id: 'roster.claim', value: 'S-7K2M9Q:crew-1' }),
        expect.objectContaining({ action_id: 'roster.claim', value: 'S-7K2M9Q:crew-2' }),
      ]);
      // Slack refuses an action_id repeated within one block: each button has its own.
      expect(blockKitProblems(m.blocks)).toEqual([]);
      expect(m.text).toContain('S-7K2M9Q');
    }
  });

  it('escapes user text for mrkdwn, so a title cannot ping the channel', () => {
    const all = [
      rolesThreadMessage(sail, ['crew-1'], '6h'),
      rolesDm(sail, ['crew-1'], 'JADA <!here>'),
      crewCallDm(sail, 'crew-1'),
      rosterDm(
        sail,
        [{ slotId: 'captain', holder: 'UCAPT00001' }],
        [{ name: '<b>Ann</b>', status: 'signed' }],
      ),
    ];
    for (const m of all) {
      const json = JSON.stringify(m.blocks);
      expect(json).not.toContain('<!channel>');
      expect(json).not.toContain('<@U999>');
      expect(json).not.toContain('<b>Ann');
    }
    expect(JSON.stringify(crewCallDm(sail, 'crew-1').blocks)).toContain('Wind &lt;@U999&gt; warning');
  });

  it('the crew-call DM has the timing panel and says the sail is on hold', () => {
    const json = JSON.stringify(crewCallDm(sail, 'crew-1').blocks);
    expect(json).toContain('Crew call');
    expect(json).toContain(`<!date^${Math.floor(sail.crewCallAt.getTime() / 1000)}^`);
    expect(json).toContain('on hold');
  });

  it('the captain’s roster lists crew, guests with waiver state and the checklist', () => {
    const m = rosterDm(
      sail,
      [
        { slotId: 'captain', holder: 'UCAPT00001' },
        { slotId: 'crew-1', holder: undefined },
      ],
      [
        { name: 'Ann', status: 'signed' },
        { name: 'Bo', status: 'on_hold' },
      ],
      [
        { id: 'fuel', label: 'Fuel level checked', checked: true },
        { id: 'bilge', label: 'Bilge checked', checked: false },
      ],
    );
    const json = JSON.stringify(m.blocks);
    expect(json).toContain('<@UCAPT00001>');
    expect(json).toContain('1/2 waivers signed');
    expect(json).toContain('Checklist* (1/2)');
    expect(m.text).toContain('1/2 crew');
  });

  it('the waiver email escapes HTML and carries the link', () => {
    const mail = waiverReminderEmail(
      sail,
      { name: 'Ann <script>' },
      'https://sail.example/g/ABCD2345',
      departAt,
    );
    expect(mail.subject).toContain('waiver');
    expect(mail.text).toContain('https://sail.example/g/ABCD2345');
    expect(mail.html).toContain('href="https://sail.example/g/ABCD2345"');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;!channel&gt;');
  });
});

describe('createWaiverReminder', () => {
  let codes: ReturnType<typeof createCodeStore>;
  beforeAll(async () => {
    const { doc, table } = await freshTable();
    codes = createCodeStore({
      workspace: WORKSPACE,
      doc,
      table,
      now: () => new Date('2026-07-02T12:00:00.000Z'),
    });
  });

  it('mints a fresh magic code for the guest and mails its link (no audit copy: links are credentials)', async () => {
    const sent: OutgoingMail[] = [];
    const remind = createWaiverReminder({
      codes,
      mailer: {
        send: async (m) => {
          sent.push(m);
          return { messageId: `m-${sent.length}` };
        },
      },
      publicUrl: 'https://sail.example/',
    });
    const guest = { id: 'G-ANN00001', name: 'Ann', email: 'ann@example.com', status: 'on_hold' as const };
    // The sweep's clock (`bosun nudge --now`), not the store's: the email states that moment's expiry.
    const sweepNow = new Date('2026-07-10T19:30:00.000Z');
    await remind({ sail, guest, window: '24h', now: sweepNow });
    await remind({ sail, guest, window: '24h', now: sweepNow });
    expect(sent.map((m) => m.to)).toEqual([['ann@example.com'], ['ann@example.com']]);
    expect(sent[0]?.bcc).toBeUndefined();
    expect(sent[0]?.text).toContain('The link works once and until Saturday, July 11, 2026 at 12:30 PM PDT.');
    const links = sent.map((m) => /https:\/\/sail\.example\/g\/([A-Z0-9]+)/.exec(m.text)?.[1]);
    expect(links[0]).toBeDefined();
    expect(links[0]).not.toBe(links[1]);
    const stored = await codes.get(links[0] ?? '');
    expect(stored).toMatchObject({
      guestId: 'G-ANN00001',
      sailId: 'S-7K2M9Q',
      createdAt: sweepNow.toISOString(),
      expiresAt: Date.parse('2026-07-11T19:30:00Z') / 1000,
    });
  });
});
