import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';
import type { ReportJobPayload } from '../../../src/jobs/report-job';
import { createReportSubcommands } from '../../../src/slack/commands/report';
import { usageText } from '../../../src/slack/commands/router';
import type { CommandContext, SlackDeps } from '../../../src/slack/context';
import { createDocumentClient } from '../../../src/store/client';
import { createSailStore } from '../../../src/store/sails';

const ADMIN = 'UADMIN0001';
const config = loadConfig({
  SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  BOSUN_ADMINS: ADMIN,
  BOSUN_CHANNEL: 'CSAILS0001',
  JWT_SECRET: 'test-jwt-secret-that-is-at-least-32-bytes-long',
  REPORT_RECIPIENTS: 'owner@queenofsandiego.com,cfo@queenofsandiego.com',
});
// The /report sub-commands never touch sails; the store is only there to satisfy SlackDeps.
const deps: SlackDeps = {
  config,
  now: () => new Date('2026-11-25T20:00:00Z'),
  sails: createSailStore({
    doc: createDocumentClient({ region: 'us-west-2', endpoint: 'http://127.0.0.1:9' }),
    table: 'unused',
  }),
};

function setup() {
  const dispatched: ReportJobPayload[] = [];
  const subs = createReportSubcommands({
    async dispatch(payload) {
      dispatched.push(payload);
      return { jobId: `job-${dispatched.length}` };
    },
  });
  const run = (line: string, userId = ADMIN) => {
    const words = line.split(/\s+/).filter(Boolean);
    const sub = subs[words[0] ?? ''];
    if (!sub) throw new Error(`no sub-command ${words[0]}`);
    const ctx: CommandContext = {
      args: words.slice(1),
      rest: words.slice(1).join(' '),
      userId,
      channelId: 'CREPORTS01',
      triggerId: 't',
      isAdmin: config.admins.includes(userId),
      client: new webApi.WebClient('xoxb-test-token'),
      deps,
    };
    return sub.run(ctx);
  };
  return { subs, dispatched, run };
}

describe('/report sub-commands', () => {
  it('acks an admin with "Preparing the CFO report…" and queues one job', async () => {
    const t = setup();
    await expect(t.run('cfo')).resolves.toBe(
      `Preparing the CFO report… The summary will appear in <#${config.channel}> and the full report goes to owner@queenofsandiego.com, cfo@queenofsandiego.com.`,
    );
    expect(t.dispatched).toEqual([{ kind: 'cfo', requestedBy: ADMIN, channel: config.channel }]);
  });

  it('passes an entity along', async () => {
    const t = setup();
    await expect(t.run('accounting qsd')).resolves.toMatch(/^Preparing the Accounting report for qsd…/);
    expect(t.dispatched).toEqual([
      { kind: 'accounting', entity: 'qsd', requestedBy: ADMIN, channel: config.channel },
    ]);
  });

  it('refuses non-admins politely and queues nothing', async () => {
    const t = setup();
    await expect(t.run('cfo', 'UCREW0001')).resolves.toBe(
      'Only admins can ask for reports. Ask <@UADMIN0001>.',
    );
    expect(t.dispatched).toEqual([]);
  });

  it('refuses a malformed entity, escaped, and queues nothing', async () => {
    const t = setup();
    await expect(t.run('cfo <!channel>')).resolves.toMatch(/^"&lt;!channel&gt;" is not an entity id/);
    expect(t.dispatched).toEqual([]);
  });

  it('lists every kind for anyone, and help shows the admin-only kinds as such', async () => {
    const t = setup();
    const list = String(await t.run('list', 'UCREW0001'));
    for (const k of ['ceo', 'cto', 'cfo', 'cmo', 'accounting', 'rental', 'delivery', 'billing']) {
      expect(list).toContain(`\`${k}\``);
    }
    expect(usageText('/report', t.subs, true)).toContain('`/report cfo [entity] [YYYY-MM]` (admins)');
    expect(usageText('/report', t.subs, false)).not.toContain('/report cfo');
  });
});
