import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MessageRejected, type SESClient, type SendRawEmailCommandInput } from '@aws-sdk/client-ses';
import { describe, expect, it } from 'vitest';
import { createOnce } from '../../src/idempotency';
import { createJobDispatcher } from '../../src/jobs/dispatcher';
import { createReportDataLoader, SAMPLE_DATA_NOTICE, toSailFacts } from '../../src/jobs/report-data';
import { createReportJobHandler, REPORT_JOB, type ReportJobPayload } from '../../src/jobs/report-job';
import { createJobRunner } from '../../src/jobs/runner';
import { createSesClient, createSesMailer } from '../../src/mail/ses-mailer';
import { parseLedgerCsv } from '../../src/reports/ledger';
import { loadReportTemplates, type SlackBlock } from '../../src/reports/render';
import { createLedgerStore } from '../../src/store/ledger';
import { createPortfolioStore } from '../../src/store/portfolio';
import { createReportRunStore } from '../../src/store/report-runs';
import { freshTable, sesEndpoint, sesStore, WORKSPACE } from '../support/aws';

const NOW = new Date('2026-11-25T20:00:00Z');

function recordSes(ses: SESClient, failures: unknown[] = []) {
  const inputs: SendRawEmailCommandInput[] = [];
  ses.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'SendRawEmailCommand') {
        inputs.push({ ...(args.input as SendRawEmailCommandInput) });
        const f = failures.shift();
        if (f) throw f;
      }
      return next(args);
    },
    { step: 'initialize', name: 'testRecorder' },
  );
  return inputs;
}

async function setup(
  opts: { sesFailures?: unknown[]; postFails?: boolean; imported?: boolean; deployed?: boolean } = {},
) {
  const { doc, table } = await freshTable();
  const portfolios = createPortfolioStore({ workspace: WORKSPACE, doc, table, now: () => NOW });
  const ledger = createLedgerStore({ workspace: WORKSPACE, doc, table });
  if (opts.imported) {
    // The same files, but imported: the report must not call them sample data.
    const p = await portfolios.importYaml(readFileSync('data/portfolio.yaml', 'utf8'));
    if (!p.ok) throw new Error('the sample portfolio must import');
    await ledger.importLines(parsedSampleLedger());
  }
  const ses = createSesClient({ region: 'us-west-2', endpoint: sesEndpoint() });
  const sesInputs = recordSes(ses, opts.sesFailures);
  const recipient = `reports-${randomUUID().slice(0, 8)}@queenofsandiego.com`;
  const posted: { channel: string; blocks: SlackBlock[]; text: string }[] = [];
  const dms: { userId: string; text: string }[] = [];
  const runs = createReportRunStore({ workspace: WORKSPACE, doc, table });
  const handler = createReportJobHandler({
    loadData: createReportDataLoader({
      portfolios,
      ledger,
      dataDir: 'data',
      demo: { status: async () => undefined },
      deployed: opts.deployed ?? false,
    }),
    loadSails: async () => [
      toSailFacts(
        {
          id: 'S-7K2M9Q',
          departAt: new Date('2026-12-05T23:00:00Z'),
          returnAt: new Date('2026-12-06T01:00:00Z'),
          status: 'scheduled',
          guestCapacity: 6,
        },
        NOW,
      ),
    ],
    templates: () => loadReportTemplates('templates'),
    mailer: createSesMailer({
      ses,
      from: 'bosun@queenofsandiego.com',
      auditBcc: 'audit@queenofsandiego.com',
      sleep: async () => {},
    }),
    recipients: [recipient],
    runs,
    async postSummary(m) {
      if (opts.postFails) throw new Error('channel_not_found');
      posted.push(m);
    },
    async notifyRequester(m) {
      dms.push(m);
    },
    now: () => NOW,
  });
  const runner = createJobRunner({
    once: createOnce({ client: doc, table }).once,
    handlers: { [REPORT_JOB]: handler },
  });
  const jobs = createJobDispatcher({ runner });
  const inbox = async () =>
    (await sesStore()).filter((m) => m.destination.to.some((t) => t.includes(recipient)));
  return { jobs, runs, sesInputs, recipient, posted, dms, inbox, runner };
}

function parsedSampleLedger() {
  const l = parseLedgerCsv(readFileSync('data/ledger-sample.csv', 'utf8'));
  if (!l.ok) throw new Error('the sample ledger must parse');
  return l.lines;
}

function blockTexts(blocks: readonly SlackBlock[]): string[] {
  return blocks.flatMap((b) =>
    b.type === 'section' ? [b.text?.text ?? ''] : b.type === 'context' ? b.elements.map((e) => e.text) : [],
  );
}

const payload = (p: Partial<ReportJobPayload> = {}): ReportJobPayload => ({
  kind: 'cfo',
  requestedBy: 'U0ADMIN01',
  channel: 'C0BOSUN01',
  ...p,
});

describe('report job (DynamoDB Local + SES emulator)', () => {
  it('on an empty table: the email (subject, HTML top, text top) and the Slack summary say it is sample data', async () => {
    const t = await setup();
    await t.jobs.dispatch(REPORT_JOB, payload());
    await t.jobs.drain();

    const [mail] = await t.inbox();
    expect(mail?.subject).toBe('[SAMPLE DATA] CFO report · Nov 25, 2026');
    const html = mail?.body.html ?? '';
    // Both the inbox preview (preheader) and the boxed notice come before the title.
    const beforeTitle = html.slice(0, html.indexOf('<h1'));
    expect(
      beforeTitle.match(/Built from the SAMPLE data in data\/ — no portfolio has been imported\./g),
    ).toHaveLength(2);
    expect(html).toContain(
      'Run `bosun portfolio import &lt;file.yaml&gt;` and `bosun ledger import &lt;file.csv&gt;`.',
    );
    const text = mail?.body.text ?? '';
    expect(text.trimStart().startsWith(`!!! ${SAMPLE_DATA_NOTICE.slice(0, 40)}`)).toBe(true);
    expect(text.replace(/\s+/g, ' ')).toContain(SAMPLE_DATA_NOTICE);

    const summary = t.posted[0];
    expect(summary?.blocks[1]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: ':warning: *Built from the SAMPLE data in data/ — no portfolio has been imported. Run `bosun portfolio import &lt;file.yaml&gt;` and `bosun ledger import &lt;file.csv&gt;`.*',
      },
    });
    expect(summary?.text).toContain('Built from the SAMPLE data');
  });

  it('with an imported portfolio: no sample-data notice anywhere', async () => {
    const t = await setup({ imported: true });
    await t.jobs.dispatch(REPORT_JOB, payload());
    await t.jobs.drain();

    const [mail] = await t.inbox();
    expect(mail?.subject).toBe('CFO report · Nov 25, 2026');
    expect(mail?.body.html).not.toMatch(/SAMPLE/);
    expect(mail?.body.text).not.toMatch(/SAMPLE|!!!/);
    expect(mail?.body.html).toContain('Break-even charters');
    const summary = t.posted[0];
    expect(summary).toBeDefined();
    expect(blockTexts(summary?.blocks ?? []).join('\n')).not.toMatch(/SAMPLE|:warning:/);
    expect(summary?.text).not.toMatch(/SAMPLE/);
  });

  it('emails the report once with the audit copy, posts the summary, records the run; a duplicate job sends nothing', async () => {
    const t = await setup();
    const { jobId } = await t.jobs.dispatch(REPORT_JOB, payload());
    await t.jobs.dispatch(REPORT_JOB, payload(), { jobId });
    await t.jobs.drain();
    await t.runner.run({ jobId, kind: REPORT_JOB, payload: payload() });

    const inbox = await t.inbox();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]?.subject).toMatch(/^\[SAMPLE DATA\] CFO report · Nov 25, 2026$/);
    expect(inbox[0]?.body.html).toContain('Break-even charters');
    expect(inbox[0]?.body.text).toContain('EXECUTIVE SUMMARY');
    expect(inbox[0]?.destination.bcc).toEqual([]);
    expect(t.sesInputs).toHaveLength(1);
    expect(t.sesInputs[0]?.Destinations?.sort()).toEqual(['audit@queenofsandiego.com', t.recipient].sort());

    expect(t.posted).toHaveLength(1);
    expect(t.posted[0]?.channel).toBe('C0BOSUN01');
    const last = t.posted[0]?.blocks.at(-1);
    expect(last?.type === 'context' && last.elements[0]?.text).toBe(`Full report sent to ${t.recipient}`);
    expect(t.dms).toEqual([]);

    await expect(t.runs.get(jobId)).resolves.toMatchObject({
      kind: 'cfo',
      requestedBy: 'U0ADMIN01',
      status: 'sent',
      messageId: inbox[0]?.messageId,
      at: NOW.toISOString(),
    });
  });

  it('a permanent SES error is tried once, recorded, and DMed to the requester with how to resend', async () => {
    const rejected = new MessageRejected({
      message: 'Email address is not verified.',
      $metadata: { httpStatusCode: 400 },
    });
    const t = await setup({ sesFailures: [rejected] });
    const { jobId } = await t.jobs.dispatch(REPORT_JOB, payload({ kind: 'billing' }));
    await t.jobs.drain();
    expect(t.sesInputs).toHaveLength(1);
    expect(await t.inbox()).toHaveLength(0);
    expect(t.dms).toHaveLength(1);
    expect(t.dms[0]?.userId).toBe('U0ADMIN01');
    expect(t.dms[0]?.text).toMatch(/email to .* failed: .*MessageRejected/);
    expect(t.dms[0]?.text).toContain('`/report billing` again');
    expect(t.dms[0]?.text).toContain('bosun report billing');
    const last = t.posted[0]?.blocks.at(-1);
    expect(last?.type === 'context' && last.elements[0]?.text).toMatch(/could not be emailed/);
    await expect(t.runs.get(jobId)).resolves.toMatchObject({
      status: 'failed',
      error: expect.stringContaining('MessageRejected'),
    });
  });

  it('an unknown entity fails before anything is sent, and the requester is told', async () => {
    const t = await setup();
    const { jobId } = await t.jobs.dispatch(REPORT_JOB, payload({ entity: 'nope' }));
    await t.jobs.drain();
    expect(t.sesInputs).toHaveLength(0);
    expect(t.posted).toHaveLength(0);
    expect(t.dms[0]?.text).toMatch(/no entity 'nope'.*`\/report cfo nope` again/s);
    await expect(t.runs.get(jobId)).resolves.toMatchObject({ status: 'failed' });
  });

  it('deployed with no portfolio: nothing is sent, and the requester is told how to import one', async () => {
    const t = await setup({ deployed: true });
    const { jobId } = await t.jobs.dispatch(REPORT_JOB, payload());
    await t.jobs.drain();
    expect(t.sesInputs).toHaveLength(0);
    expect(t.posted).toHaveLength(0);
    expect(t.dms[0]?.text).toMatch(
      /No portfolio has been imported yet.*bosun portfolio import <file\.yaml>/s,
    );
    expect(t.dms[0]?.text).not.toMatch(/\$\d/);
    await expect(t.runs.get(jobId)).resolves.toMatchObject({ status: 'failed' });
  });

  it('a Slack failure after the email still records the run as sent and tells the requester', async () => {
    const t = await setup({ postFails: true });
    const { jobId } = await t.jobs.dispatch(REPORT_JOB, payload({ kind: 'cto' }));
    await t.jobs.drain();
    expect(await t.inbox()).toHaveLength(1);
    expect(t.dms[0]?.text).toMatch(/emailed .* but its summary could not be posted .*channel_not_found/);
    await expect(t.runs.get(jobId)).resolves.toMatchObject({
      status: 'sent',
      error: 'summary: channel_not_found',
    });
  });

  it('throttling then success sends one email after two attempts', async () => {
    const throttled = Object.assign(new Error('Maximum sending rate exceeded.'), {
      name: 'Throttling',
      $metadata: { httpStatusCode: 400 },
    });
    const t = await setup({ sesFailures: [throttled] });
    await t.jobs.dispatch(REPORT_JOB, payload({ kind: 'rental' }));
    await t.jobs.drain();
    expect(t.sesInputs).toHaveLength(2);
    expect(await t.inbox()).toHaveLength(1);
    expect(t.dms).toEqual([]);
  });
});
