/**
 * DynamoDB requests per claim, counted through the SDK middleware (`countRequests`) on the whole
 * Slack path: a signed `/crew claim` (and a Claim button press) into the HTTP app, the store on
 * DynamoDB Local, the card refreshed on the Slack sink. Target for a successful claim: one write,
 * the `TransactWriteItems`, and at most one read before it; the card re-render's reads come after
 * and are reported apart. Refused claims (taken, full, already holding a role) are shown too.
 *
 *   npx tsx bench/claim-requests.ts
 */
import { randomUUID } from 'node:crypto';
import { createBosun } from '../src/app';
import { loadConfig } from '../src/config';
import { startDynamoLocal } from '../src/local/services';
import { type LocalSlackTarget, sendAction, sendCommand } from '../src/local/slack-client';
import { startSlackSink } from '../src/local/slack-sink';
import { countRequests, createDocumentClient } from '../src/store/client';
import { ensureTable } from '../src/store/table';
import { heading, target } from './support/stats';

const SECRET = 'bench-claim-signing-secret';
const ADMIN = 'UADMIN0001';
const CHANNEL = 'CSAILS0001';
const WRITES = new Set(['TransactWriteItems', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

interface Measured {
  scenario: string;
  reply: string;
  counts: Map<string, number>;
  beforeWrite: string[];
  afterWrite: string[];
}

const short = (name: string) => name.replace(/Command$/, '');

async function main(): Promise<void> {
  const dynamo = await startDynamoLocal();
  const sink = await startSlackSink();
  try {
    const table = `bosun-bench-claims-${randomUUID().slice(0, 8)}`;
    const region = 'us-west-2';
    await ensureTable({ region, endpoint: dynamo.endpoint }, table);
    const doc = createDocumentClient({ region, endpoint: dynamo.endpoint });
    const tally = countRequests(doc);
    // The order of calls as well as their number, to tell the claim's reads from the card's.
    const sequence: string[] = [];
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        sequence.push(short(String(context.commandName ?? 'unknown')));
        return next(args);
      },
      { step: 'initialize', name: 'benchSequence' },
    );
    const config = loadConfig({
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: sink.apiUrl,
      BOSUN_ADMINS: ADMIN,
      BOSUN_CHANNEL: CHANNEL,
      BOSUN_TABLE: table,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: region,
      JWT_SECRET: 'bench-claim-jwt-secret-at-least-32-bytes',
      BOSUN_LOG_LEVEL: 'ERROR',
    });
    const bosun = await createBosun(config, { doc });
    const slack: LocalSlackTarget = {
      fetch: (url, init) => bosun.http.request(url, init),
      appUrl: 'http://bosun.bench',
      signingSecret: SECRET,
      sinkUrl: sink.url,
    };
    const actor = (userId: string) => ({ userId, channelId: CHANNEL });
    const text = (body: unknown) =>
      typeof body === 'object' && body !== null && 'text' in body ? String(body.text) : String(body ?? '');

    const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const created = await sendCommand(
      slack,
      `/sail create ${date} sunset 2h crew=2 Bench claims`,
      actor(ADMIN),
    );
    const sailId = /S-[0-9A-Z]{6}/.exec(text(created.body))?.[0];
    if (!sailId) throw new Error(`the sail was not created: ${text(created.body)}`);

    const results: Measured[] = [];
    const measure = async (scenario: string, send: () => Promise<{ body: unknown }>) => {
      tally.clear();
      sequence.length = 0;
      const answer = await send();
      const w = sequence.findIndex((c) => WRITES.has(c));
      results.push({
        scenario,
        reply: text(answer.body).slice(0, 90),
        counts: new Map([...tally].map(([k, v]) => [short(k), v])),
        beforeWrite: w < 0 ? [...sequence] : sequence.slice(0, w),
        afterWrite: w < 0 ? [] : sequence.slice(w + 1),
      });
    };

    await measure('/crew claim <id> crew (succeeds)', () =>
      sendCommand(slack, `/crew claim ${sailId} crew`, actor('UCREW00001')),
    );
    await measure('/crew claim <id> captain (succeeds)', () =>
      sendCommand(slack, `/crew claim ${sailId} captain`, actor('UCREW00002')),
    );
    await measure('Claim button, crew-2 (succeeds)', () =>
      sendAction(slack, { actionId: 'roster.claim', value: `${sailId}:crew-2` }, actor('UCREW00003')),
    );
    await measure('/crew claim <id> crew-1 (taken)', () =>
      sendCommand(slack, `/crew claim ${sailId} crew-1`, actor('UCREW00004')),
    );
    await measure('/crew claim <id> crew (full)', () =>
      sendCommand(slack, `/crew claim ${sailId} crew`, actor('UCREW00005')),
    );
    await measure('/crew claim <id> captain (already crew)', () =>
      sendCommand(slack, `/crew claim ${sailId} captain`, actor('UCREW00001')),
    );

    heading('DynamoDB requests per claim (SDK middleware count), full Slack path on DynamoDB Local');
    let met = true;
    for (const r of results) {
      const total = [...r.counts.values()].reduce((a, b) => a + b, 0);
      const byCommand = [...r.counts]
        .sort()
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      console.log(`${r.scenario}: ${total} requests (${byCommand || 'none'})`);
      console.log(
        `  before the write: ${r.beforeWrite.join(', ') || '—'}; after it (card re-render): ${r.afterWrite.join(', ') || '—'}`,
      );
      console.log(`  reply: ${r.reply}`);
      if (r.scenario.endsWith('(succeeds)')) {
        const writes = [...r.counts].filter(([k]) => WRITES.has(k)).reduce((a, [, v]) => a + v, 0);
        const ok = writes === 1 && r.counts.get('TransactWriteItems') === 1 && r.beforeWrite.length <= 1;
        met &&= ok;
      }
    }
    console.log(target('successful claim = 1 TransactWriteItems + ≤ 1 read before it, no other write', met));
    doc.destroy();
  } finally {
    await sink.stop();
    await dynamo.stop();
  }
}

await main();
