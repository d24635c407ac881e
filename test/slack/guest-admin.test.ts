/**
 * Guests from Slack beyond the invitation, on the whole local stack (DynamoDB Local, the SES
 * emulator, the Slack sink): names only where they belong; `/sail guests` and `/sail unguest`; the
 * admin-only Waivers button and its PDFs, read back; the captain's manifest at crew call, check-in,
 * a fresh link at the dock, and no-shows at departure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestTime } from '../../src/guests/sail-view';
import { renderBlocks } from '../../src/local/render-blocks';
import { sendCommand } from '../../src/local/slack-client';
import { sesStore } from '../support/aws';
import { ADMIN, type Answered, replyText, startTestBosun, type TestBosun } from '../support/bosun';
import { flat, pdfText } from '../support/pdf';

const NOW = new Date('2026-12-01T20:00:00Z');
const CAPTAIN = 'UCAPT00001';
const CREW = 'UCREW00009';
let t: TestBosun;
/** The app's clock; the dock test moves it to crew call and on. */
let clock = NOW;

beforeAll(async () => {
  t = await startTestBosun({ now: () => clock });
});
afterAll(() => t.stop());

async function newSail(guests = 4): Promise<string> {
  const res = await t.command(`/sail create 2026-12-12 sunset 2h crew=1 guests=${guests} Privacy test force`);
  const id = /S-[0-9A-Z]{6}/.exec(replyText(res))?.[0];
  if (!id) throw new Error(replyText(res));
  return id;
}

async function codeFor(email: string): Promise<string> {
  const mails = (await sesStore())
    .filter((m) => m.destination.to.includes(email))
    .sort((a, b) => a.at - b.at);
  const code = /\/g\/([A-Z0-9]{8})/.exec(mails.at(-1)?.body.text ?? '')?.[1];
  if (!code) throw new Error(`no magic link in the mail to ${email}`);
  return code;
}

function api(path: string, body: unknown, token?: string) {
  return t.bosun.http.request(`http://bosun.test/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function invite(id: string, name: string): Promise<{ email: string; code: string; guestId: string }> {
  const email = `${name.split(' ')[0]?.toLowerCase()}.${id.toLowerCase()}@example.com`;
  expect(replyText(await t.command(`/sail guest ${id} ${email} ${name}`))).toMatch(/Invited/);
  const record = await t.bosun.stores.sails.get(id);
  const guestId = record?.guests.find((g) => g.email === email)?.id ?? '';
  return { email, code: await codeFor(email), guestId };
}

async function signAs(code: string, body: unknown): Promise<void> {
  const claim = await api('/auth/claim', { code });
  expect(claim.status).toBe(200);
  const { token } = (await claim.json()) as { token: string };
  const res = await t.bosun.http.request('http://bosun.test/api/waiver', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'user-agent': 'Vitest/1.0 (guest)',
    },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  await t.bosun.drainJobs();
}

/** A command typed in `channel`, waiting for its effects. */
async function commandIn(line: string, userId: string, channel: string): Promise<Answered> {
  const before = t.sink.calls().length;
  const answer = await sendCommand(t.target, line, t.actor(userId, channel));
  await t.bosun.drainJobs();
  return { ...answer, callsBeforeAnswer: [], calls: t.sink.calls().slice(before), answerMs: 0 };
}

/** What the button presser was told (the `reply` effect through the response URL). */
function told(a: Answered): string {
  return a.calls
    .filter((c) => c.method === 'response_url' && c.args.replace_original === false)
    .map((c) => String(c.args.text))
    .join('\n');
}

describe('names only where they belong', () => {
  it('/sail show elsewhere shows counts only (thread notes too); the home channel and an admin’s DM name the guests', async () => {
    const id = await newSail();
    const jane = await invite(id, 'Jane Private');
    const elsewhere = await commandIn(`/sail show ${id}`, CREW, 'CRANDOM001');
    const posted = elsewhere.calls.find(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'CRANDOM001',
    );
    const shown = renderBlocks(posted?.args.blocks);
    expect(shown).toContain('*Guests* (0/1 waivers signed)');
    expect(shown).toContain('names are shown in the sail');
    expect(JSON.stringify(posted?.args)).not.toContain('Jane');

    // The live card is there now: its redraw and thread note after a signature name nobody.
    const before = t.sink.calls().length;
    await signAs(jane.code, { fullName: 'Jane Private', agree: true });
    const after = t.sink.calls().slice(before);
    expect(JSON.stringify(after.map((c) => c.args))).not.toContain('Jane');
    expect(
      after.some((c) => c.method === 'chat.postMessage' && c.args.text === 'A guest signed the waiver.'),
    ).toBe(true);

    // An admin's DM, and the home channel: names.
    const dm = await commandIn(`/sail show ${id}`, ADMIN, 'DADMIN0001');
    expect(renderBlocks(dm.calls.find((c) => c.method === 'chat.postMessage')?.args.blocks)).toContain(
      'signed — Jane Private',
    );
    // A crew member's DM is not an admin's: counts only.
    const crewDm = await commandIn(`/sail show ${id}`, CREW, 'DCREW00009');
    expect(JSON.stringify(crewDm.calls.find((c) => c.method === 'chat.postMessage')?.args)).not.toContain(
      'Jane',
    );
    const home = await t.command(`/sail show ${id}`, CREW);
    expect(renderBlocks(home.calls.find((c) => c.method === 'chat.postMessage')?.args.blocks)).toContain(
      'signed — Jane Private',
    );
  });
});

describe('/sail guests and /sail unguest', () => {
  it('lists guests with waiver status (who signed for whom); admins only', async () => {
    const id = await newSail();
    const mary = await invite(id, 'Tommy Doe');
    await invite(id, 'Pat Waiting');
    await signAs(mary.code, {
      fullName: 'Mary Doe',
      agree: true,
      minors: [{ fullName: 'Tommy Doe', birthDate: '2017-03-02' }],
    });
    const listed = await t.command(`/sail guests ${id}`);
    const text = renderBlocks((listed.body as { blocks?: unknown[] }).blocks);
    expect(text).toContain('2 invited, 1 signed, 3/4 seats taken');
    expect(text).toMatch(
      /\*Tommy Doe\* \(tommy\.[^)]+\) — :white_check_mark: signed by Mary Doe for Tommy Doe on \d/,
    );
    expect(text).toMatch(/\*Pat Waiting\* \(pat\.[^)]+\) — :hourglass_flowing_sand: not signed/);
    expect(replyText(await t.command(`/sail guests ${id}`, CREW))).toMatch(/Only admins/);

    // The card: who signed, for whom, and the child's age on the sail's date.
    const card = await t.command(`/sail show ${id}`);
    expect(renderBlocks(card.calls.find((c) => c.method === 'chat.postMessage')?.args.blocks)).toContain(
      'signed — Mary Doe for Tommy Doe (9)',
    );
  });

  it('/sail unguest removes a guest: the link is revoked (claim → 401) and the seat is free again', async () => {
    const id = await newSail(1);
    const gone = await invite(id, 'Gone Guest');
    expect(
      replyText(await t.command(`/sail guest ${id} next.${id.toLowerCase()}@example.com Next One`)),
    ).toMatch(/is full/);
    expect(replyText(await t.command(`/sail unguest ${id} ${gone.email}`, CREW))).toMatch(/Only admins/);
    const removed = await t.command(`/sail unguest ${id} <mailto:${gone.email}|${gone.email}>`);
    expect(replyText(removed)).toMatch(
      /^Removed Gone Guest .* 1 seat freed, and their links no longer work\./,
    );
    expect(renderBlocks(removed.calls.find((c) => c.method === 'chat.update')?.args.blocks)).not.toContain(
      'Gone',
    );

    const claim = await api('/auth/claim', { code: gone.code });
    expect(claim.status).toBe(401);
    expect(await claim.json()).toMatchObject({ reason: 'revoked', canResend: false });
    expect(await t.bosun.stores.guests.seatsTaken(id)).toBe(0);
    expect(
      replyText(await t.command(`/sail guest ${id} next.${id.toLowerCase()}@example.com Next One`)),
    ).toMatch(/^Invited Next One/);
    expect(replyText(await t.command(`/sail unguest ${id} nobody@example.com`))).toMatch(/is not a guest of/);
  });
});

describe('the Waivers button', () => {
  it('DMs an admin one PDF per signed waiver: the exact text, its version and hash, the signer and minors, read back', async () => {
    const id = await newSail();
    const ana = await invite(id, 'Ana López');
    await signAs(ana.code, {
      fullName: 'Ana María López',
      agree: true,
      minors: [{ fullName: 'Luz López', birthDate: '2016-03-02' }],
    });
    const refused = await t.click('guest.waivers', id, CREW);
    expect(told(refused)).toMatch(/Only admins can see signed waivers/);
    expect(refused.calls.some((c) => c.method.startsWith('files.'))).toBe(false);

    const before = t.sink.files().length;
    const pressed = await t.click('guest.waivers', id, ADMIN);
    expect(told(pressed)).toMatch(/Sending 1 signed waiver for S-[0-9A-Z]{6} to you as PDFs/);
    const [file, ...more] = t.sink.files().slice(before);
    expect(more).toEqual([]);
    expect(file).toMatchObject({
      completed: true,
      channel: `D${ADMIN.replace(/^U/, '')}`,
      filename: `waiver-${id}-ana-maria-lopez.pdf`,
      title: `Waiver: Ana María López (${id})`,
    });
    const bytes = file?.bytes ?? new Uint8Array();
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { text } = await pdfText(bytes);
    const waiver = (await t.bosun.stores.guests.getWaiver(id, ana.guestId)) ?? null;
    expect(waiver).not.toBeNull();
    // Each page's footer ("Bosun · <sail> · <guest> · made … · page n of N") sits between pages.
    const shown = flat(text.replace(/Bosun · \S+ · \S+ · made [^·]+ · page \d+ of \d+/g, ' '));
    expect(shown).toContain('Signed by: Ana María López');
    expect(shown).toContain('Minors: Luz López (born 2016-03-02)');
    expect(shown).toContain(`SHA-256 of text: ${waiver?.sha256}`);
    expect(shown).toContain(`Waiver version: ${waiver?.version}`);
    expect(shown).toContain('The text below hashes to the SHA-256 above.');
    expect(shown).toContain('Signed at: Tuesday, December 1, 2026 at 12:00 PM PST (America/Los_Angeles)');
    expect(shown).toContain('Signed at (UTC): 2026-12-01 20:00:00 UTC');
    expect(shown).toContain('User agent: Vitest/1.0 (guest)');
    expect(shown).toMatch(/IP address: \S+/);
    // The exact text, every word in order.
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(`templates/waivers/${waiver?.version}.md`, 'utf8');
    expect(shown).toContain(flat(source));
  });
});

describe('the dock', () => {
  it('at crew call the captain gets the manifest; check-in records who and when; an unsigned guest gets a fresh link; no-shows at departure', async () => {
    const id = await newSail();
    expect(replyText(await t.command(`/crew claim ${id} captain`, CAPTAIN))).toMatch(/You are Captain/);
    const signed = await invite(id, 'Sam Signed');
    const late = await invite(id, 'Lou Late');
    const absent = await invite(id, 'Abe Absent');
    await signAs(signed.code, { fullName: 'Sam Signed', agree: true });
    const sail = (await t.bosun.stores.sails.get(id))?.sail;
    if (!sail) throw new Error('no sail');

    const at = (ms: number) => {
      clock = new Date(ms);
      return clock;
    };
    // Before crew call: no manifest.
    const early = await t.bosun.sweep(at(sail.crewCallAt.getTime() - 60_000));
    expect(early.sent.manifest).toBe(0);
    const before = t.sink.calls().length;
    const atCall = await t.bosun.sweep(at(sail.crewCallAt.getTime() + 60_000));
    expect(atCall.sent.manifest).toBe(1);
    const dm = t.sink
      .calls()
      .slice(before)
      .find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.args.channel === CAPTAIN &&
          String(c.args.text).startsWith('Guest manifest'),
      );
    const manifest = JSON.stringify(dm?.args.blocks);
    expect(manifest).toContain(`"action_id":"manifest.checkin","value":"${id}:${signed.guestId}"`);
    expect(manifest).toContain(`"action_id":"manifest.link","value":"${id}:${late.guestId}"`);
    expect(manifest).not.toContain(`"action_id":"manifest.link","value":"${id}:${signed.guestId}"`);
    // Once only.
    expect((await t.bosun.sweep(at(sail.crewCallAt.getTime() + 16 * 60_000))).sent.manifest).toBe(0);
    const checkInTime = at(sail.crewCallAt.getTime() + 20 * 60_000);

    // Crew who are not the captain cannot check guests in.
    const notCaptain = await t.click('manifest.checkin', `${id}:${signed.guestId}`, CREW);
    expect(told(notCaptain)).toMatch(/Only the captain/);
    expect((await t.bosun.stores.guests.get(id, signed.guestId))?.checkedInAt).toBeUndefined();

    const checked = await t.click('manifest.checkin', `${id}:${signed.guestId}`, CAPTAIN);
    expect(told(checked)).toBe('Checked in Sam Signed.');
    expect(await t.bosun.stores.guests.get(id, signed.guestId)).toMatchObject({
      checkedInBy: CAPTAIN,
      checkedInAt: checkInTime.toISOString(),
    });
    // The manifest itself is redrawn in place: who checked them in, and when.
    const redrawn = checked.calls.find(
      (c) => c.method === 'response_url' && c.args.replace_original === true,
    );
    expect(renderBlocks(redrawn?.args.blocks)).toContain(
      `Checked in by @${CAPTAIN} at ${guestTime(checkInTime, 'America/Los_Angeles')}`,
    );
    expect(guestTime(checkInTime, 'America/Los_Angeles')).toMatch(/^\d{1,2}:\d\d PM PST$/);
    // A second press changes nothing.
    expect(told(await t.click('manifest.checkin', `${id}:${signed.guestId}`, ADMIN))).toMatch(
      /already checked in/,
    );

    // Lou arrived unsigned: a fresh link by email at once, which opens.
    const mailsBefore = (await sesStore()).filter((m) => m.destination.to.includes(late.email)).length;
    const link = await t.click('manifest.link', `${id}:${late.guestId}`, CAPTAIN);
    expect(told(link)).toMatch(/A fresh link is on its way to Lou Late's email/);
    const mails = (await sesStore())
      .filter((m) => m.destination.to.includes(late.email))
      .sort((a, b) => a.at - b.at);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)?.subject).toBe('Sign your waiver to board: Privacy test');
    expect((await api('/auth/claim', { code: await codeFor(late.email) })).status).toBe(200);
    expect(told(await t.click('manifest.link', `${id}:${signed.guestId}`, CAPTAIN))).toMatch(
      /already signed/,
    );
    expect(told(await t.click('manifest.checkin', `${id}:${late.guestId}`, CAPTAIN))).toMatch(
      /Checked in Lou Late/,
    );

    // At departure Abe, whom nobody checked in, is a no-show; the others are not.
    const after = await t.bosun.sweep(at(sail.departAt.getTime() + 60_000));
    // (Every sail in this file departs then; the others' unchecked guests are marked too.)
    expect(after.noShows).toBeGreaterThanOrEqual(1);
    expect((await t.bosun.stores.guests.get(id, absent.guestId))?.noShowAt).toBe(sail.departAt.toISOString());
    expect((await t.bosun.stores.guests.get(id, late.guestId))?.noShowAt).toBeUndefined();
    expect((await t.bosun.sweep(at(sail.departAt.getTime() + 20 * 60_000))).noShows).toBe(0);
    clock = NOW;
  });
});
