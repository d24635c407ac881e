/**
 * People are told: a designation and a release by an admin DM the person with the sail, the slot
 * and how to undo it; a hold of a sail already on hold tells nobody again (and an unhold of a sail
 * not on hold is refused, so it tells nobody either).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SinkCall } from '../../src/local/slack-sink';
import { ADMIN, replyText, startTestBosun, type TestBosun } from '../support/bosun';

let t: TestBosun;

beforeAll(async () => {
  t = await startTestBosun({ now: () => new Date('2026-12-01T20:00:00Z') });
});
afterAll(() => t.stop());

const dmsTo = (calls: SinkCall[], user: string) =>
  calls
    .filter((c) => c.method === 'chat.postMessage' && c.args.channel === user)
    .map((c) => String(c.args.text));

async function createSail(): Promise<string> {
  const res = await t.command('/sail create 2026-12-12 sunset 2h crew=2 guests=6 Told test force');
  const id = /S-[0-9A-Z]{6}/.exec(replyText(res))?.[0];
  if (!id) throw new Error(replyText(res));
  return id;
}

describe('people are told', () => {
  it('a designation DMs the person with the sail, the slot and how to undo it', async () => {
    const id = await createSail();
    const res = await t.command(`/crew designate ${id} crew-2 <@UJANE0001|jane>`);
    const dm = dmsTo(res.calls, 'UJANE0001');
    expect(dm).toHaveLength(1);
    expect(dm[0]).toBe(
      `<@${ADMIN}> made you Crew 2 on *Told test* (${id}). If you can't make it, \`/crew release ${id} crew-2\`.`,
    );
    // A claim of one's own is not DM'd.
    expect(dmsTo((await t.command(`/crew claim ${id} crew-1`, 'USELF0001')).calls, 'USELF0001')).toEqual([]);
  });

  it('a release by an admin DMs the person; releasing your own slot does not', async () => {
    const id = await createSail();
    await t.command(`/crew claim ${id} captain`, 'UCAPT0001');
    const res = await t.command(`/crew release ${id} captain`);
    expect(dmsTo(res.calls, 'UCAPT0001')).toEqual([
      `<@${ADMIN}> released you from Captain on *Told test* (${id}). If that is a mistake, \`/crew claim ${id} captain\`.`,
    ]);
    await t.command(`/crew claim ${id} crew-1`, 'UCREW0001');
    expect(dmsTo((await t.command(`/crew release ${id} crew-1`, 'UCREW0001')).calls, 'UCREW0001')).toEqual(
      [],
    );
  });

  it('a repeated hold or unhold tells nobody again', async () => {
    const id = await createSail();
    await t.command(`/crew claim ${id} captain`, 'UCAPT0002');
    await t.command(`/sail guest ${id} ann@example.com Ann Guest`);
    const first = await t.command(`/sail hold ${id} Small craft advisory`);
    expect(dmsTo(first.calls, 'UCAPT0002')).toHaveLength(1);
    expect(first.calls.filter((c) => c.method === 'chat.update')).not.toEqual([]);

    const again = await t.command(`/sail hold ${id} Gale warning`);
    expect(replyText(again)).toMatch(
      /was already on hold; the reason now reads: Gale warning. Nobody was messaged again/,
    );
    // The card shows the new reason; no DM, no thread note, no guest email.
    expect(again.calls.map((c) => c.method)).toEqual(['chat.update']);
    expect((await t.bosun.stores.sails.get(id))?.sail.holdReason).toBe('Gale warning');

    const unheld = await t.command(`/sail unhold ${id}`);
    expect(dmsTo(unheld.calls, 'UCAPT0002')).toHaveLength(1);
    const unheldAgain = await t.command(`/sail unhold ${id}`);
    expect(replyText(unheldAgain)).toMatch(/not on hold/);
    expect(unheldAgain.calls).toEqual([]);
  });
});
