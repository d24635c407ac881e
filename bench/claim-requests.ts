/**
 * DynamoDB requests per claim, counted through the SDK middleware (`countRequests`) on the whole
 * Slack path: a signed `/crew claim` (and a Claim button press) into the HTTP app, the store on
 * DynamoDB Local, the card refreshed on the Slack sink. Target for a successful claim: one write,
 * the `TransactWriteItems`, and at most one read before it; the card re-render's reads come after
 * and are reported apart. Refused claims (taken, full, already holding a role) are shown too.
 *
 *   npx tsx bench/claim-requests.ts
 */
import { sendAction, sendCommand } from '../src/local/slack-client';
import { countRequests } from '../src/store/client';
import { BENCH_ADMIN as ADMIN, BENCH_CHANNEL as CHANNEL, startBenchStack } from './support/stack';
import { heading, target } from './support/stats';

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
  const stack = await startBenchStack('claims');
  const { slack, doc } = stack;
  try {
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
      // The previous request's effects run after its answer: let them finish first.
      await stack.bosun.drainJobs();
      tally.clear();
      sequence.length = 0;
      const answer = await send();
      // What ran before the answer; the effects (card, thread, reply) are counted apart.
      const beforeAnswer = [...sequence];
      const counts = new Map([...tally].map(([k, v]) => [short(k), v]));
      await stack.bosun.drainJobs();
      const effects = sequence.slice(beforeAnswer.length);
      const w = beforeAnswer.findIndex((c) => c === 'TransactWriteItems');
      results.push({
        scenario,
        reply: text(answer.body).slice(0, 90),
        counts,
        beforeWrite: w < 0 ? beforeAnswer : beforeAnswer.slice(0, w),
        afterWrite: w < 0 ? effects : [...beforeAnswer.slice(w + 1), '| effects:', ...effects],
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
        `  before the transaction: ${r.beforeWrite.join(', ') || '—'}; after it: ${r.afterWrite.join(', ') || '—'}`,
      );
      console.log(`  reply: ${r.reply}`);
      if (r.scenario.endsWith('(succeeds)')) {
        // Before the answer: the request's once-record (1 put, then 1 update), at most 1 read, and
        // the claim's one transaction; no other write.
        const writes = [...r.counts].filter(([k]) => WRITES.has(k)).reduce((a, [, v]) => a + v, 0);
        const reads = r.beforeWrite.filter((c) => !WRITES.has(c)).length;
        const ok =
          r.counts.get('TransactWriteItems') === 1 &&
          r.counts.get('PutItem') === 1 &&
          r.counts.get('UpdateItem') === 1 &&
          writes === 3 &&
          // Captain reads the vessel too: only its listed captains may claim it.
          reads <= (r.scenario.includes('captain') ? 2 : 1);
        met &&= ok;
      }
    }
    console.log(
      target(
        'successful claim before its answer = 1 TransactWriteItems + ≤ 1 read (2 for Captain: the vessel) + the request once-record (1 put, 1 update)',
        met,
      ),
    );
    doc.destroy();
  } finally {
    await stack.stop();
  }
}

await main();
