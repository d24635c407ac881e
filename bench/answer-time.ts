/**
 * Answer first: how long a command, a button and a modal submission take to be answered inside the
 * app, with the Slack sink answering at once and then after 1.5 s a call, in one run. The answer
 * must not depend on Slack's speed (target ratio ≤ 1.1) and p99 stays ≤ 300 ms here. Also the
 * app's CPU per request for create and claim (process CPU time over the requests, effects
 * included, since they run in this process too), and the effects' own time after the answers.
 *
 *   npx tsx bench/answer-time.ts
 */
import { sendAction, sendCommand, sendViewSubmission } from '../src/local/slack-client';
import { BENCH_ADMIN as ADMIN, BENCH_CHANNEL as CHANNEL, startBenchStack } from './support/stack';
import { heading, ms, quantile, target } from './support/stats';

const ROUNDS = 25;

async function main(): Promise<void> {
  const stack = await startBenchStack('answer', { ses: true });
  const { bosun, sink, slack } = stack;
  try {
    const actor = (userId: string) => ({ userId, channelId: CHANNEL });
    const day = (n: number) => new Date(Date.now() + (30 + n) * 86_400_000).toISOString().slice(0, 10);
    const timed = async (f: () => Promise<unknown>) => {
      const t0 = performance.now();
      await f();
      return performance.now() - t0;
    };

    /** One round of each kind; returns the answer times. */
    const round = async (i: number, tag: string) => {
      const user = `U${tag}${String(i).padStart(4, '0')}`;
      let text = '';
      const command = await timed(async () => {
        const a = await sendCommand(
          slack,
          `/sail create ${day(i)} 10:00 2h crew=3 Bench ${tag} ${i}`,
          actor(ADMIN),
        );
        text = typeof a.body === 'object' && a.body ? String(a.body.text) : '';
      });
      const id = /S-[0-9A-Z]{6}/.exec(text)?.[0] ?? '';
      const button = await timed(() =>
        sendAction(slack, { actionId: 'roster.claim', value: `${id}:crew-1` }, actor(user)),
      );
      const modal = await timed(() =>
        sendViewSubmission(
          slack,
          {
            callbackId: 'sail.create',
            values: {
              date: { date: { selected_date: day(i) } },
              start: { start: { selected_option: { value: 'sunset' } } },
              title: { title: { value: `Modal ${tag} ${i}` } },
            },
          },
          actor(ADMIN),
        ),
      );
      return { command, button, modal };
    };

    const results: Record<string, Record<string, number[]>> = {};
    // Each round's sails get their own days (a vessel is out once at a time).
    let nextDay = 1;
    let effectsMs = 0;
    // Warm up, then alternate fast and slow blocks so the machine's load hits both alike.
    await round(0, 'W');
    await bosun.drainJobs();
    for (const [block, delay] of [
      ['fast', 0],
      ['slow', 1500],
      ['fast', 0],
      ['slow', 1500],
    ] as const) {
      sink.setDelay(delay);
      results[block] ??= { command: [], button: [], modal: [] };
      const r = results[block];
      for (let i = 1; i <= ROUNDS / 2; i++) {
        const x = await round(nextDay++, block === 'fast' ? 'F' : 'S');
        r.command?.push(x.command);
        r.button?.push(x.button);
        r.modal?.push(x.modal);
      }
      const t0 = performance.now();
      await bosun.drainJobs();
      effectsMs += performance.now() - t0;
    }
    sink.setDelay(0);

    heading('Answer time inside the app (signed request → answer), Slack sink fast vs 1.5 s a call');
    for (const kind of ['command', 'button', 'modal'] as const) {
      const fast = results.fast?.[kind] ?? [];
      const slow = results.slow?.[kind] ?? [];
      const p50f = quantile(fast, 0.5);
      const p50s = quantile(slow, 0.5);
      const p99 = Math.max(quantile(fast, 0.99), quantile(slow, 0.99));
      console.log(
        `${kind.padEnd(8)} fast p50 ${ms(p50f)} p99 ${ms(quantile(fast, 0.99))} · slow p50 ${ms(p50s)} p99 ${ms(quantile(slow, 0.99))} · ratio ${(p50s / p50f).toFixed(2)}`,
      );
      console.log(
        target(`${kind}: slow/fast median ratio ≤ 1.1 (${(p50s / p50f).toFixed(2)})`, p50s / p50f <= 1.1),
      );
      console.log(target(`${kind}: p99 ≤ 300 ms (${ms(p99)})`, p99 <= 300));
    }
    console.log(`effects drained after the answers (slow blocks dominate): ${ms(effectsMs)} in all`);

    heading('App CPU per request (this process: the app and its effects; DynamoDB Local is apart)');
    for (const kind of ['create', 'claim'] as const) {
      await bosun.drainJobs();
      const cpu0 = process.cpuUsage();
      const n = 20;
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        if (kind === 'create') {
          const a = await sendCommand(slack, `/sail create ${day(200 + i)} 10:00 CPU ${i}`, actor(ADMIN));
          ids.push(typeof a.body === 'object' && a.body ? String(a.body.text) : '');
        } else {
          const a = await sendCommand(
            slack,
            `/sail create ${day(250 + i)} 10:00 CPU claim ${i}`,
            actor(ADMIN),
          );
          const id = /S-[0-9A-Z]{6}/.exec(
            typeof a.body === 'object' && a.body ? String(a.body.text) : '',
          )?.[0];
          await bosun.drainJobs();
          const before = process.cpuUsage();
          await sendCommand(slack, `/crew claim ${id} captain`, actor(`UCPU${i}`));
          await bosun.drainJobs();
          const d = process.cpuUsage(before);
          ids.push(String(d.user + d.system));
        }
      }
      await bosun.drainJobs();
      if (kind === 'create') {
        const d = process.cpuUsage(cpu0);
        console.log(
          `create: ${((d.user + d.system) / 1000 / n).toFixed(1)} ms CPU per request (answer + card effect)`,
        );
      } else {
        const each = ids.map(Number);
        console.log(
          `claim: ${(each.reduce((a, b) => a + b, 0) / 1000 / n).toFixed(1)} ms CPU per request (answer + card and reply effects)`,
        );
      }
    }
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
