/**
 * CDK entry (`npm run deploy` → `cdk deploy --app 'tsx infra/app.ts'`). Settings come from the
 * context in `cdk.json` or `-c key=value`; see infra/README.md.
 */
import { App } from 'aws-cdk-lib';
import { BosunStack, type BosunStackProps } from './bosun-stack';

const app = new App();

function ctx(key: string): string | undefined {
  const v: unknown = app.node.tryGetContext(key);
  if (v === undefined || v === null || v === '') return undefined;
  return String(v);
}
function required(key: string, example: string): string {
  const v = ctx(key);
  if (!v) {
    throw new Error(
      `Bosun deploy: set the context value "${key}" in cdk.json (or pass -c ${key}=${example}); see infra/README.md.`,
    );
  }
  return v;
}
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const domainName = ctx('domainName');
const certificateArn = ctx('certificateArn');
if (domainName && !certificateArn) {
  throw new Error('Bosun deploy: "domainName" needs "certificateArn" (an ACM certificate in us-east-1).');
}

const props: BosunStackProps = {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: ctx('region') ?? process.env.CDK_DEFAULT_REGION },
  channel: required('channel', 'C012ABCDEF'),
  admins: list(required('admins', 'U012ABCDEF,U034GHIJKL')),
  mailFrom: required('mailFrom', 'bosun@example.com'),
  auditBcc: required('auditBcc', 'audit@example.com'),
  reportRecipients: list(required('reportRecipients', 'owner@example.com')),
  ...(ctx('mailIdentity') ? { mailIdentities: [String(ctx('mailIdentity'))] } : {}),
  ...(ctx('timezone') ? { timezone: String(ctx('timezone')) } : {}),
  ...(ctx('alarmEmail') ? { alarmEmail: String(ctx('alarmEmail')) } : {}),
  ...(ctx('originSecretVersion') ? { originSecretVersion: String(ctx('originSecretVersion')) } : {}),
  ...(domainName && certificateArn ? { domain: { name: domainName, certificateArn } } : {}),
};

new BosunStack(app, ctx('stackName') ?? 'Bosun', props);
