/**
 * The guest page end to end in headless Chromium: the invitation as the SES emulator stored it,
 * the page served by the same Hono apps as production, the API on DynamoDB Local.
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteGuest } from '../../src/guests/invite';
import { createGuestCalendar } from '../../src/http/guest-calendar';
import { createGuestPages } from '../../src/http/guest-pages';
import type { Sail } from '../../src/sails/types';
import { guestApiHarness, JWT_SECRET, linkIn, mailTo, uniqueEmail } from '../guests/fixtures';
import { launchChromium } from '../support/browser';
import { parseIcs } from '../support/ical';

const DIST = 'frontend/dist';
let sail: Sail;
let held: Sail;

let browser: Browser;
let server: ReturnType<typeof serve>;
let origin: string;
let h: Awaited<ReturnType<typeof guestApiHarness>>;

async function newestSourceTime(): Promise<number> {
  const files = [
    'frontend/index.html',
    'frontend/vite.config.ts',
    'src/guests/waiver-rules.ts',
    ...(await readdir('frontend/src')).map((f) => join('frontend/src', f)),
  ];
  const times = await Promise.all(files.map(async (f) => (await stat(f)).mtimeMs));
  return Math.max(...times);
}

/** Builds the page with Vite unless `frontend/dist` is newer than every source. */
async function ensureBuilt() {
  const built = await stat(join(DIST, 'index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (built > (await newestSourceTime())) return;
  await build({ configFile: 'frontend/vite.config.ts', logLevel: 'warn' });
}

beforeAll(async () => {
  await ensureBuilt();
  const app = new Hono();
  let ready: (url: string) => void;
  const listening = new Promise<string>((r) => {
    ready = r;
  });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
    ready(`http://127.0.0.1:${info.port}`),
  );
  origin = await listening;
  h = await guestApiHarness({ publicUrl: origin, socketAddress: (c) => getConnInfo(c).remote.address });
  sail = await h.createSail({ guestCapacity: 20, title: 'Sunset sail & <b>bubbly</b>' });
  held = await h.createSail({}, { status: 'on_hold', reason: 'Small craft advisory until 3 PM' });
  app.route('/api', h.api);
  app.route(
    '/api',
    createGuestCalendar({
      jwtSecret: JWT_SECRET,
      storesOf: () => ({ guests: h.guests, sails: h.sails }),
      now: () => h.clock.now,
    }),
  );
  app.route('/', createGuestPages({ distDir: DIST }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** Invites a guest through the real flow and returns the link from the email the emulator holds. */
async function invitedLink(sailId: string, name = 'Jane Doe') {
  const email = uniqueEmail(name.split(' ')[0]?.toLowerCase());
  const r = await inviteGuest({ sailId, email, name, by: 'U0ADMIN' }, h.inviteDeps);
  if (!r.ok) throw new Error(r.message);
  const [mail] = await mailTo(email);
  return { ...linkIn(mail), guest: r.guest, email };
}

/** A fresh context (its own sessionStorage) that records every request the page makes. */
async function openPage(url: string, viewport = { width: 1280, height: 900 }) {
  const context: BrowserContext = await browser.newContext({ viewport });
  const page: Page = await context.newPage();
  page.setDefaultTimeout(5000);
  const requests: string[] = [];
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(url);
  return { context, page, requests };
}

/** Opens the link and presses "Open my sail and waiver", as a guest does. */
async function openSail(url: string, viewport = { width: 1280, height: 900 }) {
  const opened = await openPage(url, viewport);
  await opened.page.getByRole('button', { name: 'Open my sail and waiver' }).click();
  return opened;
}

describe('guest page', () => {
  it('opens the emailed link, shows the times, signs for a guest with one minor, and stays signed', async () => {
    const { url, guest, email } = await invitedLink(sail.id, 'Jane Doe');
    expect(url.startsWith(`${origin}/g/`)).toBe(true);
    const { context, page, requests } = await openPage(url, { width: 375, height: 812 });

    // Step one: the sail's title and date and one button; the code is not spent yet.
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Sunset sail & <b>bubbly</b>');
    expect(await page.locator('.date').textContent()).toBe('Saturday, June 20, 2026');
    expect(await page.locator('body').textContent()).not.toContain('Jane');
    expect(requests.filter((u) => u.includes('/api/auth/claim'))).toEqual([]);
    await page.getByRole('button', { name: 'Open my sail and waiver' }).click();

    const sunset = page.locator('[data-time="sunset"] dd');
    await expect.poll(() => sunset.textContent()).toBe('7:59 PM PDT');
    expect(await page.locator('[data-time="departure"] dd').textContent()).toBe('6:15 PM PDT');
    expect(await page.locator('[data-arrival="meet"] dd').textContent()).toMatch(/^Shelter Island Marina/);
    expect(await page.locator('[data-arrival="bring"] dd').textContent()).toMatch(/warm layer/);
    expect(await page.locator('#sail-status').textContent()).toBe('This sail is confirmed.');
    expect(await page.locator('#guest-status').textContent()).toMatch(/on hold until you sign/);
    expect(await page.getByRole('region', { name: 'Waiver text' }).textContent()).toContain(
      'Release of Liability, Waiver of Claims',
    );

    // Nothing is wider than the 375 px viewport.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/guest-page-375.png', fullPage: true });

    await page.getByLabel('Your full legal name').fill('Jane Q. Doe');
    await page.getByRole('button', { name: 'Add a minor' }).click();
    await page.getByLabel('Minor’s full name').fill('Sam Doe');
    await page.getByLabel('Date of birth').fill('2015-04-23');
    await page.getByRole('checkbox', { name: /I have read this waiver/ }).check();
    await page.getByRole('button', { name: 'Sign the waiver' }).click();

    await expect.poll(() => page.locator('#confirmation').textContent()).toMatch(/your waiver is signed/);
    expect(await page.locator('#guest-status').textContent()).toBe(
      'Waiver signed on Monday, June 1, 2026 at 10:00 AM PDT by Jane Q. Doe. Your seat is confirmed.',
    );
    expect(await page.getByRole('button', { name: 'Sign the waiver' }).count()).toBe(0);

    const stored = await h.guests.getWaiver(sail.id, guest.id);
    expect(stored).toMatchObject({
      signedName: 'Jane Q. Doe',
      minors: [{ fullName: 'Sam Doe', birthDate: '2015-04-23' }],
      version: h.templates.waivers.current.version,
      sha256: h.templates.waivers.current.sha256,
      ip: '127.0.0.1',
    });
    expect(stored?.userAgent).toMatch(/Chrome/);
    const call = h.signed.find((s) => s.guest.id === guest.id);
    expect(call?.guest).toMatchObject({
      name: 'Jane Doe',
      email,
      status: 'signed',
      signedName: 'Jane Q. Doe',
    });
    expect(call?.sail.id).toBe(sail.id);
    expect((await mailTo(email)).map((m) => m.subject)).toContain(
      'Your signed waiver: Sunset sail & <b>bubbly</b>',
    );

    // A reload uses the session token (the code itself is spent) and shows the signed state.
    await page.reload();
    await expect
      .poll(() => page.locator('#guest-status').textContent())
      .toMatch(/^Waiver signed on Monday, June 1, 2026/);
    expect(await page.getByRole('button', { name: 'Sign the waiver' }).count()).toBe(0);

    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    await context.close();

    // The same emailed link opened later in a new tab or browser (no session): the signed state,
    // not an offer of a new link.
    const later = await openPage(url, { width: 375, height: 812 });
    await expect
      .poll(() => later.page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Your waiver is signed');
    expect(await later.page.locator('#guest-status').textContent()).toBe(
      'You signed the waiver on Monday, June 1, 2026 at 10:00 AM PDT; you are all set.',
    );
    expect(await later.page.getByRole('button', { name: 'Email me a new link' }).count()).toBe(0);
    expect(await later.page.evaluate(() => document.activeElement?.id)).toBe('signed-title');
    const violations = (await new AxeBuilder({ page: later.page }).analyze()).violations;
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await later.context.close();
  });

  it('has no serious or critical axe violations, before and after showing errors', async () => {
    const { url } = await invitedLink(held.id, 'Axe Tester');
    const { context, page } = await openSail(url);
    await page.getByRole('button', { name: 'Sign the waiver' }).waitFor();
    // The hold's reason ends its sentence; the guest's box does not call a held seat confirmed.
    expect(await page.locator('#sail-status').textContent()).toBe(
      'This sail is on hold: Small craft advisory until 3 PM. We will email you when it is confirmed.',
    );
    expect(await page.locator('#guest-status').textContent()).toBe(
      'Your seat is on hold until you sign the waiver below.',
    );
    const serious = async () =>
      (await new AxeBuilder({ page }).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(await serious()).toEqual([]);
    await page.getByRole('button', { name: 'Add a minor' }).click();
    await page.getByRole('button', { name: 'Sign the waiver' }).click();
    await page.locator('#err-fullName').waitFor();
    expect(await serious()).toEqual([]);
    await context.close();
  });

  it('shows errors next to the fields for invalid input, usable by keyboard, and stores nothing', async () => {
    const { url, guest } = await invitedLink(sail.id, 'Kim Invalid');
    const { context, page, requests } = await openSail(url);
    const submit = page.getByRole('button', { name: 'Sign the waiver' });
    await submit.waitFor();
    const apiCallsBefore = requests.filter((u) => u.endsWith('/api/waiver')).length;

    // Empty name, consent unticked.
    await submit.click();
    const name = page.getByLabel('Your full legal name');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toContain('err-fullName');
    expect(await page.locator('#err-fullName').textContent()).toBe('Type your full legal name to sign.');
    expect(await page.locator('#err-agree').textContent()).toBe('Tick the box to agree to the waiver.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fullName');

    // Keyboard only: type the name, tab to "Add a minor", press Enter; a minor row appears focused.
    await page.keyboard.type('Kim Invalid');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('minors.0.fullName');
    await page.keyboard.type('Lee Invalid');
    await page.getByRole('checkbox', { name: /I have read this waiver/ }).check();

    // A minor without a birth date.
    await submit.click();
    const birth = page.getByLabel('Date of birth');
    expect(await birth.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[id="err-minors.0.birthDate"]').textContent()).toBe(
      'Give the minor’s date of birth.',
    );
    expect(await page.locator('#err-fullName').textContent()).toBe('');
    expect(await name.getAttribute('aria-invalid')).toBeNull();

    // A birth date that makes them an adult on the sail date.
    await birth.fill('2000-01-01');
    await submit.click();
    expect(await page.locator('[id="err-minors.0.birthDate"]').textContent()).toMatch(
      /18 or older on the sail date/,
    );
    expect(await birth.getAttribute('aria-describedby')).toBe('err-minors.0.birthDate');

    expect(requests.filter((u) => u.endsWith('/api/waiver')).length).toBe(apiCallsBefore);
    expect(await h.guests.getWaiver(sail.id, guest.id)).toBeUndefined();
    expect((await h.guests.get(sail.id, guest.id))?.status).toBe('on_hold');
    await context.close();
  });

  it('clears an error once its field is fixed, and the summary once nothing is left to fix', async () => {
    const { url, guest } = await invitedLink(sail.id, 'Fix Things');
    const { context, page } = await openSail(url);
    const submit = page.getByRole('button', { name: 'Sign the waiver' });
    await submit.waitFor();
    const name = page.getByLabel('Your full legal name');
    const agree = page.getByRole('checkbox', { name: /I have read this waiver/ });
    const summary = page.locator('.summary');

    await submit.click();
    expect(await summary.textContent()).toBe('Please fix 2 answers.');
    expect(await page.locator('#err-fullName').textContent()).toBe('Type your full legal name to sign.');

    // Typing the name takes its error away at once; consent's error and the summary stay.
    await name.fill('Fix Things');
    expect(await page.locator('#err-fullName').textContent()).toBe('');
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#err-agree').textContent()).toBe('Tick the box to agree to the waiver.');
    expect(await summary.textContent()).toBe('Please fix 2 answers.');
    // A cleared field stays quiet while it is being edited; the next submit judges it again.
    await name.fill('');
    expect(await page.locator('#err-fullName').textContent()).toBe('');
    await name.fill('Fix Things');
    await agree.check();
    expect(await page.locator('#err-agree').textContent()).toBe('');
    expect(await summary.textContent()).toBe('');

    // A minor with neither name nor birth date: both errors; filling one clears only that one.
    await page.getByRole('button', { name: 'Add a minor' }).click();
    await submit.click();
    expect(await summary.textContent()).toBe('Please fix 2 answers.');
    await page.getByLabel('Minor’s full name').fill('Pat Things');
    expect(await page.locator('[id="err-minors.0.fullName"]').textContent()).toBe('');
    expect(await page.locator('[id="err-minors.0.birthDate"]').textContent()).toBe(
      'Give the minor’s date of birth.',
    );
    // The next submit counts again from what is on the form now.
    await submit.click();
    expect(await summary.textContent()).toBe('Please fix one answer.');
    // Removing the minor takes their errors with them, and the summary with it.
    await page.getByRole('button', { name: 'Remove' }).click();
    expect(await summary.textContent()).toBe('');
    expect(await page.locator('.error:not(:empty)').count()).toBe(0);
    expect(await h.guests.getWaiver(sail.id, guest.id)).toBeUndefined();
    await context.close();
  });

  it('a party that does not fit shows "no seats" next to the minors until it does, then signs', async () => {
    const small = await h.createSail({ guestCapacity: 2, title: 'Small boat' });
    const { url, guest } = await invitedLink(small.id, 'Ana López');
    const { context, page } = await openSail(url);
    const submit = page.getByRole('button', { name: 'Sign the waiver' });
    await submit.waitFor();
    await page.getByLabel('Your full legal name').fill('Ana López');
    const addMinor = page.getByRole('button', { name: 'Add a minor' });
    for (const [i, kid] of ['Luz López', 'Mar López'].entries()) {
      await addMinor.click();
      await page.locator(`[id="minors.${i}.fullName"]`).fill(kid);
      await page.locator(`[id="minors.${i}.birthDate"]`).fill('2016-03-02');
    }
    await page.getByRole('checkbox', { name: /I have read this waiver/ }).check();
    await submit.click();
    const seats = page.locator('#err-minors');
    await expect.poll(() => seats.textContent()).toMatch(/^This sail has 1 seat left; you listed 2 minors/);
    expect(await page.locator('fieldset', { has: seats }).getAttribute('aria-describedby')).toContain(
      'err-minors',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('minors.0.fullName');
    // Adding another minor does not make the party fit: the error stays.
    await addMinor.click();
    expect(await seats.textContent()).toMatch(/1 seat left/);
    await page.getByRole('button', { name: 'Remove' }).last().click();
    expect(await seats.textContent()).toMatch(/1 seat left/);
    // Down to one minor: it fits, the error goes, and signing works.
    await page.getByRole('button', { name: 'Remove' }).last().click();
    expect(await seats.textContent()).toBe('');
    await submit.click();
    await expect.poll(() => page.locator('#confirmation').textContent()).toMatch(/your waiver is signed/);
    expect((await h.guests.getWaiver(small.id, guest.id))?.minors).toEqual([
      { fullName: 'Luz López', birthDate: '2016-03-02' },
    ]);
    expect(await h.guests.seatsTaken(small.id)).toBe(2);
    await context.close();
  });

  it('an expired link offers "Email me a new link", which mails the address on file', async () => {
    const { url, email } = await invitedLink(sail.id, 'Late Comer');
    const saved = h.clock.now;
    h.clock.now = new Date(saved.getTime() + 25 * 3600_000);
    try {
      const { context, page } = await openPage(url);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('This link does not work any more');
      expect(await page.locator('.notice.bad').first().textContent()).toMatch(/expired/);
      await page.getByRole('button', { name: 'Email me a new link' }).click();
      await expect
        .poll(() => page.locator('.notice.ok').textContent())
        .toMatch(/We emailed a new link to la…@example\.com/);
      const mails = await mailTo(email);
      expect(mails).toHaveLength(2);
      expect(mails[1]?.subject).toBe('Your new link for Sunset sail & <b>bubbly</b>');
      await context.close();
    } finally {
      h.clock.now = saved;
    }
  });

  it('opening the link without pressing the button leaves the code unspent (a mail scanner spends nothing)', async () => {
    const { url, code } = await invitedLink(sail.id, 'Scanner Proof');
    // A scanner that fetches and renders the page, and waits for it to settle.
    const scan = await openPage(url);
    await scan.page.getByRole('button', { name: 'Open my sail and waiver' }).waitFor();
    await scan.page.waitForLoadState('networkidle');
    expect(scan.requests.filter((u) => u.includes('/api/auth/claim'))).toEqual([]);
    expect(scan.requests.filter((u) => u.includes('/api/auth/peek'))).toHaveLength(1);
    const serious = (await new AxeBuilder({ page: scan.page }).analyze()).violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious).toEqual([]);
    expect(await scan.page.evaluate(() => document.activeElement?.id)).toBe('sail-title');
    await scan.context.close();
    expect((await h.codes.get(code))?.usedAt).toBeUndefined();
    // The guest claims it afterwards: 200.
    const res = await fetch(`${origin}/api/auth/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(200);
  });

  it('"Add to calendar" downloads the sail as an .ics file an independent parser reads', async () => {
    const { url } = await invitedLink(sail.id, 'Cal Endar');
    const { context, page } = await openSail(url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Add to calendar' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`sail-${sail.id}.ics`);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const cal = parseIcs(Buffer.concat(chunks).toString('utf8'));
    expect(cal.events).toHaveLength(1);
    expect(cal.events[0]?.summary).toBe(sail.title);
    await context.close();
  });

  it('a used link in a new browser says so', async () => {
    const { url } = await invitedLink(sail.id, 'Twice Opened');
    const first = await openSail(url);
    await first.page.getByRole('button', { name: 'Sign the waiver' }).waitFor();
    await first.context.close();
    const second = await openPage(url);
    await expect
      .poll(() => second.page.locator('.notice.bad').first().textContent())
      .toMatch(/already been used/);
    expect(await second.page.getByRole('button', { name: 'Email me a new link' }).count()).toBe(1);
    await second.context.close();
  });

  it('the page (HTML + JS + CSS) is under 60 KB gzipped', async () => {
    const assets = await readdir(join(DIST, 'assets'));
    const files = [join(DIST, 'index.html'), ...assets.map((a) => join(DIST, 'assets', a))];
    const sizes = await Promise.all(files.map(async (f) => gzipSync(await readFile(f), { level: 9 }).length));
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(60 * 1024);
  });
});
