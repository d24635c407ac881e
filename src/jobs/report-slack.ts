/**
 * The report job's Slack side: the summary (returning its ts, so the charts go into its thread)
 * and chart uploads with `files.uploadV2` (files.getUploadURLExternal → POST the bytes →
 * files.completeUploadExternal). A WebClient with the same short timeout and quick retries as
 * the app's, built when the first report job runs.
 * @see https://api.slack.com/messaging/files#uploading_files
 */
import { webApi } from '@slack/bolt';
import type { SlackBlock } from '../reports/render';
import type { ReportUpload } from './report-job';

/** How long one Web API call may take (as in src/slack/app.ts). */
const TIMEOUT_MS = 2_500;
/** An upload sends a PNG of up to ~100 KB: a little more time. */
const UPLOAD_TIMEOUT_MS = 10_000;

/** Posts report summaries and uploads their charts. */
export interface ReportSlack {
  postSummary(message: { channel: string; blocks: SlackBlock[]; text: string }): Promise<{ ts?: string }>;
  uploadFile(file: ReportUpload): Promise<void>;
}

/** Uploads one chart with a WebClient (the app's own, in `app.ts`), into the thread when there is one. */
export async function uploadReportChart(client: webApi.WebClient, f: ReportUpload): Promise<void> {
  const file = { file: Buffer.from(f.data), filename: f.filename, title: f.title, alt_text: f.altText };
  await client.filesUploadV2(
    f.threadTs
      ? { ...file, channel_id: f.channel, thread_ts: f.threadTs }
      : { ...file, channel_id: f.channel },
  );
}

/** Builds the report job's Slack side from the bot token and the Web API's base URL. */
export function createReportSlack(opts: { token: string; apiUrl: string }): ReportSlack {
  const client = new webApi.WebClient(opts.token, {
    slackApiUrl: opts.apiUrl,
    timeout: TIMEOUT_MS,
    retryConfig: { retries: 2, factor: 2, minTimeout: 100, maxTimeout: 500 },
  });
  const uploads = new webApi.WebClient(opts.token, {
    slackApiUrl: opts.apiUrl,
    timeout: UPLOAD_TIMEOUT_MS,
    retryConfig: { retries: 1, factor: 2, minTimeout: 200, maxTimeout: 1000 },
  });
  return {
    async postSummary({ channel, blocks, text }) {
      const res = await client.chat.postMessage({ channel, blocks, text });
      return res.ts ? { ts: res.ts } : {};
    },
    async uploadFile(f) {
      const file = { file: Buffer.from(f.data), filename: f.filename, title: f.title, alt_text: f.altText };
      // The thread's ts when the summary gave one; otherwise the file is shared in the channel.
      await uploads.filesUploadV2(
        f.threadTs
          ? { ...file, channel_id: f.channel, thread_ts: f.threadTs }
          : { ...file, channel_id: f.channel },
      );
    },
  };
}
