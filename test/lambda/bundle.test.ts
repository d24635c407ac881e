/**
 * Drives the built bundle `dist/lambda.js` with Lambda Function URL (payload v2) events, as AWS
 * would: base64 bodies holding non-ASCII text, content types with a charset, Slack's signature.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderBlocks } from '../../src/local/render-blocks';
import { type SlackSink, startSlackSink } from '../../src/local/slack-sink';
import { blockActionBody, commandBody, signForm } from '../../src/slack/payloads';
import { createFleetStore } from '../../src/store/fleet';
import { freshTable, WORKSPACE } from '../support/aws';
import { JADA_PLACE, seedFleet } from '../support/fleet';

const SECRET = 'bundle-test-signing-secret';
/** A local date some days ahead: the bundle runs on the real clock. */
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const bundle = resolve('dist/lambda.js');
let sink: SlackSink;
type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{ statusCode?: number; body?: string; sent?: Record<string, number>; status?: string }>;
let handler: Handler;

function functionUrlEvent(body: string, headers: Record<string, string>) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: { ...headers, host: 'abc.lambda-url.us-west-2.on.aws', 'x-forwarded-proto': 'https' },
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abc',
      domainName: 'abc.lambda-url.us-west-2.on.aws',
      domainPrefix: 'abc',
      http: {
        method: 'POST',
        path: '/slack/events',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.9',
        userAgent: 'Slackbot 1.0',
      },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '25/Nov/2026:20:00:00 +0000',
      timeEpoch: Date.now(),
    },
    body: Buffer.from(body, 'utf8').toString('base64'),
    isBase64Encoded: true,
  };
}

const context = {
  awsRequestId: 'req-1',
  functionName: 'bosun',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-west-2:123456789012:function:bosun',
  memoryLimitInMB: '1024',
  getRemainingTimeInMillis: () => 30000,
};

beforeAll(async () => {
  if (!existsSync(bundle)) execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
  const { doc, table, dynamo } = await freshTable();
  // The fleet is data: the sail below is planned on JADA, which the table must hold.
  await seedFleet(createFleetStore({ doc, table, workspace: WORKSPACE }));
  sink = await startSlackSink();
  Object.assign(process.env, {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bundle-test',
    SLACK_API_URL: sink.apiUrl,
    BOSUN_ADMINS: 'UADMIN0001',
    BOSUN_CHANNEL: 'CSAILS0001',
    BOSUN_TABLE: table,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    JWT_SECRET: 'bundle-test-jwt-secret-at-least-32-bytes!!',
    AWS_REGION: 'us-west-2',
  });
  ({ handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler });
});
afterAll(() => sink.stop());

describe('dist/lambda.js with Function URL events', () => {
  it('serves a signed slash command with a base64 UTF-8 body and a charset content type, then a button click', async () => {
    const title = 'Fiesta del Sol ☀ – año nuevo';
    const actor = { userId: 'UADMIN0001', channelId: 'CSAILS0001' };
    const signed = signForm(
      commandBody({
        command: '/sail',
        text: `create ${inDays(30)} sunset 2h crew=1 ${title}`,
        actor,
        responseUrl: `${sink.url}/response/1`,
      }),
      SECRET,
    );
    const res = await handler(functionUrlEvent(signed.body, signed.headers), context);
    expect(res.statusCode).toBe(200);
    const reply = JSON.parse(res.body ?? '') as { text: string };
    expect(reply.text).toContain(title);
    const id = /S-[0-9A-Z]{6}/.exec(reply.text)?.[0];
    // The card is an effect after the answer (in-process here: no EVENT_BUS_NAME).
    await vi.waitFor(() => expect(sink.calls().some((c) => c.method === 'chat.postMessage')).toBe(true));
    const card = sink.calls().find((c) => c.method === 'chat.postMessage');
    expect(renderBlocks(card?.args.blocks)).toContain(title);

    const click = signForm(
      blockActionBody({
        actionId: 'roster.claim',
        value: `${id}:crew-1`,
        actor: { userId: 'UCREW0001', channelId: 'CSAILS0001' },
        responseUrl: `${sink.url}/response/2`,
      }),
      SECRET,
    );
    const clicked = await handler(functionUrlEvent(click.body, click.headers), context);
    expect(clicked.statusCode).toBe(200);
    await vi.waitFor(() => expect(sink.calls().some((c) => c.method === 'chat.update')).toBe(true));
    const update = sink.calls().find((c) => c.method === 'chat.update');
    expect(renderBlocks(update?.args.blocks)).toContain('@UCREW0001');
  });

  it('refuses a bad signature with 401', async () => {
    const signed = signForm('command=%2Fsail&text=list&user_id=U1&channel_id=C1', 'wrong-secret');
    const res = await handler(functionUrlEvent(signed.body, signed.headers), context);
    expect(res.statusCode).toBe(401);
  });

  it('answers /healthz', async () => {
    const ev = functionUrlEvent('', {});
    const res = await handler(
      {
        ...ev,
        rawPath: '/healthz',
        body: undefined,
        isBase64Encoded: false,
        requestContext: {
          ...ev.requestContext,
          http: { ...ev.requestContext.http, method: 'GET', path: '/healthz' },
        },
      },
      context,
    );
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body ?? '')).toEqual({ ok: true });
  });
});

describe('dist/lambda.js with the ptb_nudge schedule', () => {
  it('runs the nudge sweep: a sail departing tomorrow with open roles gets its reminder in the thread', async () => {
    const { createDocumentClient } = await import('../../src/store/client');
    const { createSailStore } = await import('../../src/store/sails');
    const doc = createDocumentClient({ region: 'us-west-2', endpoint: process.env.DYNAMODB_ENDPOINT });
    // Created a week ago, so every reminder window since then is still ahead of it.
    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    const store = createSailStore({
      workspace: WORKSPACE,
      doc,
      table: String(process.env.BOSUN_TABLE),
      now: () => weekAgo,
    });
    const depart = new Date(Date.now() + 20 * 3_600_000);
    const date = depart.toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' });
    const hhmm = depart.toLocaleTimeString('en-GB', {
      timeZone: 'America/Los_Angeles',
      hour: '2-digit',
      minute: '2-digit',
    });
    const created = await store.create(
      {
        date,
        start: hhmm,
        durationMinutes: 120,
        crewCount: 1,
        guestCapacity: 4,
        vesselId: 'jada',
        title: 'Nudge me',
      },
      'UADMIN0001',
      JADA_PLACE,
    );
    expect(created.ok).toBe(true);
    const id = created.ok ? created.sail.id : '';
    const before = sink.calls().length;
    const scheduled = {
      version: '0',
      id: 'evt-1',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: new Date().toISOString(),
      region: 'us-west-2',
      resources: ['arn:aws:events:us-west-2:123456789012:rule/ptb_nudge'],
      detail: {},
    };
    const summary = await handler(scheduled, context);
    expect(summary.sent?.roles).toBeGreaterThanOrEqual(1);
    const posted = sink
      .calls()
      .slice(before)
      .filter((c) => c.method === 'chat.postMessage');
    expect(posted.some((c) => JSON.stringify(c.args).includes(id))).toBe(true);
    // A second run sends nothing again.
    const again = await handler(scheduled, context);
    expect(Object.values(again.sent ?? {}).reduce((a, b) => a + b, 0)).toBe(0);
  });
});

describe('dist/lambda.js with EventBridge job events', () => {
  it('runs an effects job (a report) once, even when EventBridge delivers it twice', async () => {
    const job = {
      version: '0',
      id: 'evt-job-1',
      'detail-type': 'bosun.job',
      source: 'bosun',
      account: '123456789012',
      time: new Date().toISOString(),
      region: 'us-west-2',
      resources: [],
      detail: {
        jobId: `job-${Date.now()}`,
        kind: 'effects',
        payload: {
          team: 'T0LOCAL',
          effects: [
            {
              type: 'report',
              key: `report:report:${Date.now()}`,
              payload: { kind: 'cto', requestedBy: 'UADMIN0001', channel: 'CSAILS0001' },
            },
          ],
        },
      },
    };
    const before = sink.calls().length;
    const first = await handler(job, context);
    const second = await handler({ ...job, id: 'evt-job-1-again' }, context);
    // An effects batch has no record of its own: the second delivery runs it, and its one effect,
    // already done under its own key, is skipped.
    expect(first.status).toBe('ran');
    expect(second.status).toBe('ran');
    const summaries = sink
      .calls()
      .slice(before)
      .filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'CSAILS0001');
    expect(summaries).toHaveLength(1);
    expect(String(summaries[0]?.args.text)).toMatch(/CTO/);
  });
});

describe('dist/ is a self-contained Lambda package', () => {
  it('serves the guest page and reads its templates from beside the bundle, whatever the working directory', async () => {
    const { spawnSync } = await import('node:child_process');
    const { tmpdir } = await import('node:os');
    const script = `
      const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
      const ev = (path) => ({ version: '2.0', rawPath: path, rawQueryString: '', headers: { host: 'x.lambda-url.us-west-2.on.aws' },
        requestContext: { http: { method: 'GET', path, sourceIp: '203.0.113.1', protocol: 'HTTP/1.1', userAgent: 't' }, domainName: 'x', requestId: 'r' },
        isBase64Encoded: false });
      const page = await handler(ev('/g/ABCD2345'), {});
      console.log(JSON.stringify({ status: page.statusCode, html: String(page.body).includes('<html') }));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tmpdir(),
      env: { ...process.env, BOSUN_LOG_LEVEL: 'ERROR' },
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/Error/);
    const line = r.stdout.trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(line)).toEqual({ status: 200, html: true });
  });
});
