/**
 * Creating a weekly series of 26 sails (`/sail create … every=<day> until=<date>`) through the
 * signed Slack path on DynamoDB Local and the Slack sink: the time inside the app until the answer,
 * the DynamoDB requests before and after the answer (SDK middleware count), and the time the 26
 * card posts (effects) take after it. Target: the answer carries only the state change — no card
 * is posted before it — and comes within Slack's 3 s (2.5 s with margin) on this machine. A single
 * `/sail create` is measured alongside for scale.
 *
 *   npx tsx bench/series.ts [--rounds 5]
 */
import { parseArgs } from 'node:util';
import { sendCommand } from '../src/local/slack-client';
import { countRequests } from '../src/store/client';
import { BENCH_ADMIN as ADMIN, BENCH_CHANNEL as CHANNEL, startBenchStack } from './support/stack';
import { heading, median, ms, target } from './support/stats';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const ROUNDS = Number(values.rounds);
const DAY = 86_400_000;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const short = (name: string) => name.replace(/Command$/, '');
const text = (body: unknown) =>
  typeof body === 'object' && body !== null && 'text' in body ? String(body.text) : String(body ?? '');

interface Round {
  answerMs: number;
  effectsMs: number;
  before: Map<string, number>;
  after: Map<string, number>;
  postsBeforeAnswer: number;
  cards: number;
  sails: number;
}

async function main(): Promise<void> {
  const stack = await startBenchStack('series');
  const { bosun, sink, slack, doc } = stack;
  try {
    const tally = countRequests(doc);
    const actor = { userId: ADMIN, channelId: CHANNEL };
    const snapshot = () => new Map([...tally].map(([k, v]) => [short(k), v]));

    async function measure(line: string, expectSails: number): Promise<Round> {
      await bosun.drainJobs();
      tally.clear();
      const sinkBefore = sink.calls().length;
      const started = performance.now();
      const answer = await sendCommand(slack, line, actor);
      const answerMs = performance.now() - started;
      const before = snapshot();
      const postsBeforeAnswer = sink
        .calls()
        .slice(sinkBefore)
        .filter((c) => c.method === 'chat.postMessage').length;
      tally.clear();
      const effectsStarted = performance.now();
      await bosun.drainJobs();
      const effectsMs = performance.now() - effectsStarted;
      const after = snapshot();
      const cards = sink
        .calls()
        .slice(sinkBefore)
        .filter((c) => c.method === 'chat.postMessage').length;
      const sails = new Set(text(answer.body).match(/S-[0-9A-Z]{6}/g) ?? []).size;
      if (sails !== expectSails) throw new Error(`expected ${expectSails} sails: ${text(answer.body)}`);
      return { answerMs, effectsMs, before, after, postsBeforeAnswer, cards, sails };
    }

    // Warm up the emulator and the app (the first transactions on a fresh table are slow).
    const warmDate = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
    await measure(`/sail create ${warmDate} sunset 2h crew=2 Warm-up`, 1);

    const series: Round[] = [];
    const singles: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const start = new Date(Date.now() + (30 + r) * DAY);
      const date = start.toISOString().slice(0, 10);
      const until = new Date(start.getTime() + 25 * 7 * DAY).toISOString().slice(0, 10);
      const day = WEEKDAYS[start.getUTCDay()];
      series.push(
        await measure(`/sail create ${date} sunset 2h crew=2 every=${day} until=${until} Bench series`, 26),
      );
      singles.push(await measure(`/sail create ${date} 10:00 2h crew=2 Bench single`, 1));
    }

    const show = (label: string, rounds: Round[]) => {
      const last = rounds[rounds.length - 1];
      if (!last) return;
      const fmt = (m: Map<string, number>) =>
        [...m]
          .sort()
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none';
      const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      console.log(`${label} (${rounds.length} rounds, medians):`);
      console.log(
        `  answer inside the app ${ms(median(rounds.map((x) => x.answerMs)))} (min ${ms(Math.min(...rounds.map((x) => x.answerMs)))}, max ${ms(Math.max(...rounds.map((x) => x.answerMs)))}); effects after it ${ms(median(rounds.map((x) => x.effectsMs)))}`,
      );
      console.log(`  before the answer: ${total(last.before)} DynamoDB requests (${fmt(last.before)})`);
      console.log(`  after it (effects: cards, once-records): ${total(last.after)} (${fmt(last.after)})`);
      console.log(
        `  Slack posts before the answer: ${last.postsBeforeAnswer}; cards posted after it: ${last.cards}`,
      );
    };
    heading('Creating a weekly series of 26 sails vs one sail, full Slack path on DynamoDB Local');
    show('series of 26', series);
    show('one sail', singles);
    const noPostBefore = [...series, ...singles].every((x) => x.postsBeforeAnswer === 0);
    const allCards = series.every((x) => x.cards === 26);
    console.log(
      target('no card posted before the answer; all 26 cards posted after it', noPostBefore && allCards),
    );
    console.log(target('series answer within 2.5 s (median)', median(series.map((x) => x.answerMs)) <= 2500));
    doc.destroy();
  } finally {
    await stack.stop();
  }
}

await main();
