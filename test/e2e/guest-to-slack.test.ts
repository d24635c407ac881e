/**
 * The whole guest journey on the whole app: an admin invites with `/sail guest`, the guest opens
 * the emailed link in headless Chromium, signs, and the sail card in Slack (the sink) turns ✅.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/local/render-blocks';
import { sesStore } from '../support/aws';
import { replyText, startTestBosun, type TestBosun } from '../support/bosun';
import { launchChromium } from '../support/browser';

let t: TestBosun;
let browser: Browser;
let server: ReturnType<typeof serve>;

beforeAll(async () => {
  let forward: (req: Request) => Response | Promise<Response> = () =>
    new Response('starting', { status: 503 });
  const origin = await new Promise<string>((resolve) => {
    server = serve({ fetch: (req) => forward(req), port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
  t = await startTestBosun({ env: { PUBLIC_URL: origin } });
  forward = (req) => t.bosun.http.fetch(req);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await t?.stop();
});

describe('guest journey across Slack, email and the page', () => {
  it('invite in Slack → link from the email → sign in the browser → the card shows ✅ and the thread says so', async () => {
    const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const created = await t.command(`/sail create ${date} sunset 2h crew=1 guests=4 Browser test`);
    const id = /S-[0-9A-Z]{6}/.exec(replyText(created))?.[0] ?? '';
    const email = `browser.${id.toLowerCase()}@example.com`;
    expect(replyText(await t.command(`/sail guest ${id} ${email} Ada Lovelace`))).toMatch(/Ada Lovelace/);

    const mail = (await sesStore()).filter((m) => m.destination.to.includes(email)).at(-1);
    const link = /https?:\/\/\S+\/g\/[A-Z0-9]{8}/.exec(mail?.body.text ?? '')?.[0];
    expect(link).toBeTruthy();

    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(link ?? '');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Browser test');
    await page.getByRole('button', { name: 'Open my sail and waiver' }).click();
    await expect
      .poll(() => page.locator('[data-time="sunset"] dd').textContent())
      .toMatch(/^\d{1,2}:\d\d [AP]M P[DS]T$/);
    const before = t.sink.calls().length;
    await page.getByLabel('Your full legal name').fill('Ada Lovelace');
    await page.getByRole('checkbox', { name: /I have read this waiver/ }).check();
    await page.getByRole('button', { name: 'Sign the waiver' }).click();
    await expect.poll(() => page.locator('#confirmation').textContent()).toMatch(/your waiver is signed/);
    await context.close();
    // The card's redraw and the thread note are effects after the 201: wait for them.
    await t.bosun.drainJobs();

    const calls = t.sink.calls().slice(before);
    const update = calls.find((c) => c.method === 'chat.update');
    expect(renderBlocks(update?.args.blocks)).toMatch(/:white_check_mark: signed — Ada Lovelace/);
    expect(
      calls.some((c) => c.method === 'chat.postMessage' && c.args.text === 'Ada Lovelace signed the waiver.'),
    ).toBe(true);
  });
});
