/**
 * The calendar feed for a person with 200 sails: `GET /cal/<token>.ics` through the HTTP app on
 * DynamoDB Local. Reports the time (the whole request, and building the iCalendar text alone), the
 * size, and the DynamoDB requests; the feed is read back with ical.js to check it is whole.
 * Targets: a bounded number of requests (not one per sail), under 512 KiB, and a median request
 * under 500 ms on this shared 2-core machine. A feed is polled by calendar apps, which wait
 * seconds; no Slack deadline depends on it.
 *
 *   npx tsx bench/calendar-feed.ts [--sails 200] [--runs 15]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createBosun } from '../src/app';
import { buildCalendar } from '../src/calendar/ics';
import { loadConfig } from '../src/config';
import { calendarPlace, registryFleet } from '../src/home/fleet';
import { startDynamoLocal } from '../src/local/services';
import { slotLabel } from '../src/sails/roster';
import type { SailDraft } from '../src/sails/types';
import { countRequests, createDocumentClient } from '../src/store/client';
import { ensureTable } from '../src/store/table';
import { parseIcs } from '../test/support/ical';
import { bytes, heading, median, ms, quantile, target } from './support/stats';

const { values } = parseArgs({
  options: { sails: { type: 'string', default: '200' }, runs: { type: 'string', default: '15' } },
});
const SAILS = Number(values.sails);
const runs = Number(values.runs);
const USER = 'UCREWFEED1';
const TEAM = 'T0LOCAL';
const short = (name: string) => name.replace(/Command$/, '');

async function main(): Promise<void> {
  const dynamo = await startDynamoLocal();
  try {
    const region = 'us-west-2';
    const table = `bosun-bench-cal-${randomUUID().slice(0, 8)}`;
    await ensureTable({ region, endpoint: dynamo.endpoint }, table);
    const doc = createDocumentClient({ region, endpoint: dynamo.endpoint });
    const tally = countRequests(doc);
    const config = loadConfig({
      SLACK_SIGNING_SECRET: 'bench-cal-signing-secret',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      BOSUN_ADMINS: 'UADMIN0001',
      BOSUN_CHANNEL: 'CSAILS0001',
      BOSUN_TABLE: table,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: region,
      JWT_SECRET: 'bench-cal-jwt-secret-at-least-32-bytes-long',
      PUBLIC_URL: 'https://sail.example.com',
      BOSUN_LOG_LEVEL: 'ERROR',
    });
    const bosun = await createBosun(config, { doc });
    const { sails, calendarTokens } = bosun.stores;

    // A busy year: two sails a day on alternate slots, the person crewing every one; every tenth
    // held, every twentieth cancelled, so the feed has all three statuses.
    const seeded = performance.now();
    for (let i = 0; i < SAILS; i++) {
      const date = new Date(Date.now() + (Math.floor(i / 2) + 1) * 86_400_000).toISOString().slice(0, 10);
      const draft: SailDraft = {
        date,
        start: i % 2 === 0 ? '10:00' : 'sunset',
        durationMinutes: 150,
        crewCount: 2,
        guestCapacity: 12,
        vesselId: 'jada',
        title: `Charter ${i + 1}: harbor tour, with lunch; bring a jacket`,
      };
      const made = await sails.create(draft, 'UADMIN0001');
      if (!made.ok) throw new Error(made.error);
      await sails.claim(made.sail.id, i % 3 === 0 ? 'captain' : 'crew-1', USER);
      if (i % 10 === 5) await sails.setStatus(made.sail.id, 'on_hold', 'Weather watch');
      if (i % 20 === 7) await sails.setStatus(made.sail.id, 'cancelled');
    }
    console.log(`seeded ${SAILS} sails with ${SAILS} roles in ${ms(performance.now() - seeded)}`);

    const { token } = await calendarTokens.issue({ workspace: TEAM, userId: USER });
    const url = `https://sail.example.com/cal/${token}.ics`;
    const get = async () => {
      const res = await bosun.http.request(url);
      if (res.status !== 200) throw new Error(`the feed answered ${res.status}`);
      return res.text();
    };
    for (let i = 0; i < 3; i++) await get(); // warm-up

    tally.clear();
    const text = await get();
    const requests = Object.fromEntries([...tally].map(([k, v]) => [short(k), v]));
    const cal = parseIcs(text);
    const statuses = cal.events.reduce<Record<string, number>>(
      (n, e) => Object.assign(n, { [e.status]: (n[e.status] ?? 0) + 1 }),
      {},
    );

    const requestMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await get();
      requestMs.push(performance.now() - t0);
    }

    // Building the text alone, from roles already read (what the request adds to the reads).
    const roles = await sails.rolesFor(USER, new Date(Date.now() - 30 * 86_400_000));
    const fleet = new Map((await registryFleet()).map((v) => [v.id, v]));
    const buildMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      buildCalendar({
        name: 'Bosun: my sails',
        workspace: TEAM,
        now: new Date(),
        entries: roles.map(({ sail, slotId }) => ({
          sail,
          place: calendarPlace(fleet.get(sail.vesselId)),
          role: slotLabel(slotId),
          alarm: { at: sail.crewCallAt, label: 'Crew call' },
        })),
      });
      buildMs.push(performance.now() - t0);
    }

    const size = Buffer.byteLength(text, 'utf8');
    const total = Object.values(requests).reduce((a, b) => a + b, 0);
    heading(`Calendar feed, ${SAILS} sails, on DynamoDB Local (${runs} runs; medians, p90 in brackets)`);
    console.log(`events: ${cal.events.length} (${JSON.stringify(statuses)}), parsed by ical.js`);
    console.log(
      `size: ${bytes(size)} (${(size / cal.events.length).toFixed(0)} B a sail), gzip ${bytes(gzipSync(text).length)}`,
    );
    console.log(
      `DynamoDB requests: ${total} (${Object.entries(requests)
        .sort()
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
    console.log(`GET /cal/<token>.ics: ${ms(median(requestMs))} (${ms(quantile(requestMs, 0.9))})`);
    console.log(
      `  of which building the iCalendar text: ${ms(median(buildMs))} (${ms(quantile(buildMs, 0.9))})`,
    );
    console.log(target(`all ${SAILS} sails in the feed`, cal.events.length === SAILS));
    console.log(
      target(
        'requests bounded: ≤ 1 GetItem + 1 Query + 1 BatchGet per 100 sails',
        total <= 2 + Math.ceil(SAILS / 100) + 1,
      ),
    );
    console.log(target('median request under 500 ms', median(requestMs) < 500));
    console.log(target('feed under 512 KiB', size < 512 * 1024));
    doc.destroy();
  } finally {
    await dynamo.stop();
  }
}

await main();
