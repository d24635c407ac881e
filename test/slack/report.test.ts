import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/local/render-blocks';
import { createSesClient } from '../../src/mail/ses-mailer';
import { sesEndpoint, sesStore } from '../support/aws';
import { ADMIN, CHANNEL, replyText, startTestBosun, type TestBosun } from '../support/bosun';

let t: TestBosun;
const RECIPIENT = 'cfo.report.test@queenofsandiego.com';
const AUDIT = 'audit.copy.test@queenofsandiego.com';
/** What the code actually hands SES (the emulator ignores Destinations on raw sends). */
const sent: { destinations: string[]; raw: string }[] = [];

beforeAll(async () => {
  const ses = createSesClient({ region: 'us-west-2', endpoint: sesEndpoint() });
  ses.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Destinations?: string[]; RawMessage?: { Data?: Uint8Array } };
      sent.push({
        destinations: input.Destinations ?? [],
        raw: Buffer.from(input.RawMessage?.Data ?? new Uint8Array()).toString('utf8'),
      });
      return next(args);
    },
    { step: 'initialize', name: 'recordSends' },
  );
  t = await startTestBosun({
    ses,
    now: () => new Date('2026-12-01T20:00:00Z'),
    env: { REPORT_RECIPIENTS: RECIPIENT, MAIL_AUDIT_BCC: AUDIT },
  });
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
    // The audit copy goes only in Destinations, never in a header.
    const report = sent.find((m) => m.destinations.includes(RECIPIENT));
    expect(report?.destinations).toContain(AUDIT);
    expect(report?.raw).not.toMatch(/^bcc:/im);
    expect(report?.raw).not.toContain(AUDIT);
  });

  it("does not copy guests' magic links to the audit mailbox", async () => {
    const created = await t.command('/sail create 2026-12-20 sunset 2h crew=1 guests=2 Audit check');
    const id = /S-[0-9A-Z]{6}/.exec(replyText(created))?.[0] ?? '';
    await t.command(`/sail guest ${id} guest.audit@example.com Grace Hopper`);
    const invite = sent.find((m) => m.destinations.includes('guest.audit@example.com'));
    expect(invite).toBeTruthy();
    expect(invite?.destinations).not.toContain(AUDIT);
  });

  it('refuses non-admins politely and runs nothing', async () => {
    // What this Bosun sent through SES (the emulator's store is shared with test files running
    // alongside, which send guest mail of their own).
    const before = sent.length;
    const res = await t.command('/report ceo', 'UCREW0001');
    expect(replyText(res)).toMatch(/Only admins can ask for reports/);
    await t.bosun.drainJobs();
    expect(sent.length).toBe(before);
  });

  it('lists the kinds and explains an unknown one', async () => {
    expect(replyText(await t.command('/report list'))).toMatch(/cfo[\s\S]*billing/);
    expect(replyText(await t.command('/report weather'))).toMatch(/not something I know/);
  });
});
