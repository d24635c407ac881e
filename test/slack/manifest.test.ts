import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { commandTable } from '../../src/slack/commands';
import { replyText, startTestBosun } from '../support/bosun';

const manifest = z
  .object({
    features: z.object({
      slash_commands: z.array(z.object({ command: z.string(), url: z.string(), should_escape: z.boolean() })),
    }),
    oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
    settings: z.object({ interactivity: z.object({ is_enabled: z.literal(true), request_url: z.string() }) }),
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
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });

  it('asks for no more bot scopes than Bosun uses', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['chat:write', 'commands', 'im:write']);
  });
});
