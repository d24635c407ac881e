import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecretsIntoEnv, SECRETS_ENV, type SecretFetcher } from '../../src/aws/secrets';
import { ConfigError, loadConfig } from '../../src/config';

const ids = {
  SLACK_SIGNING_SECRET:
    'arn:aws:secretsmanager:us-west-2:111122223333:secret:Bosun/slack-signing-secret-AbCdEf',
  SLACK_BOT_TOKEN: 'arn:aws:secretsmanager:us-west-2:111122223333:secret:Bosun/slack-bot-token-GhIjKl',
  JWT_SECRET: 'Bosun/jwt-secret',
};
const values: Record<string, string> = {
  [ids.SLACK_SIGNING_SECRET]: 'signing-secret-from-secrets-manager',
  [ids.SLACK_BOT_TOKEN]: 'xoxb-123-456-secretbot',
  [ids.JWT_SECRET]: 'j'.repeat(48),
};

function fakeFetcher(): { fetch: SecretFetcher; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (id) => {
      calls.push(id);
      return values[id];
    },
  };
}

describe('loadSecretsIntoEnv', () => {
  it('fills the named variables so loadConfig sees them, and returns names only', async () => {
    const env: Record<string, string | undefined> = {
      [SECRETS_ENV]: JSON.stringify(ids),
      BOSUN_CHANNEL: 'C012ABCDEF',
    };
    const { fetch, calls } = fakeFetcher();
    const filled = await loadSecretsIntoEnv(env, fetch);
    expect(filled.sort()).toEqual(['JWT_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    expect(calls.sort()).toEqual(Object.values(ids).sort());
    const config = loadConfig(env);
    expect(config.slack.botToken).toBe('xoxb-123-456-secretbot');
    expect(config.jwtSecret).toBe('j'.repeat(48));
  });

  it('does nothing without BOSUN_SECRETS (local runs)', async () => {
    const env: Record<string, string | undefined> = { SLACK_BOT_TOKEN: 'xoxb-local' };
    const { fetch, calls } = fakeFetcher();
    expect(await loadSecretsIntoEnv(env, fetch)).toEqual([]);
    expect(calls).toEqual([]);
    expect(env.SLACK_BOT_TOKEN).toBe('xoxb-local');
  });

  it('leaves variables already set alone', async () => {
    const env: Record<string, string | undefined> = {
      [SECRETS_ENV]: JSON.stringify(ids),
      JWT_SECRET: 'k'.repeat(40),
    };
    const { fetch, calls } = fakeFetcher();
    await loadSecretsIntoEnv(env, fetch);
    expect(env.JWT_SECRET).toBe('k'.repeat(40));
    expect(calls).not.toContain(ids.JWT_SECRET);
  });

  it('rejects a malformed map or an empty secret with a ConfigError that names the variable, not the value', async () => {
    const { fetch } = fakeFetcher();
    await expect(loadSecretsIntoEnv({ [SECRETS_ENV]: '{not json' }, fetch)).rejects.toThrow(ConfigError);
    await expect(loadSecretsIntoEnv({ [SECRETS_ENV]: '{"lower":"x"}' }, fetch)).rejects.toThrow(ConfigError);
    await expect(
      loadSecretsIntoEnv({ [SECRETS_ENV]: JSON.stringify({ JWT_SECRET: 'missing' }) }, fetch),
    ).rejects.toThrow(/JWT_SECRET is empty/);
    const failing: SecretFetcher = async () => {
      throw new Error('AccessDenied');
    };
    const err = await loadSecretsIntoEnv({ [SECRETS_ENV]: JSON.stringify(ids) }, failing).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect(String(err)).not.toContain('xoxb-');
  });
});

describe('ORIGIN_SECRET', () => {
  const originId = 'arn:aws:secretsmanager:us-west-2:111122223333:secret:Bosun/origin-secret-MnOpQr';
  const current = 'C'.repeat(48);
  const previous = 'P'.repeat(48);

  it('is loaded as the JSON Secrets Manager holds, and the config accepts current and previous', async () => {
    const json = JSON.stringify({ current, previous });
    const env: Record<string, string | undefined> = {
      [SECRETS_ENV]: JSON.stringify({ ...ids, ORIGIN_SECRET: originId }),
      BOSUN_CHANNEL: 'C012ABCDEF',
    };
    const fetch: SecretFetcher = async (id) => (id === originId ? json : values[id]);
    expect(await loadSecretsIntoEnv(env, fetch)).toContain('ORIGIN_SECRET');
    expect(env.ORIGIN_SECRET).toBe(json);
    expect(loadConfig(env).originSecrets).toEqual([current, previous]);
  });

  it('is optional (no origin secret: no request is trusted for its viewer header)', () => {
    const env = {
      BOSUN_CHANNEL: 'C012ABCDEF',
      SLACK_SIGNING_SECRET: 's'.repeat(16),
      SLACK_BOT_TOKEN: 'xoxb-1',
    };
    expect(loadConfig({ ...env, JWT_SECRET: 'j'.repeat(40) }).originSecrets).toEqual([]);
  });

  it('stops start-up on a malformed value, naming the variable and not the value', () => {
    const env = {
      BOSUN_CHANNEL: 'C012ABCDEF',
      SLACK_SIGNING_SECRET: 's'.repeat(16),
      SLACK_BOT_TOKEN: 'xoxb-1',
      JWT_SECRET: 'j'.repeat(40),
      ORIGIN_SECRET: current,
    };
    expect(() => loadConfig(env)).toThrow(/ORIGIN_SECRET: must be the JSON/);
    expect(() => loadConfig(env)).not.toThrow(current);
  });
});

describe('the default fetcher (Powertools Parameters)', () => {
  const sm = mockClient(SecretsManagerClient);
  afterEach(() => sm.reset());

  it('reads each secret from Secrets Manager once and caches it across invocations', async () => {
    sm.on(GetSecretValueCommand).callsFake((input: { SecretId: string }) => ({
      SecretString: values[input.SecretId],
    }));
    const first: Record<string, string | undefined> = { [SECRETS_ENV]: JSON.stringify(ids) };
    await loadSecretsIntoEnv(first);
    const second: Record<string, string | undefined> = { [SECRETS_ENV]: JSON.stringify(ids) };
    await loadSecretsIntoEnv(second);
    expect(second.SLACK_SIGNING_SECRET).toBe('signing-secret-from-secrets-manager');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(3);
  });
});
