/**
 * The one place that reads the environment. Every value is validated with zod; a missing or bad
 * value stops start-up with a message naming the variable.
 * @see ../shared/DESIGN.md "Environment"
 */
import { z } from 'zod';
import { originSecretEnv } from './http/viewer-address';
import { workspaceId } from './workspace-id';

const slackUserIds = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'each admin must be a Slack user id such as U012ABCDEF')),
  );

const emailList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.email()).min(1, 'give at least one address'));

const url = z.url({ protocol: /^https?$/ });

/** The schema of Bosun's environment. */
export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: url.optional(),
    SLACK_SIGNING_SECRET: z.string().min(8, 'must be the app signing secret'),
    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
    SLACK_APP_TOKEN: z
      .string()
      .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
      .optional(),
    SLACK_API_URL: url.default('https://slack.com/api/'),
    // Optional: Bosun answers commands and interactions only (no Events API), so Bolt never needs
    // to recognise its own messages; given, they are passed to Bolt instead of calling auth.test.
    SLACK_BOT_ID: z
      .string()
      .regex(/^B[A-Z0-9]+$/, 'must be a bot id such as B012ABCDEF')
      .optional(),
    SLACK_BOT_USER_ID: z
      .string()
      .regex(/^U[A-Z0-9]+$/, 'must be a user id such as U012ABCDEF')
      .optional(),
    BOSUN_ADMINS: slackUserIds,
    BOSUN_CHANNEL: z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C012ABCDEF'),
    BOSUN_TABLE: z.string().min(3).max(255).default('bosun'),
    DYNAMODB_ENDPOINT: url.optional(),
    SES_ENDPOINT: url.optional(),
    AWS_REGION: z.string().default('us-west-2'),
    MAIL_FROM: z.email().default('bosun@queenofsandiego.com'),
    MAIL_AUDIT_BCC: z.email().default('audit@queenofsandiego.com'),
    REPORT_RECIPIENTS: emailList.default(['owner@queenofsandiego.com']),
    JWT_SECRET: z.string().refine((s) => Buffer.byteLength(s, 'utf8') >= 32, 'must be at least 32 bytes'),
    EVENT_BUS_NAME: z.string().optional(),
    BOSUN_TIMEZONE: z.string().default('America/Los_Angeles'),
    // On AWS, from Secrets Manager: what CloudFront sends to prove a request came through it.
    ORIGIN_SECRET: originSecretEnv.optional(),
    // The one workspace this deployment serves until stores are built per request's team id;
    // T0LOCAL is the team `bosun slack` and the local payloads send.
    BOSUN_WORKSPACE: workspaceId.default('T0LOCAL'),
  })
  .transform((env) => ({
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    slack: {
      signingSecret: env.SLACK_SIGNING_SECRET,
      botToken: env.SLACK_BOT_TOKEN,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`,
      botId: env.SLACK_BOT_ID,
      botUserId: env.SLACK_BOT_USER_ID,
    },
    admins: env.BOSUN_ADMINS,
    channel: env.BOSUN_CHANNEL,
    table: env.BOSUN_TABLE,
    aws: {
      region: env.AWS_REGION,
      dynamodbEndpoint: env.DYNAMODB_ENDPOINT,
      sesEndpoint: env.SES_ENDPOINT,
    },
    mail: { from: env.MAIL_FROM, auditBcc: env.MAIL_AUDIT_BCC, reportRecipients: env.REPORT_RECIPIENTS },
    jwtSecret: env.JWT_SECRET,
    eventBusName: env.EVENT_BUS_NAME,
    timezone: env.BOSUN_TIMEZONE,
    /** Origin secrets to accept (current, then previous); empty: never trust CloudFront-Viewer-Address. */
    originSecrets: env.ORIGIN_SECRET ?? [],
    workspace: env.BOSUN_WORKSPACE,
  }));

/** Bosun's validated configuration. */
export type Config = z.output<typeof configSchema>;

/** Raised when the environment is missing or has a bad value; the message names each variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the environment (or the given record). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Bosun cannot start: fix these environment variables:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
