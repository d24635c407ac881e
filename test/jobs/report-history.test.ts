/**
 * History and schedules on DynamoDB Local: a second run shows what changed since the first, and
 * `/report history` lists both; a weekly schedule fires once per week (injected clock, conditional
 * claim), a monthly one once per month about the month just closed.
 */
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { loadSampleData, type ReportData } from '../../src/jobs/report-data';
import { createReportJobHandler, type ReportJobPayload } from '../../src/jobs/report-job';
import { runScheduledReports } from '../../src/jobs/report-schedule';
import { REPORT_JOB } from '../../src/jobs/types';
import type { OutgoingMail } from '../../src/mail/types';
import { parseLedgerCsv } from '../../src/reports/ledger';
import { loadReportTemplates } from '../../src/reports/render';
import { dueScheduledReports } from '../../src/reports/schedule';
import { createReportSubcommands } from '../../src/slack/commands/report';
import type { CommandContext, SlackServices } from '../../src/slack/context';
import { createReportHistoryStore } from '../../src/store/report-history';
import { createReportRunStore } from '../../src/store/report-runs';
import { createReportScheduleStore, type ReportSchedule } from '../../src/store/report-schedules';
import { freshTable, WORKSPACE } from '../support/aws';
import { startTestBosun } from '../support/bosun';

const ADMIN = 'UADMIN0001';
const config = loadConfig({
  SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  BOSUN_ADMINS: ADMIN,
  BOSUN_CHANNEL: 'CSAILS0001',
  JWT_SECRET: 'test-jwt-secret-that-is-at-least-32-bytes-long',
});

/** A `/report` sub-command invocation outside the app, for what answers before any use case runs. */
function context(line: string, now: Date): CommandContext {
  const words = line.split(/\s+/).filter(Boolean);
  const unused = () => {
    throw new Error('not used by this sub-command');
  };
  const services: SlackServices = {
    config,
    now: () => now,
    workspace: unused,
    enqueue: unused,
    reportCommands: unused,
    answerOnce: unused,
  };
  return {
    args: words.slice(1),
    rest: words.slice(1).join(' '),
    team: WORKSPACE,
    userId: ADMIN,
    requestKey: 't',
    channelId: 'CREPORTS01',
    triggerId: 't',
    isAdmin: true,
    client: new webApi.WebClient('xoxb-test-token'),
    services,
  };
}

describe('report history', () => {
  it('a second run shows the change since the first; /report history lists both', async () => {
    const t = await startTestBosun({ now: () => new Date('2026-11-26T20:00:00Z') });
    const { doc, table } = { doc: t.bosun.doc, table: t.table };
    const history = createReportHistoryStore({ doc, table, workspace: WORKSPACE });
    const sample = await loadSampleData('data');
    // The second run's ledger has one more November expense: $3,000 of repairs.
    const extra = parseLedgerCsv(
      'date,description,amount,account\n2026-11-18,PACIFIC YACHT CARE REFIT,-3000,Chase 4411\n',
    );
    if (!extra.ok) throw new Error('the extra line must parse');
    const mails: OutgoingMail[] = [];
    const job = (data: ReportData, at: Date) =>
      createReportJobHandler({
        loadData: async () => data,
        loadSails: async () => [],
        templates: () => loadReportTemplates('templates'),
        mailer: {
          async send(m) {
            mails.push(m);
            return { messageId: `m${mails.length}` };
          },
        },
        recipients: ['owner@queenofsandiego.com'],
        runs: createReportRunStore({ doc, table, workspace: WORKSPACE }),
        history,
        postSummary: async () => ({ ts: '1.1' }),
        notifyRequester: async (m) => {
          throw new Error(m.text);
        },
        now: () => at,
      });
    const payload: ReportJobPayload = { kind: 'cfo', requestedBy: ADMIN, channel: 'CSAILS0001' };
    await job(sample, new Date('2026-11-20T20:00:00Z'))({ jobId: 'run-1', kind: REPORT_JOB, payload });
    await job(
      { ...sample, ledger: [...sample.ledger, ...extra.lines] },
      new Date('2026-11-25T20:00:00Z'),
    )({
      jobId: 'run-2',
      kind: REPORT_JOB,
      payload,
    });
    expect(mails).toHaveLength(2);
    expect(mails[0]?.text).not.toContain('Since the last report');
    // Nov MTD net: $150 on 20 Nov… then the $3,000 refit on the 18th lowers it by $3,000.
    const text = (mails[1]?.text ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Since the last report:');
    expect(text).toContain('Since the 20 Nov 2026 report (Nov 2026 MTD (to 20 Nov)):');
    // Net fell by the $3,000 refit: $150 → −$2,850 (about −2,000%: the first net was $149.70).
    expect(text).toMatch(
      /Net, Nov 2026 MTD \(to 25 Nov\) \(Queen of San Diego's portfolio\): \$150 → -\$2,850, −2,00\d\.\d%/,
    );
    expect(text).toContain("Fixed costs / month (Queen of San Diego's portfolio): unchanged at $13,475");
    expect(mails[1]?.html).toContain('Since the last report');

    const runs = await history.latest('cfo', undefined);
    expect(runs.map((r) => r.runId)).toEqual(['run-2', 'run-1']);
    // Through signed Slack requests, in the workspace the runs were recorded in.
    const answer = await t.command('/report history cfo');
    await t.stop();
    const listed = String((answer.body as { text?: string } | undefined)?.text);
    expect(listed).toMatch(
      /^\*CFO report history\*, newest first:\n• Nov 25, 2026.*Nov 2026 MTD \(to 25 Nov\)/,
    );
    expect(listed.split('\n')).toHaveLength(3);
  }, 60_000);
});

describe('report schedules', () => {
  // Set on Thursday 26 Nov: that week's slot (Monday 23 Nov) has passed, so the first is 30 Nov.
  const weekly: ReportSchedule = {
    kind: 'cfo',
    cadence: 'weekly',
    setBy: ADMIN,
    setAt: '2026-11-26T18:00:00Z',
  };
  const monthly: ReportSchedule = {
    kind: 'rental',
    cadence: 'monthly',
    setBy: ADMIN,
    setAt: '2026-11-26T18:00:00Z',
  };

  it('dueScheduledReports: weekly on Monday from 07:00, monthly on the 1st about the month just closed', () => {
    // Sunday 29 Nov, 22:00 in San Diego: this week's slot (Mon 23 Nov 07:00) came before the schedule.
    expect(dueScheduledReports(new Date('2026-11-30T06:00:00Z'), [weekly])).toEqual([]);
    // Monday 30 Nov, 06:45 local: not yet.
    expect(dueScheduledReports(new Date('2026-11-30T14:45:00Z'), [weekly])).toEqual([]);
    // Monday 30 Nov, 07:00 local (15:00 UTC): due for ISO week 49.
    const due = dueScheduledReports(new Date('2026-11-30T15:00:00Z'), [weekly, monthly]);
    expect(due.map((d) => [d.schedule.kind, d.period, d.month])).toEqual([['cfo', '2026-W49', undefined]]);
    // Tuesday 1 Dec, 07:15 local: the monthly rental report for November; the weekly one still week 49.
    const dec = dueScheduledReports(new Date('2026-12-01T15:15:00Z'), [weekly, monthly]);
    expect(dec.map((d) => [d.schedule.kind, d.period, d.month])).toEqual([
      ['cfo', '2026-W49', undefined],
      ['rental', '2026-12', '2026-11'],
    ]);
  });

  it('a weekly schedule fires once per week, however often the sweep runs', async () => {
    const { doc, table } = await freshTable();
    const schedules = createReportScheduleStore({ doc, table, workspace: WORKSPACE });
    await schedules.put(weekly);
    const sent: { payload: ReportJobPayload; jobId: string }[] = [];
    const deps = {
      schedules,
      dispatch: async (payload: ReportJobPayload, opts: { jobId: string }) => {
        sent.push({ payload, jobId: opts.jobId });
      },
    };
    // Every 15 minutes from Monday 30 Nov 06:00 to Monday 7 Dec 09:00 local (an injected clock).
    const start = Date.parse('2026-11-30T14:00:00Z');
    const end = Date.parse('2026-12-07T17:00:00Z');
    for (let t = start; t <= end; t += 15 * 60_000) await runScheduledReports(new Date(t), deps);
    expect(sent.map((s) => s.jobId)).toEqual(['sched-cfo-all-2026-W49', 'sched-cfo-all-2026-W50']);
    expect(sent[0]?.payload).toEqual({
      kind: 'cfo',
      requestedBy: ADMIN,
      scheduled: { cadence: 'weekly', period: '2026-W49' },
    });
    // Two sweeps at the same moment (two Lambdas): one claim wins.
    await schedules.put({ ...monthly, kind: 'accounting' });
    const at = new Date('2026-12-01T15:30:00Z');
    const [a, b] = await Promise.all([runScheduledReports(at, deps), runScheduledReports(at, deps)]);
    expect((a?.sent.length ?? 0) + (b?.sent.length ?? 0)).toBe(1);
    expect(sent.at(-1)?.payload.month).toBe('2026-11');
  }, 120_000);

  it('/report schedule stores and removes a schedule; /report checks the entity and month before answering', async () => {
    const now = new Date('2026-11-25T20:00:00Z');
    const t = await startTestBosun({ now: () => now });
    try {
      const schedules = createReportScheduleStore({ doc: t.bosun.doc, table: t.table, workspace: WORKSPACE });
      const run = async (line: string) => {
        const a = await t.command(`/report ${line}`);
        return { text: String((a.body as { text?: string } | undefined)?.text), calls: a.calls };
      };
      expect((await run('schedule cfo weekly')).text).toMatch(
        /^Scheduled: the CFO report goes to owner@queenofsandiego.com every Monday/,
      );
      expect((await schedules.list()).map((s) => [s.kind, s.cadence])).toEqual([['cfo', 'weekly']]);
      expect((await run('schedule cfo off')).text).toBe('The CFO report is no longer scheduled.');
      expect(await schedules.list()).toEqual([]);
      const nope = await run('cfo nope');
      expect(nope.text).toMatch(
        /^There is no entity `nope` in the portfolio\. Entities: `qsd` \(Queen of San Diego\)/,
      );
      expect(nope.calls).toEqual([]);
      const future = await run('cfo qsd 2026-12');
      expect(future.text).toMatch(/^2026-12 has not happened yet/);
      expect(future.calls).toEqual([]);
      const past = await run('cfo qsd 2026-10');
      expect(past.text).toMatch(/^Preparing the CFO report for qsd for 2026-10…/);
      // The report ran after the answer: its summary is in the channel.
      expect(past.calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === 'CSAILS0001')).toBe(
        true,
      );
      const help = (await run('help')).text;
      expect(help).toContain('`/report schedule <kind> [entity] monthly|weekly|off`');
      expect(help).toContain('Entities: `qsd` (Queen of San Diego), `jada` (JADA (yacht))');
      expect((await run('list')).text).toContain('`delivery`: Expert Yacht Delivery: jobs, miles');
    } finally {
      await t.stop();
    }
    // Deployed with no portfolio: how to import one, at once, and nothing queued.
    const missing = createReportSubcommands({ directory: async () => 'missing' });
    expect(await missing.cfo?.run(context('cfo', now))).toMatch(/^No portfolio has been imported yet/);
  }, 60_000);
});
