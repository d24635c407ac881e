/**
 * The report job with its charts: the email carries them as inline images (multipart/related,
 * every `cid:` resolving to a part, with alt text) within the size limits, and the Slack sink sees
 * each chart uploaded into the summary's thread with files.uploadV2.
 */
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleData } from '../../src/jobs/report-data';
import { createReportJobHandler } from '../../src/jobs/report-job';
import { createReportSlack } from '../../src/jobs/report-slack';
import { renderReportCharts } from '../../src/jobs/report-wiring';
import { REPORT_JOB } from '../../src/jobs/types';
import { type SlackSink, startSlackSink } from '../../src/local/slack-sink';
import { composeRaw } from '../../src/mail/ses-mailer';
import type { Mailer } from '../../src/mail/types';
import type { ReportKind } from '../../src/reports/model';
import { loadReportTemplates } from '../../src/reports/render';
import type { ReportRun, ReportRunStore } from '../../src/store/report-runs';

const NOW = new Date('2026-11-25T20:00:00Z');
const CHANNEL = 'C0REPORTS1';
let sink: SlackSink;
beforeAll(async () => {
  sink = await startSlackSink();
});
afterAll(() => sink.stop());

function memoryRuns(): ReportRunStore & { all: ReportRun[] } {
  const all: ReportRun[] = [];
  return {
    all,
    async record(run) {
      if (all.some((r) => r.runId === run.runId)) return 'exists';
      all.push(run);
      return 'recorded';
    },
    async get(id) {
      return all.find((r) => r.runId === id);
    },
  };
}

async function runJob(kind: ReportKind) {
  const raws: Buffer[] = [];
  // The raw MIME exactly as the SES mailer would hand it to SendRawEmail.
  const mailer: Mailer = {
    async send(mail) {
      raws.push((await composeRaw('bosun@queenofsandiego.com', mail, ['audit@queenofsandiego.com'])).raw);
      return { messageId: `m-${raws.length}` };
    },
  };
  const slack = createReportSlack({ token: 'xoxb-test', apiUrl: sink.apiUrl });
  const handler = createReportJobHandler({
    loadData: () => loadSampleData('data'),
    loadSails: async () => [],
    templates: () => loadReportTemplates('templates'),
    mailer,
    recipients: ['owner@queenofsandiego.com'],
    runs: memoryRuns(),
    renderCharts: renderReportCharts,
    postSummary: (m) => slack.postSummary(m),
    uploadFile: (f) => slack.uploadFile(f),
    notifyRequester: async (m) => {
      throw new Error(`unexpected DM: ${m.text}`);
    },
    now: () => NOW,
  });
  sink.clear();
  await handler({
    jobId: `job-${kind}`,
    kind: REPORT_JOB,
    payload: { kind, requestedBy: 'UADMIN0001', channel: CHANNEL },
  });
  const raw = raws[0];
  if (!raw) throw new Error('no email was sent');
  // keepCidLinks: mailparser would otherwise inline the images as data: URLs in the HTML it returns.
  return { raw, mail: await simpleParser(raw, { keepCidLinks: true }) };
}

function cids(html: string): string[] {
  return [...html.matchAll(/src="cid:([^"]+)"/g)].map((m) => m[1] ?? '');
}

describe('report email with charts', () => {
  let cfo: { raw: Buffer; mail: ParsedMail };
  beforeAll(async () => {
    cfo = await runJob('cfo');
  }, 60_000);

  it('carries each chart as an inline PNG part that its cid: reference resolves to, with alt text', () => {
    const html = String(cfo.mail.html);
    const refs = cids(html);
    expect(refs).toHaveLength(3);
    for (const cid of refs) {
      const part = cfo.mail.attachments.find((a) => a.cid === cid);
      expect(part?.contentType).toBe('image/png');
      expect(part?.related).toBe(true);
      expect([...(part?.content.subarray(0, 4) ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    }
    for (const img of html.match(/<img [^>]+>/g) ?? []) expect(img).toMatch(/alt="[^"]{20,}"/);
    expect(cfo.raw.toString('latin1')).toMatch(/Content-Type: multipart\/related/i);
  });

  it('stays under 100 KB of HTML and 500 KB in all', () => {
    expect(Buffer.byteLength(String(cfo.mail.html))).toBeLessThan(100 * 1024);
    expect(cfo.raw.length).toBeLessThan(500 * 1024);
  });

  it('the text part still reads without the images', () => {
    expect(cfo.mail.text).toContain('REVENUE AGAINST BREAK-EVEN BY MONTH');
  });
});

describe('report charts in Slack', () => {
  it("uploads each chart into the summary's thread with files.uploadV2", async () => {
    await runJob('cfo');
    const calls = sink.calls();
    const summary = calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL);
    expect(summary?.ts).toBeTruthy();
    const asked = calls.filter((c) => c.method === 'files.getUploadURLExternal');
    const uploads = calls.filter((c) => c.method === 'files.upload');
    const completed = calls.filter((c) => c.method === 'files.completeUploadExternal');
    expect(asked).toHaveLength(3);
    expect(
      asked.every(
        (c) =>
          /\.png$/.test(String(c.args.filename)) &&
          String(c.args.alt_text ?? c.args.alt_txt ?? '').length > 0,
      ),
    ).toBe(true);
    expect(uploads).toHaveLength(3);
    const pngs = sink.files().filter((f) => uploads.some((u) => u.args.file_id === f.id));
    expect(pngs.map((f) => Buffer.from(f.bytes?.subarray(0, 8) ?? []).toString('hex'))).toEqual(
      Array(3).fill('89504e470d0a1a0a'),
    );
    expect(uploads.every((u) => Number(u.args.bytes) > 1000)).toBe(true);
    expect(completed).toHaveLength(3);
    // Built from the sample files: the uploads say so too.
    expect(
      completed
        .flatMap((c) => (Array.isArray(c.args.files) ? c.args.files : []))
        .map((f) => String((f as { title?: string }).title)),
    ).toEqual([
      expect.stringMatching(/^\[SAMPLE DATA\] Revenue against break-even/),
      expect.stringMatching(/^\[SAMPLE DATA\] Cash with the runway projection/),
      expect.stringMatching(/^\[SAMPLE DATA\] Expense mix/),
    ]);
    for (const c of completed) {
      expect(c.args.channel_id).toBe(CHANNEL);
      expect(c.args.thread_ts).toBe(summary?.ts);
    }
  }, 60_000);
});
