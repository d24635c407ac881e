/**
 * App Home publish: DynamoDB requests and time inside the app, for crew members holding 5, 20 and
 * 60 upcoming roles, and for an admin, on DynamoDB Local. Target: a bounded number of reads, the
 * same whatever the number of sails (not one Query per sail).
 *
 *   npx tsx bench/app-home.ts [--runs 15]
 *
 * Two measurements per person:
 * - the home itself, as the `home.publish` effect builds it: `readHome` (the reads) and `homeView`
 *   (the blocks), timed in-process, with the requests counted by `countRequests`;
 * - the whole path: a signed `app_home_opened` into the HTTP app, its answer time, and the time
 *   until the sink has the `views.publish`, with every request (the `once` bookkeeping included).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createBosun } from '../src/app';
import { loadConfig } from '../src/config';
import { startDynamoLocal } from '../src/local/services';
import { type LocalSlackTarget, sendEvent } from '../src/local/slack-client';
import { startSlackSink } from '../src/local/slack-sink';
import type { SailDraft } from '../src/sails/types';
import { homeView } from '../src/slack/blocks/home';
import { appHomeOpenedEvent, eventCallbackBody } from '../src/slack/payloads';
import { countRequests, createDocumentClient } from '../src/store/client';
import { ensureTable } from '../src/store/table';
import { heading, median, ms, quantile, target } from './support/stats';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);

const SECRET = 'bench-home-signing-secret';
const ADMIN = 'UADMIN0001';
const TEAM = 'T0LOCAL';
const SAILS = 60;
const people = [
  { userId: 'UCREW00060', roles: 60 },
  { userId: 'UCREW00020', roles: 20 },
  { userId: 'UCREW00005', roles: 5 },
];
const READS = new Set(['Query', 'GetItem', 'BatchGetItem']);
const short = (name: string) => name.replace(/Command$/, '');

async function main(): Promise<void> {
  const dynamo = await startDynamoLocal();
  const sink = await startSlackSink();
  try {
    const region = 'us-west-2';
    const table = `bosun-bench-home-${randomUUID().slice(0, 8)}`;
    await ensureTable({ region, endpoint: dynamo.endpoint }, table);
    const doc = createDocumentClient({ region, endpoint: dynamo.endpoint });
    const tally = countRequests(doc);
    const config = loadConfig({
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: sink.apiUrl,
      BOSUN_ADMINS: ADMIN,
      BOSUN_CHANNEL: 'CSAILS0001',
      BOSUN_TABLE: table,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: region,
      JWT_SECRET: 'bench-home-jwt-secret-at-least-32-bytes-long',
      PUBLIC_URL: 'https://sail.example.com',
      BOSUN_LOG_LEVEL: 'ERROR',
    });
    const bosun = await createBosun(config, { doc });
    const { sails, guests } = bosun.stores;

    // 60 sails over the next 60 days, 3 crew slots each. UCREW00060 crews all of them (crew-1),
    // UCREW00020 the first 20 (crew-2), UCREW00005 the first 5 (crew-3); every captain slot is
    // open, so each of them has open roles to claim too. Every third sail has two guests.
    const seeded = performance.now();
    const ids: string[] = [];
    for (let d = 0; d < SAILS; d++) {
      const date = new Date(Date.now() + (d + 1) * 86_400_000).toISOString().slice(0, 10);
      const draft: SailDraft = {
        date,
        start: 'sunset',
        durationMinutes: 120,
        crewCount: 3,
        guestCapacity: 6,
        vesselId: 'jada',
        title: `Bench sail ${d + 1}`,
      };
      const made = await sails.create(draft, ADMIN);
      if (!made.ok) throw new Error(made.error);
      ids.push(made.sail.id);
    }
    for (const [i, id] of ids.entries()) {
      await sails.claim(id, 'crew-1', 'UCREW00060');
      if (i < 20) await sails.claim(id, 'crew-2', 'UCREW00020');
      if (i < 5) await sails.claim(id, 'crew-3', 'UCREW00005');
      if (i % 3 === 0) {
        for (const n of [1, 2]) {
          await guests.add({ sailId: id, name: `Guest ${n}`, email: `g${n}.${id}@example.com`, capacity: 6 });
        }
      }
    }
    console.log(
      `seeded ${SAILS} sails, ${SAILS + 25} claims and ${2 * Math.ceil(SAILS / 3)} guests in ${ms(performance.now() - seeded)}`,
    );

    const uc = bosun.workspace(TEAM);
    const slack: LocalSlackTarget = {
      fetch: (url, init) => bosun.http.request(url, init),
      appUrl: 'http://bosun.bench',
      signingSecret: SECRET,
      sinkUrl: sink.url,
    };

    interface Row {
      who: string;
      reads: Record<string, number>;
      readTotal: number;
      homeMs: number[];
      blocks: number;
      eventRequests: Record<string, number>;
      answerMs: number[];
      publishedMs: number[];
    }
    const rows: Row[] = [];
    const everyone = [
      ...people.map((p) => ({ ...p, admin: false })),
      { userId: ADMIN, roles: 0, admin: true },
    ];

    for (const person of everyone) {
      const who = person.admin ? 'admin (60 upcoming sails)' : `crew, ${person.roles} upcoming roles`;
      const read = () => uc.readHome({ userId: person.userId, isAdmin: person.admin });
      for (let i = 0; i < 3; i++) await read(); // warm-up
      tally.clear();
      const first = await read();
      const reads = Object.fromEntries([...tally].map(([k, v]) => [short(k), v]));
      const homeMs: number[] = [];
      let blocks = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const home = await read();
        blocks = homeView(home, { updatedAt: new Date() }).blocks.length;
        homeMs.push(performance.now() - t0);
      }
      if (!person.admin && first.roles.length !== Math.min(person.roles, 15)) {
        throw new Error(`${who}: the home shows ${first.roles.length} roles`);
      }

      // The whole path: a signed event, its answer, then the effect that publishes.
      const answerMs: number[] = [];
      const publishedMs: number[] = [];
      let eventRequests: Record<string, number> = {};
      for (let i = 0; i < runs; i++) {
        const body = eventCallbackBody({ event: appHomeOpenedEvent(person.userId), teamId: TEAM });
        tally.clear();
        const before = sink.calls().length;
        const t0 = performance.now();
        const res = await sendEvent(slack, body);
        answerMs.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`the event was answered ${res.status}`);
        await bosun.drainJobs();
        publishedMs.push(performance.now() - t0);
        const published = sink
          .calls()
          .slice(before)
          .filter((c) => c.method === 'views.publish');
        if (published.length !== 1) throw new Error(`${who}: ${published.length} views.publish calls`);
        eventRequests = Object.fromEntries([...tally].map(([k, v]) => [short(k), v]));
      }
      const readTotal = Object.entries(reads)
        .filter(([k]) => READS.has(k))
        .reduce((a, [, v]) => a + v, 0);
      rows.push({ who, reads, readTotal, homeMs, blocks, eventRequests, answerMs, publishedMs });
    }

    heading(`App Home publish on DynamoDB Local (${runs} runs each; medians, p90 in brackets)`);
    for (const r of rows) {
      const list = (o: Record<string, number>) =>
        Object.entries(o)
          .sort()
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
      console.log(`${r.who}:`);
      console.log(`  home reads: ${r.readTotal} (${list(r.reads)}); ${r.blocks} blocks`);
      console.log(`  readHome + homeView: ${ms(median(r.homeMs))} (${ms(quantile(r.homeMs, 0.9))})`);
      console.log(
        `  app_home_opened: answer ${ms(median(r.answerMs))} (${ms(quantile(r.answerMs, 0.9))}), views.publish done ${ms(median(r.publishedMs))} (${ms(quantile(r.publishedMs, 0.9))})`,
      );
      console.log(`  every request of the event: ${list(r.eventRequests)}`);
    }
    const crew = rows.filter((r) => r.who.startsWith('crew'));
    const queries = crew.map((r) => r.reads.Query ?? 0);
    console.log(
      target(
        'crew homes make the same 2 Queries for 5, 20 and 60 roles (none per sail)',
        queries.every((q) => q === 2),
      ),
    );
    console.log(
      target(
        'a crew home takes at most 5 reads in all',
        crew.every((r) => r.readTotal <= 5),
      ),
    );
    const admin = rows.find((r) => !r.who.startsWith('crew'));
    console.log(
      target(
        'an admin home takes at most 6 reads plus one Query per sail with guests on its page (≤ 15)',
        (admin?.readTotal ?? Number.POSITIVE_INFINITY) <= 6 + 15,
      ),
    );
    console.log(
      target(
        'every page under 100 blocks',
        rows.every((r) => r.blocks < 100),
      ),
    );
    doc.destroy();
  } finally {
    await sink.stop();
    await dynamo.stop();
  }
}

await main();
