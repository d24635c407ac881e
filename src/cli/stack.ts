/**
 * `.bosun/`: the running dev stack's endpoints and the generated dev secrets. `bosun dev` writes
 * `stack.json`; the other verbs read it for whatever their environment leaves unset, so a second
 * terminal reaches the running stack with no setup.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Where the dev state lives (git-ignored). */
export const BOSUN_DIR = process.env.BOSUN_HOME ?? join(process.cwd(), '.bosun');

/** The dev workspace's default ids, so the local flow works out of the box. */
export const devDefaults = {
  admin: 'UADMIN0001',
  channel: 'CBOSUNDEV1',
} as const;

const secretsSchema = z.object({ signingSecret: z.string(), botToken: z.string(), jwtSecret: z.string() });
/** Generated dev credentials. */
export type DevSecrets = z.infer<typeof secretsSchema>;

const stackSchema = z.object({
  appUrl: z.string(),
  port: z.number(),
  sinkUrl: z.string().optional(),
  sesUrl: z.string(),
  dynamodbEndpoint: z.string(),
  table: z.string(),
  pid: z.number(),
});
/** What a running `bosun dev` tells the other verbs. */
export type StackInfo = z.infer<typeof stackSchema>;

/** Reads the dev secrets, generating and saving them the first time. */
export function devSecrets(): DevSecrets {
  const file = join(BOSUN_DIR, 'secrets.json');
  if (existsSync(file)) {
    const parsed = secretsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  }
  const secrets: DevSecrets = {
    signingSecret: randomBytes(16).toString('hex'),
    botToken: `xoxb-dev-${randomBytes(12).toString('hex')}`,
    jwtSecret: randomBytes(32).toString('base64url'),
  };
  mkdirSync(BOSUN_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Saves the running stack's endpoints. */
export function writeStack(info: StackInfo): void {
  mkdirSync(BOSUN_DIR, { recursive: true });
  writeFileSync(join(BOSUN_DIR, 'stack.json'), JSON.stringify(info, null, 2));
}

/** Removes `stack.json` when the stack stops. */
export function clearStack(): void {
  rmSync(join(BOSUN_DIR, 'stack.json'), { force: true });
}

/** The running stack, or undefined when `bosun dev` is not running. */
export function readStack(): StackInfo | undefined {
  const file = join(BOSUN_DIR, 'stack.json');
  if (!existsSync(file)) return undefined;
  const parsed = stackSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) return undefined;
  try {
    process.kill(parsed.data.pid, 0);
  } catch {
    return undefined;
  }
  return parsed.data;
}

/**
 * The environment for a verb: the process env first, then the running stack, then the embedded
 * dev defaults. Secrets come from `.bosun/secrets.json`.
 */
export function devEnv(
  stack: StackInfo | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string | undefined> {
  const secrets = devSecrets();
  return {
    SLACK_SIGNING_SECRET: secrets.signingSecret,
    SLACK_BOT_TOKEN: secrets.botToken,
    JWT_SECRET: secrets.jwtSecret,
    BOSUN_ADMINS: devDefaults.admin,
    BOSUN_CHANNEL: devDefaults.channel,
    AWS_REGION: 'us-west-2',
    MAIL_FROM: 'bosun@queenofsandiego.com',
    ...(stack
      ? {
          PORT: String(stack.port),
          DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
          SES_ENDPOINT: stack.sesUrl,
          BOSUN_TABLE: stack.table,
          ...(stack.sinkUrl ? { SLACK_API_URL: `${stack.sinkUrl}/api/` } : {}),
        }
      : {}),
    ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  };
}
