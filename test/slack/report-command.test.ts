import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportSubcommands } from '../../src/slack/commands/report';
import { usageText } from '../../src/slack/commands/router';
import { sesStore } from '../support/aws';
import { ADMIN, CHANNEL, replyText, startTestBosun, type TestBosun } from '../support/bosun';

const RECIPIENTS = 'owner@queenofsandiego.com,cfo@queenofsandiego.com';
let t: TestBosun;
beforeAll(async () => {
  t = await startTestBosun({
    now: () => new Date('2026-11-25T20:00:00Z'),
    env: { REPORT_RECIPIENTS: RECIPIENTS },
  });
});
afterAll(() => t.stop());

const summaries = () =>
  t.sink.calls().filter((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL);

describe('/report through signed requests: answer first, the report after', () => {
  it('answers an admin with "Preparing the CFO report…", and only then builds, posts and emails it', async () => {
    const before = summaries().length;
    const res = await t.command('/report cfo');
    expect(replyText(res)).toBe(
      `Preparing the CFO report… The summary will appear in <#${CHANNEL}> and the full report goes to owner@queenofsandiego.com, cfo@queenofsandiego.com.`,
    );
    expect(res.callsBeforeAnswer).toEqual([]);
    const after = summaries().slice(before);
    expect(after).toHaveLength(1);
    expect(JSON.stringify(after[0]?.args.blocks)).toContain('CFO report');
  });

  it('passes an entity along', async () => {
    const res = await t.command('/report accounting qsd');
    expect(replyText(res)).toMatch(/^Preparing the Accounting report for qsd…/);
  });

  it('refuses non-admins politely and queues nothing', async () => {
    const res = await t.command('/report cfo', 'UCREW0001');
    expect(replyText(res)).toBe(`Only admins can ask for reports. Ask <@${ADMIN}>.`);
    expect(res.calls).toEqual([]);
  });

  it('refuses a malformed entity, escaped, and queues nothing', async () => {
    const res = await t.command('/report cfo <!channel>');
    expect(replyText(res)).toMatch(/^"&lt;!channel&gt;" is not an entity id/);
    expect(res.calls).toEqual([]);
  });

  it('a report asked twice by the same interaction (same trigger_id, Slack retry) is sent once', async () => {
    const inbox = async () =>
      (await sesStore()).filter(
        (m) => m.subject?.includes('CEO') && m.destination.to.some((x) => x.includes('cfo@')),
      );
    const before = (await inbox()).length;
    const first = await t.commandRaw('/report ceo', { triggerId: 'T-REPORT-ONCE' });
    const again = await t.commandRaw('/report ceo', { triggerId: 'T-REPORT-ONCE', retryNum: 1 });
    expect(replyText(again)).toBe(replyText(first));
    await t.bosun.drainJobs();
    expect((await inbox()).length - before).toBe(1);
  });

  it('lists every kind for anyone, and help shows the admin-only kinds as such', async () => {
    const list = replyText(await t.command('/report list', 'UCREW0001'));
    for (const k of ['ceo', 'cto', 'cfo', 'cmo', 'accounting', 'rental', 'delivery', 'billing']) {
      expect(list).toContain(`\`${k}\``);
    }
    expect(usageText('/report', createReportSubcommands({}), true)).toContain(
      '`/report cfo [entity] [YYYY-MM]` (admins)',
    );
    expect(usageText('/report', createReportSubcommands({}), false)).not.toContain('/report cfo');
  });
});
