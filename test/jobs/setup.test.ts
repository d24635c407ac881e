import { randomUUID } from 'node:crypto';
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { setupReports } from '../../src/jobs/setup';
import { createSesClient, createSesMailer } from '../../src/mail/ses-mailer';
import type { SlackBlock } from '../../src/reports/render/slack';
import type { CommandContext } from '../../src/slack/context';
import { createSailStore } from '../../src/store/sails';
import { freshTable, sesEndpoint, sesStore, WORKSPACE } from '../support/aws';

describe('setupReports: /report → in-process job → email + summary (DynamoDB Local + SES emulator)', () => {
  it('runs the whole path once per command', async () => {
    const { doc, table } = await freshTable();
    const recipient = `owner-${randomUUID().slice(0, 8)}@queenofsandiego.com`;
    const config = loadConfig({
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      BOSUN_ADMINS: 'UADMIN0001',
      BOSUN_CHANNEL: 'CSAILS0001',
      BOSUN_TABLE: table,
      JWT_SECRET: 'test-jwt-secret-that-is-at-least-32-bytes-long',
      REPORT_RECIPIENTS: recipient,
    });
    const now = () => new Date('2026-11-25T20:00:00Z');
    const sails = createSailStore({ workspace: WORKSPACE, doc, table, now });
    const posted: { channel: string; text: string; blocks?: SlackBlock[] }[] = [];
    const r = setupReports({
      config,
      doc,
      now,
      sails,
      mailer: createSesMailer({
        ses: createSesClient({ region: 'us-west-2', endpoint: sesEndpoint() }),
        from: config.mail.from,
      }),
      templatesDir: 'templates',
      dataDir: 'data',
      async postMessage(m) {
        posted.push(m);
      },
    });
    const sub = r.reportSubcommands.ceo;
    if (!sub) throw new Error('no ceo sub-command');
    const ctx: CommandContext = {
      args: [],
      rest: '',
      userId: 'UADMIN0001',
      channelId: 'CSAILS0001',
      triggerId: 't',
      isAdmin: true,
      client: new webApi.WebClient('xoxb-test-token'),
      deps: { config, now, sails },
    };
    expect(await sub.run(ctx)).toMatch(/^Preparing the CEO report…/);
    expect(posted).toEqual([]); // nothing happens inside the request
    const outcomes = await r.dispatcher.drain();
    expect(outcomes.map((o) => o.status)).toEqual(['ran']);
    const inbox = (await sesStore()).filter((m) => m.destination.to.some((t) => t.includes(recipient)));
    expect(inbox).toHaveLength(1);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.channel).toBe('CSAILS0001');
    expect(posted[0]?.blocks?.[0]).toMatchObject({ type: 'header', text: { text: 'CEO report' } });
  });
});
