import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { sendEvent } from '../../src/local/slack-client';
import { commandTable } from '../../src/slack/commands';
import { subscribedEvents } from '../../src/slack/ids';
import { appHomeOpenedEvent, eventCallbackBody } from '../../src/slack/payloads';
import { replyText, startTestBosun } from '../support/bosun';

const manifest = z
  .object({
    features: z.object({
      app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean() }),
      slash_commands: z.array(z.object({ command: z.string(), url: z.string(), should_escape: z.boolean() })),
    }),
    oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
    settings: z.object({
      event_subscriptions: z.object({ request_url: z.string(), bot_events: z.array(z.string()) }),
      interactivity: z.object({ is_enabled: z.literal(true), request_url: z.string() }),
    }),
  })
  .parse(parse(readFileSync('manifest.yml', 'utf8')));

describe('manifest.yml', () => {
  it('lists exactly the slash commands the app registers, and the app answers each', async () => {
    const t = await startTestBosun();
    try {
      const registered = Object.keys(commandTable).sort();
      const listed = manifest.features.slash_commands.map((c) => c.command).sort();
      expect(listed).toEqual(registered);
      for (const command of listed) {
        const res = await t.command(`${command} help`);
        expect(res.status).toBe(200);
        expect(replyText(res)).toContain(command);
      }
    } finally {
      await t.stop();
    }
  });

  it('sends every request to /slack/events', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });

  it('turns the Home tab on and subscribes to exactly the events the app handles', async () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      Object.values(subscribedEvents).sort(),
    );
    // The app answers app_home_opened by publishing the home (after the answer).
    const t = await startTestBosun();
    try {
      const res = await sendEvent(t.target, eventCallbackBody({ event: appHomeOpenedEvent('UMANIFEST1') }));
      expect(res.status).toBe(200);
      await t.bosun.drainJobs();
      expect(t.sink.calls().filter((c) => c.method === 'views.publish')).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });

  it('asks for no more bot scopes than Bosun uses', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['chat:write', 'commands', 'im:write']);
  });
});
