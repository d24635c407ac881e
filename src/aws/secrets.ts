/**
 * Loads Bosun's secrets from Secrets Manager into an env record once per cold start, before
 * `loadConfig()` reads it. The deployed function's env holds only `BOSUN_SECRETS`, a JSON map of
 * env variable name → secret ARN or name (see `infra/bosun-stack.ts`); values never sit in plain
 * environment configuration and are never logged.
 * @see https://docs.powertools.aws.dev/lambda/typescript/latest/features/parameters/
 */
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { z } from 'zod';
import { ConfigError } from '../config';

/** The env variable naming the secrets to load. */
export const SECRETS_ENV = 'BOSUN_SECRETS';

/**
 * The variables the deployed stack fills from Secrets Manager (the keys of `BOSUN_SECRETS`):
 * - `SLACK_SIGNING_SECRET`, `SLACK_BOT_TOKEN`: the Slack app's credentials, put by hand after the
 *   first deploy;
 * - `JWT_SECRET`: signs guest tokens; generated;
 * - `PUBLIC_URL`: the CloudFront URL when there is no custom domain (a secret only to break a
 *   CloudFormation cycle; not secret);
 * - `ORIGIN_SECRET`: JSON `{"current": "…", "previous": "…"}`, generated. CloudFront sends
 *   `current` to the Function URL in the `x-bosun-origin-secret` header; a request carrying
 *   `current` or, during a rotation, `previous` came through CloudFront, so its
 *   `CloudFront-Viewer-Address` can be believed (`src/http/viewer-address.ts`).
 *
 * Each is loaded as the secret's string, unchanged (`ORIGIN_SECRET` stays JSON for its parser).
 */
export const SECRET_VARIABLES = [
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'JWT_SECRET',
  'PUBLIC_URL',
  'ORIGIN_SECRET',
] as const;

/** One of {@link SECRET_VARIABLES}. */
export type SecretVariable = (typeof SECRET_VARIABLES)[number];

/** How long a fetched value stays cached; one cold start reads each secret once. */
const CACHE_SECONDS = 3600;

const secretMap = z.record(
  z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'keys are env variable names'),
  z.string().min(1),
);

/** Fetches one secret's string value (Powertools Parameters by default; injectable for tests). */
export type SecretFetcher = (id: string) => Promise<string | undefined>;

const powertoolsFetcher: SecretFetcher = async (id) => {
  const value = await getSecret(id, { maxAge: CACHE_SECONDS });
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
};

/**
 * Fills `env[NAME]` from each secret listed in `env.BOSUN_SECRETS`, leaving variables that are
 * already set alone. Returns the names it filled (never the values). Without `BOSUN_SECRETS` it
 * does nothing, so local runs are unaffected.
 */
export async function loadSecretsIntoEnv(
  env: Record<string, string | undefined>,
  fetchSecret: SecretFetcher = powertoolsFetcher,
): Promise<string[]> {
  const raw = env[SECRETS_ENV];
  if (!raw) return [];
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(raw);
  } catch (cause) {
    throw new ConfigError(`${SECRETS_ENV} must be a JSON object of env name → secret id`, { cause });
  }
  const parsed = secretMap.safeParse(parsedJson);
  if (!parsed.success) {
    throw new ConfigError(
      `${SECRETS_ENV} must be a JSON object of env name → secret id: ${parsed.error.message}`,
    );
  }
  const wanted = Object.entries(parsed.data).filter(([name]) => !env[name]);
  const values = await Promise.all(
    wanted.map(async ([name, id]) => {
      try {
        return [name, await fetchSecret(id)] as const;
      } catch (cause) {
        // The id, not the value: safe to name.
        throw new ConfigError(`cannot read the secret for ${name} (${id})`, { cause });
      }
    }),
  );
  const filled: string[] = [];
  for (const [name, value] of values) {
    if (value === undefined || value === '') throw new ConfigError(`the secret for ${name} is empty`);
    env[name] = value;
    filled.push(name);
  }
  return filled;
}
