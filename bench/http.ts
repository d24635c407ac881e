/**
 * HTTP benchmark: signed Slack requests through Bosun's HTTP app (Node server, loopback) with
 * DynamoDB Local and the local Slack sink, 20 concurrent clients (autocannon). Two runs:
 * `/sail create` by an admin, then `/crew claim <id> crew` by distinct users, four claims per
 * sail in a row so they race for its three crew slots. Every body is built and signed afresh,
 * as Slack does. Target: p99 well under 300 ms (Slack's own limit is 3 s).
 *
 *   npx tsx bench/http.ts [--seconds 5] [--connections 20]
 *
 * The app runs in its own process (bench/support/http-server.ts) so the load generator does not
 * share its event loop; the sink and DynamoDB Local (a JVM) are separate too, all on 2 cores here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startDynamoLocal } from '../src/local/services';
import { startSlackSink } from '../src/local/slack-sink';
import { commandBody, signForm } from '../src/slack/payloads';
import { ensureTable } from '../src/store/table';
import type { ServerStats } from './support/http-server';
import { heading, target } from './support/stats';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const root = resolve(import.meta.dirname, '..');
const SECRET = 'bench-http-signing-secret';
const ADMIN = 'UADMIN0001';
const CHANNEL = 'CSAILS0001';
const P99_TARGET_MS = 300;

/** What a reply said, by the wording Bosun uses. */
function outcome(text: string): string {
  if (text.startsWith('Created ')) return 'created';
  if (text.startsWith('You are ')) return 'claimed';
  if (text.includes(' is taken by ')) return 'taken';
  if (text.startsWith('Every crew slot is taken')) return 'full';
  return 'other';
}

function replyText(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'text' in parsed && typeof parsed.text === 'string')
      return parsed.text;
  } catch {
    // not JSON: the reply is the body itself
  }
  return body;
}

/** A date `days` ahead of today (UTC), as the command grammar writes it. */
function dayAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

interface Server {
  child: ChildProcess;
  url: string;
  /** The server's own figures for the requests since the previous mark. */
  mark(name: string): Promise<ServerStats>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [join(root, 'bench', 'support', 'http-server.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (!child.stdout || !child.stdin) throw new Error('the Bosun server has no stdio pipes');
  const waiting = new Map<string, (s: ServerStats) => void>();
  let listening: (port: number) => void = () => {};
  const port = new Promise<number>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the Bosun server did not start within 60 s')), 60_000);
    listening = (p) => {
      clearTimeout(timer);
      ok(p);
    };
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the Bosun server exited with ${code}`));
    });
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const l = /^LISTENING (\d+)$/.exec(line);
    if (l) listening(Number(l[1]));
    const m = /^STATS (\S+) (.*)$/.exec(line);
    if (m?.[1] && m[2]) waiting.get(m[1])?.(JSON.parse(m[2]));
  });
  const stdin = child.stdin;
  return {
    child,
    url: `http://127.0.0.1:${await port}`,
    mark: (name) =>
      new Promise((ok) => {
        waiting.set(name, ok);
        stdin.write(`mark ${name}\n`);
      }),
  };
}

interface Run {
  title: string;
  result: autocannon.Result;
  outcomes: Map<string, number>;
  example: Map<string, string>;
}

/** One autocannon run; `next` builds the i-th command line and its sender. */
function load(
  url: string,
  sinkUrl: string,
  title: string,
  durationS: number,
  next: (i: number) => { line: string; userId: string },
  onReply?: (text: string) => void,
): Promise<Run> {
  let i = 0;
  const outcomes = new Map<string, number>();
  const example = new Map<string, string>();
  return new Promise((ok, fail) => {
    autocannon(
      {
        url,
        connections,
        duration: durationS,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: '/slack/events',
            setupRequest: (req) => {
              const { line, userId } = next(i++);
              const [command = '', ...rest] = line.split(' ');
              const signed = signForm(
                commandBody({
                  command,
                  text: rest.join(' '),
                  actor: { userId, channelId: CHANNEL },
                  responseUrl: `${sinkUrl}/response/${randomUUID()}`,
                }),
                SECRET,
              );
              return {
                ...req,
                method: 'POST',
                path: '/slack/events',
                headers: signed.headers,
                body: signed.body,
              };
            },
            onResponse: (status, body) => {
              const text = replyText(body);
              const kind = status === 200 ? outcome(text) : `HTTP ${status}`;
              outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
              if (!example.has(kind)) example.set(kind, text.slice(0, 160));
              if (status === 200) onReply?.(text);
            },
          },
        ],
      },
      (err, result) => (err ? fail(err) : ok({ title, result, outcomes, example })),
    );
  });
}

function report(run: Run, server: ServerStats): boolean {
  const r = run.result;
  const answered = [...run.outcomes.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${run.title}: ${answered} answered in ${r.duration.toFixed(1)} s, ${r.requests.average.toFixed(0)} req/s; ` +
      `latency p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; ` +
      `errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}`,
  );
  const parts = [...run.outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
  console.log(`  replies: ${parts.join(', ')}`);
  for (const [k, text] of run.example)
    if (k === 'other' || k.startsWith('HTTP')) console.log(`  e.g. ${k}: ${text}`);
  const perRequest = (n: number) => (server.requests ? n / server.requests : 0).toFixed(2);
  const dynamo = Object.entries(server.dynamo)
    .sort((a, b) => b[1].calls - a[1].calls)
    .map(
      ([k, d]) => `${k} ${perRequest(d.calls)}/req (p50 ${d.p50Ms.toFixed(0)}, p99 ${d.p99Ms.toFixed(0)} ms)`,
    );
  console.log(
    `  inside the app: p50 ${server.appP50Ms.toFixed(0)} ms, p99 ${server.appP99Ms.toFixed(0)} ms, ` +
      `CPU ${server.cpuMsPerRequest.toFixed(1)} ms/request`,
  );
  console.log(`  DynamoDB Local: ${dynamo.join('; ')}`);
  return r.latency.p99 < P99_TARGET_MS && r.errors === 0 && r.timeouts === 0 && r.non2xx === 0;
}

async function main(): Promise<void> {
  const dynamo = await startDynamoLocal();
  const sink = await startSlackSink();
  let server: ChildProcess | undefined;
  try {
    const table = `bosun-bench-http-${randomUUID().slice(0, 8)}`;
    await ensureTable({ region: 'us-west-2', endpoint: dynamo.endpoint }, table);
    const started = await startServer({
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: sink.apiUrl,
      BOSUN_ADMINS: ADMIN,
      BOSUN_CHANNEL: CHANNEL,
      BOSUN_TABLE: table,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: 'us-west-2',
      JWT_SECRET: 'bench-http-jwt-secret-at-least-32-bytes!!',
      BOSUN_LOG_LEVEL: 'ERROR',
    });
    server = started.child;

    heading(`HTTP: signed Slack commands, ${connections} concurrent clients, ${seconds} s per run, loopback`);
    console.log(
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} on ${availableParallelism()} cores`,
    );
    const sails: string[] = [];
    const create = (i: number) => ({
      // `force`: after 300 the days repeat, and a vessel already out would be refused.
      line: `/sail create ${dayAhead(20 + (i % 300))} sunset 2h crew=3 guests=6 force Bench sail ${i}`,
      userId: ADMIN,
    });
    const collect = (text: string) => {
      const id = /S-[0-9A-Z]{6}/.exec(text)?.[0];
      if (id) sails.push(id);
    };
    // A short unmeasured run warms the JIT, the SDK's connections and DynamoDB Local's JVM.
    await load(started.url, sink.url, 'warm-up', 1, create, collect);
    await started.mark('warm-up');
    const creates = await load(started.url, sink.url, '/sail create', seconds, create, collect);
    const createStats = await started.mark('create');
    if (sails.length === 0) throw new Error('no sail was created, so there is nothing to claim');
    // Four distinct users in a row on each sail: with 20 clients in flight they race for its three
    // crew slots, so replies are a mix of claimed and taken (and full once a sail has filled).
    let user = 0;
    const claims = await load(started.url, sink.url, '/crew claim <id> crew', seconds, (i) => ({
      line: `/crew claim ${sails[Math.floor(i / 4) % sails.length]} crew`,
      userId: `UCREW${String(++user).padStart(6, '0')}`,
    }));
    const claimStats = await started.mark('claim');
    const okCreate = report(creates, createStats);
    const okClaim = report(claims, claimStats);
    console.log(`  Slack sink received ${sink.calls().length} Web API calls in all`);
    console.log(target(`p99 < ${P99_TARGET_MS} ms with no errors, /sail create`, okCreate));
    console.log(target(`p99 < ${P99_TARGET_MS} ms with no errors, /crew claim`, okClaim));
  } finally {
    server?.stdin?.end();
    if (server && server.exitCode === null) {
      await new Promise<void>((r) => {
        const t = setTimeout(() => {
          server?.kill('SIGKILL');
          r();
        }, 5000);
        server?.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    await sink.stop();
    await dynamo.stop();
  }
}

await main();
