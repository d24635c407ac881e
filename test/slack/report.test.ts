import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/local/render-blocks';
import { sesStore } from '../support/aws';
import { ADMIN, CHANNEL, replyText, startTestBosun, type TestBosun } from '../support/bosun';

let t: TestBosun;
const RECIPIENT = 'cfo.report.test@queenofsandiego.com';

beforeAll(async () => {
  t = await startTestBosun({ env: { REPORT_RECIPIENTS: RECIPIENT } });
});
afterAll(() => t.stop());

describe('/report through signed Slack requests, the job queue and the SES emulator', () => {
  it('acks at once, then posts the summary to the channel and emails the full report', async () => {
    const res = await t.command('/report cfo', ADMIN);
    expect(replyText(res)).toMatch(/^Preparing the CFO report…/);
    expect(res.body).toMatchObject({ response_type: 'ephemeral' });
    await t.bosun.drainJobs();
    const summary = t.sink
      .calls()
      .find(
        (c) =>
          c.method === 'chat.postMessage' && c.args.channel === CHANNEL && /CFO/i.test(String(c.args.text)),
      );
    expect(summary).toBeTruthy();
    const blocks = summary?.args.blocks as unknown[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(renderBlocks(blocks)).toContain(RECIPIENT);
    const mails = (await sesStore()).filter((m) => m.destination.to.includes(RECIPIENT));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/CFO/);
  });

  it('refuses non-admins politely and runs nothing', async () => {
    const before = (await sesStore()).length;
    const res = await t.command('/report ceo', 'UCREW0001');
    expect(replyText(res)).toMatch(/Only admins can ask for reports/);
    await t.bosun.drainJobs();
    expect((await sesStore()).length).toBe(before);
  });

  it('lists the kinds and explains an unknown one', async () => {
    expect(replyText(await t.command('/report list'))).toMatch(/cfo[\s\S]*billing/);
    expect(replyText(await t.command('/report weather'))).toMatch(/not something I know/);
  });
});
