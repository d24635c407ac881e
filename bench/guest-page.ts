/**
 * The guest page with its two steps, in headless Chromium (Debian's): what it weighs, and how long a
 * guest waits. The page and the guest API are served by `@hono/node-server` on loopback over
 * DynamoDB Local, as `bosun dev` serves them; invitations go to a mailer that only keeps the link.
 *
 * Figures, each the median of `--rounds` fresh browser contexts:
 *   - step one: GET /g/:code until the title and the "Open my sail and waiver" button show (what a
 *     mail scanner sees; nothing is spent);
 *   - with the press: GET, then the press as soon as the button shows, until the waiver form shows;
 *   - without the press: a reload once claimed (the session is kept), GET until the form shows.
 * Weight: the built files gzipped (target under 60 KB) and the bytes Chromium received for the
 * whole two-step flow (the local server does not compress; CloudFront does).
 *
 *   npx tsx bench/guest-page.ts [--rounds 15]
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { build } from 'vite';
import { loadGuestTemplates } from '../src/guests/emails';
import { sendInvitation } from '../src/guests/invite';
import { createGuestApi, guestSailLookup } from '../src/http/guest-api';
import { createGuestPages } from '../src/http/guest-pages';
import { startDynamoLocal } from '../src/local/services';
import { createDocumentClient } from '../src/store/client';
import { createCodeStore } from '../src/store/codes';
import { createFleetStore } from '../src/store/fleet';
import { createGuestStore } from '../src/store/guests';
import { createRateLimiter } from '../src/store/rate-limit';
import { createSailStore } from '../src/store/sails';
import { ensureTable } from '../src/store/table';
import { launchChromium } from '../test/support/browser';
import { JADA_PLACE, seedFleet } from '../test/support/fleet';
import { bytes, heading, median, ms, quantile, target } from './support/stats';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } } });
const rounds = Number(values.rounds);
const DIST = 'frontend/dist';
const GZIP_TARGET = 60 * 1024;

async function main(): Promise<void> {
  await build({ configFile: 'frontend/vite.config.ts', logLevel: 'warn' });
  const files = [
    join(DIST, 'index.html'),
    ...(await readdir(join(DIST, 'assets'))).map((a) => join(DIST, 'assets', a)),
  ];
  const sizes = await Promise.all(
    files.map(async (f) => {
      const raw = await readFile(f);
      return { f, raw: raw.length, gz: gzipSync(raw, { level: 9 }).length };
    }),
  );
  const gz = sizes.reduce((a, s) => a + s.gz, 0);

  const dynamo = await startDynamoLocal();
  const browser = await launchChromium();
  let server: ReturnType<typeof serve> | undefined;
  try {
    const table = `bosun-bench-page-${randomUUID().slice(0, 8)}`;
    const region = 'us-west-2';
    await ensureTable({ region, endpoint: dynamo.endpoint }, table);
    const doc = createDocumentClient({ region, endpoint: dynamo.endpoint });
    const guests = createGuestStore({ doc, table, workspace: 'T0LOCAL' });
    const codes = createCodeStore({ doc, table, workspace: 'T0LOCAL' });
    const sailStore = createSailStore({ doc, table, workspace: 'T0LOCAL' });
    const fleet = createFleetStore({ doc, table, workspace: 'T0LOCAL' });
    await seedFleet(fleet);
    const sails = guestSailLookup(sailStore, fleet);
    const templates = await loadGuestTemplates('templates');
    const links: string[] = [];
    const mailer = {
      send: async (m: { text: string }) => {
        const link = /https?:\/\/\S+\/g\/[A-Z0-9]{8}/.exec(m.text)?.[0];
        if (link) links.push(link);
        return { messageId: randomUUID() };
      },
    };
    const app = new Hono();
    const origin = await new Promise<string>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
    });
    app.route(
      '/api',
      createGuestApi({
        guests,
        codes,
        rateLimit: createRateLimiter({ doc, table }),
        sails,
        templates,
        jwtSecret: 'bench-guest-page-jwt-secret-at-least-32-bytes',
        mailer,
        publicUrl: origin,
        enqueue: async () => {},
        socketAddress: (c) => getConnInfo(c).remote.address,
      }),
    );
    app.route('/', createGuestPages({ distDir: DIST }));

    const date = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const created = await sailStore.create(
      {
        date,
        start: 'sunset',
        durationMinutes: 120,
        crewCount: 1,
        guestCapacity: rounds + 2,
        vesselId: 'jada',
        title: 'Bench sail',
      },
      'UBENCH',
      JADA_PLACE,
    );
    if (!created.ok) throw new Error(created.error);
    const sail = created.sail;
    const emails = {
      invite: templates.emails.invite,
      waiverCopy: templates.emails.waiverCopy,
      sailStatus: templates.emails.sailStatus,
    };

    const stepOne: number[] = [];
    const withPress: number[] = [];
    const reload: number[] = [];
    const received: number[] = [];
    // One warm-up round, not counted: Chromium's first context and the JVM's first queries.
    for (let round = -1; round < rounds; round++) {
      const added = await guests.add({
        sailId: sail.id,
        name: `Guest ${round + 2}`,
        email: `g${round + 2}.${randomUUID().slice(0, 6)}@example.com`,
        capacity: sail.guestCapacity,
      });
      if (!added.ok) throw new Error('full');
      await sendInvitation(
        { codes, mailer, emails, publicUrl: origin },
        { guest: added.guest, sail, resent: false },
      );
      const link = links.at(-1) ?? '';
      const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      let bytesIn = 0;
      page.on('response', async (res) => {
        try {
          bytesIn += (await res.body()).length;
        } catch {
          // a response without a body (a redirect) adds nothing
        }
      });
      const started = performance.now();
      await page.goto(link);
      const button = page.getByRole('button', { name: 'Open my sail and waiver' });
      await button.waitFor();
      const shown = performance.now();
      await button.click();
      await page.locator('#fullName').waitFor();
      const form = performance.now();
      const again = performance.now();
      await page.reload();
      await page.locator('#fullName').waitFor();
      const reloaded = performance.now();
      await context.close();
      if (round < 0) continue;
      stepOne.push(shown - started);
      withPress.push(form - started);
      reload.push(reloaded - again);
      received.push(bytesIn);
    }

    heading(`Guest page, two steps (headless Chromium, 375 px, ${rounds} fresh contexts, loopback)`);
    for (const s of sizes) console.log(`${s.f}: ${bytes(s.raw)} raw, ${(s.gz / 1024).toFixed(1)} KB gzipped`);
    console.log(`total gzipped: ${(gz / 1024).toFixed(1)} KB`);
    console.log(
      `received by Chromium for the whole flow (uncompressed): ${(median(received) / 1024).toFixed(1)} KB`,
    );
    const line = (label: string, xs: number[]) =>
      console.log(`${label.padEnd(44)} p50 ${ms(median(xs))}  p90 ${ms(quantile(xs, 0.9))}`);
    line('GET → title and button (step one)', stepOne);
    line('GET → press at once → waiver form', withPress);
    line(
      'the press itself (claim + sail view)',
      withPress.map((x, i) => x - (stepOne[i] ?? 0)),
    );
    line('reload with the session → waiver form', reload);
    console.log(target('guest page under 60 KB gzipped', gz < GZIP_TARGET));
    doc.destroy();
  } finally {
    await browser.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await dynamo.stop();
  }
}

await main();
