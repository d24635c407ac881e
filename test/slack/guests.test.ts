import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPortfolioImport } from '../../src/cli/import';
import { createImportDeps } from '../../src/cli-wiring';
import { cardGuestsOf } from '../../src/effects/card-guests';
import { renderBlocks } from '../../src/local/render-blocks';
import { sesStore } from '../support/aws';
import { replyText, startTestBosun, type TestBosun } from '../support/bosun';

const NOW = new Date('2026-12-01T20:00:00Z');
let t: TestBosun;

beforeAll(async () => {
  t = await startTestBosun({ now: () => NOW });
});
afterAll(() => t.stop());

async function newSail(guests = 2): Promise<string> {
  // Every sail of these tests is at the same time on JADA: `force` creates over the double booking.
  const res = await t.command(`/sail create 2026-12-12 sunset 2h crew=1 guests=${guests} Guest test force`);
  const id = /S-[0-9A-Z]{6}/.exec(replyText(res))?.[0];
  if (!id) throw new Error(replyText(res));
  return id;
}

async function linkFor(email: string): Promise<string> {
  const mails = (await sesStore()).filter((m) => m.destination.to.includes(email));
  const body = mails.at(-1)?.body.text ?? '';
  const code = /\/g\/([A-Z0-9]{8})/.exec(body)?.[1];
  if (!code) throw new Error(`no magic link in the invitation to ${email}`);
  return code;
}

async function tokenFor(code: string): Promise<string> {
  const claim = await t.bosun.http.request('http://bosun.test/api/auth/claim', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  expect(claim.status).toBe(200);
  return ((await claim.json()) as { token: string }).token;
}

function sign(token: string, body: unknown) {
  return t.bosun.http.request('http://bosun.test/api/waiver', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

describe("the guests' emails and page name the business from the portfolio, never from code", () => {
  it('signs with the vessel crew when no portfolio is imported, and with the brand once one is', async () => {
    const id = await newSail(2);
    const email = `brandless.${id.toLowerCase()}@example.com`;
    await t.command(`/sail guest ${id} ${email} Bea Brandless`);
    const plain = (await sesStore()).filter((m) => m.destination.to.includes(email)).at(-1);
    expect(plain?.body.text).toContain('The crew of JADA');
    expect(plain?.body.text).not.toContain('Queen of San Diego');

    const branded = await startTestBosun({ now: () => NOW });
    try {
      await runPortfolioImport(['import', 'data/portfolio.yaml'], {
        ...createImportDeps(branded.bosun.config),
        print: () => {},
      });
      const res = await branded.command('/sail create 2026-12-12 sunset 2h guests=2 Branded sail');
      const sailId = /S-[0-9A-Z]{6}/.exec(replyText(res))?.[0] ?? '';
      const to = `branded.${sailId.toLowerCase()}@example.com`;
      await branded.command(`/sail guest ${sailId} ${to} Bo Branded`);
      const mail = (await sesStore()).filter((m) => m.destination.to.includes(to)).at(-1);
      expect(mail?.body.text).toContain('Queen of San Diego');
      const code = /\/g\/([A-Z0-9]{8})/.exec(mail?.body.text ?? '')?.[1];
      const claim = await branded.bosun.http.request('http://bosun.test/api/auth/claim', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      const { token } = (await claim.json()) as { token: string };
      const view = await branded.bosun.http.request('http://bosun.test/api/guest', {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(((await view.json()) as { sail: { brand?: string } }).sail.brand).toBe('Queen of San Diego');
    } finally {
      await branded.stop();
    }
  });
});

describe('/sail guest and the waiver, through Slack and the guest API', () => {
  it('invites by email, shows the guest as waiting, and marks them signed with a thread note', async () => {
    const id = await newSail();
    const email = `jane.${id.toLowerCase()}@example.com`;
    const invited = await t.command(`/sail guest ${id} <mailto:${email}|${email}> Jane <Doe>`);
    expect(replyText(invited)).toMatch(/Jane &lt;Doe&gt;/);
    const card = invited.calls.find((c) => c.method === 'chat.update');
    expect(renderBlocks(card?.args.blocks)).toContain('waiting — Jane <Doe>');
    expect(JSON.stringify(card?.args.blocks)).toContain('Jane &lt;Doe&gt;');
    const code = await linkFor(email);

    const claim = await t.bosun.http.request('http://bosun.test/api/auth/claim', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(claim.status).toBe(200);
    const { token } = (await claim.json()) as { token: string };
    const before = t.sink.calls().length;
    const signed = await t.bosun.http.request('http://bosun.test/api/waiver', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ fullName: 'Jane Doe', agree: true }),
    });
    expect(signed.status).toBe(201);
    // The card's update is an effect after the 201.
    await t.bosun.drainJobs();
    const calls = t.sink.calls().slice(before);
    expect(renderBlocks(calls.find((c) => c.method === 'chat.update')?.args.blocks)).toMatch(/signed — Jane/);
    expect(
      calls.some((c) => c.method === 'chat.postMessage' && String(c.args.text).includes('signed the waiver')),
    ).toBe(true);
  });

  it('shows the minors a guardian signed for on the card, and they take seats', async () => {
    const id = await newSail(3);
    const ana = `ana.${id.toLowerCase()}@example.com`;
    await t.command(`/sail guest ${id} ${ana} Ana López`);
    const token = await tokenFor(await linkFor(ana));
    const before = t.sink.calls().length;
    const signed = await sign(token, {
      fullName: 'Ana López',
      agree: true,
      minors: [{ fullName: 'Luz López', birthDate: '2016-03-02' }],
    });
    expect(signed.status).toBe(201);
    await t.bosun.drainJobs();
    const card = renderBlocks(
      t.sink
        .calls()
        .slice(before)
        .find((c) => c.method === 'chat.update')?.args.blocks,
    );
    // Who signed, for whom, with the minor's age on the sail's date.
    expect(card).toContain('signed — Ana López for Luz López (10)');
    expect(card).toContain('*Guests* (1/1 waivers signed · 2 seats with minors)');
    const record = await t.bosun.stores.sails.get(id);
    expect(record && cardGuestsOf(record)).toEqual([
      {
        name: 'Ana López',
        signed: true,
        minors: 1,
        signedName: 'Ana López',
        minorsSigned: [{ name: 'Luz López', age: 10 }],
      },
    ]);
    // Ana and Luz hold two of the three seats: one more guest fits, a second does not.
    expect(replyText(await t.command(`/sail guest ${id} bo.${id.toLowerCase()}@example.com Bo`))).toMatch(
      /Invited Bo/,
    );
    expect(replyText(await t.command(`/sail guest ${id} cy.${id.toLowerCase()}@example.com Cy`))).toMatch(
      /is full: all 3 guest seats are taken/,
    );
  });

  it('refuses a bad address, a full sail and non-admins, writing nothing', async () => {
    const id = await newSail(1);
    expect(replyText(await t.command(`/sail guest ${id} not-an-email Bob`))).toMatch(/email/i);
    expect(replyText(await t.command(`/sail guest ${id} bob@example.com Bob`, 'UCREW0001'))).toMatch(
      /Only admins/,
    );
    expect(replyText(await t.command(`/sail guest ${id} ann@example.com Ann`))).not.toMatch(/full/i);
    expect(replyText(await t.command(`/sail guest ${id} cat@example.com Cat`))).toMatch(
      /full|capacity|seat/i,
    );
    const record = await t.bosun.stores.sails.get(id);
    expect(record && cardGuestsOf(record).map((g) => g.name)).toEqual(['Ann']);
  });

  it('emails every guest when the sail is held (with the reason, escaped), back on, and cancelled', async () => {
    const id = await newSail(3);
    const emails = [`ann.${id.toLowerCase()}@example.com`, `bo.${id.toLowerCase()}@example.com`];
    await t.command(`/sail guest ${id} ${emails[0]} Ann <One>`);
    await t.command(`/sail guest ${id} ${emails[1]} Bo Two`);
    const statusMails = async (address: string, prefix: string) =>
      (await sesStore()).filter((m) => m.destination.to.includes(address) && m.subject.startsWith(prefix));

    const holdLine = `/sail hold ${id} Fog & <b>wind</b> until noon`;
    const held = await t.commandRaw(holdLine, { triggerId: `T-HOLD-${id}` });
    expect(replyText(held)).toMatch(new RegExp(`^${id} is now on hold\\..* 2 guests are being emailed\\.$`));
    // The emails are effects, after the reply.
    await t.bosun.drainJobs();
    for (const address of emails) {
      const [mail, ...more] = await statusMails(address, 'On hold:');
      expect(more).toHaveLength(0);
      expect(mail?.subject).toBe('On hold: Guest test on Saturday, December 12, 2026');
      expect(mail?.body.html).toContain('Reason: Fog &amp; &lt;b&gt;wind&lt;/b&gt; until noon');
      expect(mail?.body.html).not.toContain('<b>wind</b>');
      expect(mail?.body.text).toContain('Reason: Fog & <b>wind</b> until noon');
      // Times in the vessel's zone (San Diego, PST in December).
      expect(mail?.body.text).toMatch(/Sunset\s+4:4\d PM PST\n/);
      // What a guest needs to arrive, in every status email too.
      expect(mail?.body.text).toMatch(/^Where to meet: Shelter Island Marina/m);
      // The guests' mailer: no copy to the audit mailbox.
      expect(mail?.destination.bcc ?? []).toEqual([]);
    }
    // Slack retries the same request: it answers as the first time and emails nobody again.
    const again = await t.commandRaw(holdLine, { triggerId: `T-HOLD-${id}`, retryNum: 1 });
    expect(replyText(again)).toBe(replyText(held));
    await t.bosun.drainJobs();
    expect(await statusMails(emails[0] ?? '', 'On hold:')).toHaveLength(1);
    expect(await statusMails(emails[1] ?? '', 'On hold:')).toHaveLength(1);
    const ann = (await statusMails(emails[0] ?? '', 'On hold:'))[0];
    expect(ann?.body.html).toContain('Hello Ann &lt;One&gt;,');

    expect(replyText(await t.command(`/sail unhold ${id}`))).toMatch(
      /is now scheduled\..* 2 guests are being emailed\.$/,
    );
    await t.bosun.drainJobs();
    const back = await statusMails(emails[1] ?? '', 'Back on:');
    expect(back).toHaveLength(1);
    expect(back[0]?.body.text).toContain('Your sail is back on');
    expect(back[0]?.body.text).not.toContain('Reason:');

    expect(replyText(await t.command(`/sail cancel ${id}`))).toMatch(
      /is now cancelled\..* 2 guests are being emailed\.$/,
    );
    await t.bosun.drainJobs();
    for (const address of emails) {
      const [cancelled] = await statusMails(address, 'Cancelled:');
      expect(cancelled?.subject).toBe('Cancelled: Guest test on Saturday, December 12, 2026');
      expect(cancelled?.body.text).toContain('this sail has been cancelled');
    }
    const audit = (await sesStore()).filter(
      (m) =>
        [...m.destination.to, ...m.destination.bcc].includes(t.bosun.config.mail.auditBcc) &&
        m.subject.includes('Guest test'),
    );
    expect(audit).toHaveLength(0);
  });

  it('a sail with no guests says nothing about guests', async () => {
    const id = await newSail();
    expect(replyText(await t.command(`/sail hold ${id}`))).not.toMatch(/guest/);
  });

  it('the card has an Add guest button that opens the modal for admins', async () => {
    const id = await newSail();
    const res = await t.click('guest.add', id);
    expect(res.calls.find((c) => c.method === 'views.open')).toBeTruthy();
    const bad = await t.submit('guest.add', {
      name: { name: { value: 'Zed' } },
      email: { email: { value: 'zed@' } },
    });
    expect(bad.body).toMatchObject({ response_action: 'errors' });
    // A crew member is told only admins can, after the answer, and no modal opens.
    const crew = await t.click('guest.add', id, 'UCREW0077');
    expect(crew.callsBeforeAnswer).toEqual([]);
    expect(crew.calls.some((c) => c.method === 'views.open')).toBe(false);
    expect(String(crew.calls.find((c) => c.method === 'response_url')?.args.text)).toMatch(
      /Only admins can add guests/,
    );
  });
});
