import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BosunStack,
  HSTS_MAX_AGE_DAYS,
  JOB_RETRIES,
  LAMBDA_MEMORY_MB,
  LAMBDA_TIMEOUT_SECONDS,
  NUDGE_RETRIES,
  NUDGE_RULE_NAME,
  ORIGIN_SECRET_HEADER,
  SECRET_NAMES,
  SECRETS_ENV,
} from '../../infra/bosun-stack';
import { pageSecurityHeaders } from '../../src/http/guest-pages';
import { indexes } from '../../src/store/keys';
import { tableDefinition } from '../../src/store/table';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string };

const MAIL_FROM = 'bosun@queenofsandiego.com';
let tmp: string;
let template: Template;
let fnLogicalId: string;

// One synth for the whole file: synthesis takes seconds.
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bosun-infra-'));
  const dist = join(tmp, 'dist');
  const frontend = join(tmp, 'frontend');
  mkdirSync(dist);
  mkdirSync(frontend);
  // The shape `npm run build` leaves in dist/.
  writeFileSync(join(dist, 'lambda.js'), 'export const handler = async () => ({ statusCode: 200 });\n');
  writeFileSync(join(dist, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(dist, 'templates'));
  writeFileSync(join(dist, 'templates', 'layout.html'), '<html></html>\n');
  writeFileSync(join(frontend, 'index.html'), '<!doctype html><title>Bosun</title>\n');
  const app = new App({ outdir: join(tmp, 'cdk.out') });
  const stack = new BosunStack(app, 'BosunTest', {
    mailFrom: MAIL_FROM,
    auditBcc: 'audit@queenofsandiego.com',
    reportRecipients: ['owner@queenofsandiego.com', 'cfo@queenofsandiego.com'],
    admins: ['U012ABCDEF'],
    channel: 'C012ABCDEF',
    alarmEmail: 'ops@queenofsandiego.com',
    lambdaDistDir: dist,
    frontendDistDir: frontend,
  });
  template = Template.fromStack(stack);
  fnLogicalId =
    Object.keys(
      template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'lambda.handler' } }),
    )[0] ?? '';
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function allStatements(): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
  return policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}
function functionStatements(): Statement[] {
  const role = (template.findResources('AWS::Lambda::Function')[fnLogicalId] as Resource).Properties.Role as {
    'Fn::GetAtt': [string, string];
  };
  const roleId = role['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
  return policies
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

describe('the DynamoDB table', () => {
  it('has the production key shape, both indexes named from keys.ts, TTL, PITR and deletion protection', () => {
    const local = tableDefinition('any');
    expect(local.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual([
      indexes.byDeparture,
      indexes.byUser,
    ]);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        // The same keys and indexes as the table `bosun table create` makes locally.
        KeySchema: local.KeySchema,
        GlobalSecondaryIndexes: local.GlobalSecondaryIndexes,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      },
    });
  });
});

describe('the Lambda', () => {
  it('runs Node.js 22 on arm64 with the stated memory and timeout', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'lambda.handler',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: LAMBDA_MEMORY_MB,
      Timeout: LAMBDA_TIMEOUT_SECONDS,
    });
    expect(LAMBDA_MEMORY_MB).toBe(1024);
    expect(LAMBDA_TIMEOUT_SECONDS).toBe(30);
  });

  it('gets the DESIGN env, secret ids only, and no secret values', () => {
    const fn = template.findResources('AWS::Lambda::Function')[fnLogicalId] as Resource;
    const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    for (const name of [
      'BOSUN_TABLE',
      'BOSUN_CHANNEL',
      'BOSUN_ADMINS',
      'MAIL_FROM',
      'MAIL_AUDIT_BCC',
      'REPORT_RECIPIENTS',
      'EVENT_BUS_NAME',
      SECRETS_ENV,
    ]) {
      expect(vars, name).toHaveProperty(name);
    }
    expect(vars.BOSUN_CHANNEL).toBe('C012ABCDEF');
    expect(vars.MAIL_FROM).toBe(MAIL_FROM);
    expect(vars.REPORT_RECIPIENTS).toBe('owner@queenofsandiego.com,cfo@queenofsandiego.com');
    for (const secret of ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'JWT_SECRET', 'SLACK_APP_TOKEN']) {
      expect(vars, secret).not.toHaveProperty(secret);
    }
    const ids = JSON.stringify(vars[SECRETS_ENV]);
    for (const name of [
      'SLACK_SIGNING_SECRET',
      'SLACK_BOT_TOKEN',
      'JWT_SECRET',
      'PUBLIC_URL',
      'ORIGIN_SECRET',
    ]) {
      expect(ids).toContain(name);
    }
    // The secrets' generated values live in Secrets Manager, not in the template.
    for (const s of Object.values(template.findResources('AWS::SecretsManager::Secret')) as Resource[]) {
      if (s.Properties.SecretString !== undefined) {
        expect(JSON.stringify(s.Properties.SecretString)).toContain('DomainName');
      } else {
        expect(s.Properties).toHaveProperty('GenerateSecretString');
      }
    }
    expect(JSON.stringify(vars)).not.toMatch(/xox[bpa]-/);
  });

  it('ships the bundle as ESM (package.json type module) next to lambda.js, with its templates', () => {
    const out = join(tmp, 'cdk.out');
    const staged = readdirSync(out)
      .filter((d) => d.startsWith('asset.'))
      .map((d) => join(out, d))
      .filter((d) => existsSync(join(d, 'lambda.js')));
    expect(staged).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(staged[0] as string, 'package.json'), 'utf8'))).toEqual({
      type: 'module',
    });
    expect(existsSync(join(staged[0] as string, 'templates', 'layout.html'))).toBe(true);
  });

  it('has a Function URL with auth NONE (Slack signs, the guest API uses JWTs)', () => {
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: { 'Fn::GetAtt': [fnLogicalId, 'Arn'] },
    });
  });
});

describe('EventBridge', () => {
  it(`runs the rule "${NUDGE_RULE_NAME}" every 15 minutes against the function`, () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: 'ptb_nudge',
      ScheduleExpression: 'rate(15 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fnLogicalId, 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('NudgeRule'), 'Arn'] },
    });
  });

  it('routes bosun.job events on the job bus to the function', () => {
    const bus = Object.keys(template.findResources('AWS::Events::EventBus'));
    expect(bus).toHaveLength(1);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: bus[0] },
      EventPattern: { source: ['bosun'], 'detail-type': ['bosun.job'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fnLogicalId, 'Arn'] } })],
    });
  });
});

describe('jobs survive failures', () => {
  const dlqId = () => {
    const ids = Object.keys(template.findResources('AWS::SQS::Queue'));
    expect(ids).toHaveLength(1);
    return ids[0] as string;
  };

  it('keeps dead letters in one encrypted, TLS-only queue for the 14 days SQS allows', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    expect(JOB_RETRIES.deadLetterRetentionDays).toBe(14);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlqId() }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('retries delivering a job event, then dead-letters it', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['bosun'], 'detail-type': ['bosun.job'] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [fnLogicalId, 'Arn'] },
          RetryPolicy: {
            MaximumRetryAttempts: JOB_RETRIES.deliveryAttempts,
            MaximumEventAgeInSeconds: JOB_RETRIES.deliveryMaxAgeHours * 3600,
          },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId(), 'Arn'] } },
        }),
      ],
    });
    expect(JOB_RETRIES.deliveryAttempts).toBeGreaterThan(0);
    // EventBridge may write to the DLQ, for this rule only.
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlqId() }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: {
              ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('JobRule'), 'Arn'] } },
            },
          }),
        ]),
      },
    });
  });

  it('has Lambda retry a failed asynchronous invocation twice, then send it to the same DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnLogicalId },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: JOB_RETRIES.invokeMaxAgeHours * 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId(), 'Arn'] } } },
    });
    const send = functionStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
    expect(JSON.stringify(send.flatMap(resourcesOf))).toContain(dlqId());
    expect(send.flatMap(resourcesOf)).not.toContain('*');
  });

  it(`retries delivering the ${NUDGE_RULE_NAME} sweep, but never later than the next one`, () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: NUDGE_RULE_NAME,
      Targets: [
        Match.objectLike({
          RetryPolicy: {
            MaximumRetryAttempts: NUDGE_RETRIES.deliveryAttempts,
            MaximumEventAgeInSeconds: NUDGE_RETRIES.deliveryMaxAgeMinutes * 60,
          },
        }),
      ],
    });
    expect(NUDGE_RETRIES.deliveryAttempts).toBeGreaterThan(0);
    expect(NUDGE_RETRIES.deliveryMaxAgeMinutes).toBeLessThan(15);
  });

  it('alarms as soon as one message is visible in the DLQ, and tells the alarm topic', () => {
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'));
    expect(topic).toHaveLength(1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId(), 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topic[0] }],
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@queenofsandiego.com',
      TopicArn: { Ref: topic[0] },
    });
  });

  it('documents what happens to a job that fails for good, and how to redrive it', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../infra/README.md'), 'utf8');
    const section = readme.split('## When a job fails for good')[1] ?? '';
    expect(section).toContain('aws sqs receive-message');
    expect(section).toContain('aws lambda invoke');
    expect(section).toContain('--invocation-type Event');
    expect(section).toContain('aws sqs delete-message');
    expect(section).toContain('requestPayload');
  });
});

describe('guest pages: S3 + CloudFront', () => {
  it('keeps the bucket private and TLS-only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('routes /api/*, /cal/*, /g/*, /slack/* and /healthz to the Function URL, uncached, with all viewer headers but Host', () => {
    const dists = Object.values(template.findResources('AWS::CloudFront::Distribution')) as Resource[];
    expect(dists).toHaveLength(1);
    const config = dists[0]?.Properties.DistributionConfig as {
      Origins: { Id: string; DomainName: unknown; S3OriginConfig?: unknown }[];
      CacheBehaviors: {
        PathPattern: string;
        TargetOriginId: string;
        CachePolicyId: string;
        OriginRequestPolicyId: string;
        AllowedMethods: string[];
      }[];
      DefaultCacheBehavior: { TargetOriginId: string };
    };
    const byPath = new Map(config.CacheBehaviors.map((b) => [b.PathPattern, b]));
    expect([...byPath.keys()].sort()).toEqual(['/api/*', '/cal/*', '/g/*', '/healthz', '/slack/*']);
    const urlOrigin = config.Origins.find((o) => JSON.stringify(o.DomainName).includes('FunctionUrl'));
    expect(urlOrigin).toBeDefined();
    for (const b of byPath.values()) {
      expect(b.TargetOriginId).toBe(urlOrigin?.Id);
      expect(b.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
      expect(b.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
      if (b.PathPattern === '/healthz' || b.PathPattern === '/cal/*')
        expect(b.AllowedMethods.sort()).toEqual(['GET', 'HEAD']);
      else expect(b.AllowedMethods).toContain('POST');
    }
    expect(config.DefaultCacheBehavior.TargetOriginId).not.toBe(urlOrigin?.Id);
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
  });
});

describe('security headers at CloudFront', () => {
  type Behavior = { PathPattern?: string; ResponseHeadersPolicyId?: unknown };
  const policyId = () => {
    const ids = Object.keys(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    expect(ids).toHaveLength(1);
    return ids[0] as string;
  };
  const security = () => {
    const policy = template.findResources('AWS::CloudFront::ResponseHeadersPolicy')[policyId()] as Resource;
    return (
      policy.Properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, unknown> }
    ).SecurityHeadersConfig;
  };

  it('sends HSTS for at least a year, subdomains included, overriding the origin', () => {
    const hsts = security().StrictTransportSecurity as {
      AccessControlMaxAgeSec: number;
      IncludeSubdomains: boolean;
      Override: boolean;
    };
    expect(hsts.AccessControlMaxAgeSec).toBe(HSTS_MAX_AGE_DAYS * 86_400);
    expect(hsts.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(365 * 86_400);
    expect(hsts.IncludeSubdomains).toBe(true);
    expect(hsts.Override).toBe(true);
  });

  it("sends exactly the guest page's own headers: CSP, nosniff, frame DENY, referrer policy", () => {
    expect(security()).toMatchObject({
      ContentSecurityPolicy: {
        ContentSecurityPolicy: pageSecurityHeaders['Content-Security-Policy'],
        Override: true,
      },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: pageSecurityHeaders['Referrer-Policy'], Override: true },
    });
    expect(pageSecurityHeaders['X-Frame-Options']).toBe('DENY');
    expect(pageSecurityHeaders['X-Content-Type-Options']).toBe('nosniff');
    expect(pageSecurityHeaders['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });

  it('is attached to the default behaviour, /api/* and every other behaviour', () => {
    const dist = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as Resource;
    const config = dist.Properties.DistributionConfig as {
      DefaultCacheBehavior: Behavior;
      CacheBehaviors: Behavior[];
    };
    const ref = { Ref: policyId() };
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual(ref);
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*');
    expect(api?.ResponseHeadersPolicyId).toEqual(ref);
    for (const b of config.CacheBehaviors) expect(b.ResponseHeadersPolicyId, b.PathPattern).toEqual(ref);
  });
});

describe('the viewer address behind CloudFront', () => {
  const originSecretId = () => {
    const ids = Object.keys(
      template.findResources('AWS::SecretsManager::Secret', {
        Properties: { Name: `BosunTest/${SECRET_NAMES.originSecret}` },
      }),
    );
    expect(ids).toHaveLength(1);
    return ids[0] as string;
  };
  type Origin = {
    Id: string;
    DomainName: unknown;
    OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
  };
  const origins = (t: Template) => {
    const dist = Object.values(t.findResources('AWS::CloudFront::Distribution'))[0] as Resource;
    return (dist.Properties.DistributionConfig as { Origins: Origin[] }).Origins;
  };
  const functionUrlOrigin = (t: Template) =>
    origins(t).find((o) => JSON.stringify(o.DomainName).includes('FunctionUrl')) as Origin;

  it('generates the origin secret in Secrets Manager as JSON {current}', () => {
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Delete',
      Properties: {
        Name: `BosunTest/${SECRET_NAMES.originSecret}`,
        GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{}', GenerateStringKey: 'current' }),
      },
    });
    expect(
      (template.findResources('AWS::SecretsManager::Secret')[originSecretId()] as Resource).Properties,
    ).not.toHaveProperty('SecretString');
  });

  it('has CloudFront send it to the Function URL only, as a dynamic reference, never a literal', () => {
    expect(functionUrlOrigin(template).OriginCustomHeaders).toEqual([
      {
        HeaderName: ORIGIN_SECRET_HEADER,
        HeaderValue: {
          'Fn::Join': [
            '',
            ['{{resolve:secretsmanager:', { Ref: originSecretId() }, ':SecretString:current::}}'],
          ],
        },
      },
    ]);
    expect(ORIGIN_SECRET_HEADER).toBe('x-bosun-origin-secret');
    const s3 = origins(template).filter((o) => o !== functionUrlOrigin(template));
    expect(JSON.stringify(s3)).not.toContain(ORIGIN_SECRET_HEADER);
  });

  it('lets the function read it with the other secrets (BOSUN_SECRETS.ORIGIN_SECRET)', () => {
    const fn = template.findResources('AWS::Lambda::Function')[fnLogicalId] as Resource;
    const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const parts = (vars[SECRETS_ENV] as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    const at = parts.findIndex((p) => typeof p === 'string' && p.endsWith('"ORIGIN_SECRET":"'));
    expect(at).toBeGreaterThan(-1);
    expect(parts[at + 1]).toEqual({ Ref: originSecretId() });
    const sm = functionStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
    expect(JSON.stringify(sm.flatMap(resourcesOf))).toContain(originSecretId());
  });

  it('forwards CloudFront-Viewer-Address (and Authorization, not Host) on every Function URL behaviour', () => {
    const dist = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as Resource;
    const config = dist.Properties.DistributionConfig as {
      CacheBehaviors: { PathPattern: string; TargetOriginId: string; OriginRequestPolicyId: string }[];
    };
    const toFunction = config.CacheBehaviors.filter(
      (b) => b.TargetOriginId === functionUrlOrigin(template).Id,
    );
    expect(toFunction.map((b) => b.PathPattern).sort()).toEqual([
      '/api/*',
      '/cal/*',
      '/g/*',
      '/healthz',
      '/slack/*',
    ]);
    // Managed-AllViewerExceptHostHeader: all viewer headers but Host, plus CloudFront's headers.
    for (const b of toFunction) expect(b.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
  });

  it('pins the secret version CloudFront sends when originSecretVersion is given (a rotation)', () => {
    const app = new App({ outdir: join(tmp, 'cdk.out.rotation') });
    const rotated = Template.fromStack(
      new BosunStack(app, 'BosunTest', {
        mailFrom: MAIL_FROM,
        auditBcc: 'audit@queenofsandiego.com',
        reportRecipients: ['owner@queenofsandiego.com'],
        admins: ['U012ABCDEF'],
        channel: 'C012ABCDEF',
        lambdaDistDir: join(tmp, 'dist'),
        frontendDistDir: join(tmp, 'no-frontend'),
        originSecretVersion: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE22222',
      }),
    );
    const header = functionUrlOrigin(rotated).OriginCustomHeaders?.[0];
    expect(JSON.stringify(header?.HeaderValue)).toContain(
      ':SecretString:current::a1b2c3d4-5678-90ab-cdef-EXAMPLE22222}}',
    );
  }, 60_000);

  it('explains the rotation in the guide', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../infra/README.md'), 'utf8');
    const section = readme.split('### Rotating the origin secret')[1] ?? '';
    expect(section).toContain('"previous"');
    expect(section).toContain('-c originSecretVersion=');
    expect(section).toContain('aws lambda update-function-configuration');
  });
});

describe('least-privilege IAM', () => {
  const scoped = ['dynamodb:', 'ses:', 'events:', 'secretsmanager:'];

  it('never grants dynamodb, ses, events or secretsmanager on "*"', () => {
    const wild = allStatements().filter(
      (s) =>
        actionsOf(s).some((a) => scoped.some((p) => a.startsWith(p))) &&
        resourcesOf(s).some((r) => r === '*'),
    );
    expect(wild).toEqual([]);
  });

  it('gives the function its table and indexes, read/write only', () => {
    const table = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0];
    const dyn = functionStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dyn.length).toBeGreaterThan(0);
    const actions = dyn.flatMap(actionsOf);
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ]),
    );
    expect(actions).not.toContain('dynamodb:DeleteTable');
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('dynamodb:*');
    const resources = JSON.stringify(dyn.flatMap(resourcesOf));
    expect(resources).toContain(table);
    expect(resources).toContain('/index/*');
  });

  it('lets the function send mail only as MAIL_FROM', () => {
    const ses = functionStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0] as Statement).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    const resources = JSON.stringify(resourcesOf(ses[0] as Statement));
    expect(resources).toContain(`:identity/${MAIL_FROM}`);
    expect(resources).toContain(':identity/queenofsandiego.com');
    expect(ses[0]?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': MAIL_FROM } });
  });

  it('lets the function put events only on its bus', () => {
    const bus = Object.keys(template.findResources('AWS::Events::EventBus'))[0];
    const ev = functionStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('events:')));
    expect(ev).toHaveLength(1);
    expect(actionsOf(ev[0] as Statement)).toEqual(['events:PutEvents']);
    expect(resourcesOf(ev[0] as Statement)).toEqual([{ 'Fn::GetAtt': [bus, 'Arn'] }]);
  });

  it('lets the function read only its own secrets', () => {
    const sm = functionStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
    const resources = JSON.stringify(sm.flatMap(resourcesOf));
    const secrets = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(5);
    for (const id of secrets.filter((s) => !s.startsWith('PublicUrl'))) expect(resources).toContain(id);
    expect(resources).toContain('BosunTest/public-url-??????');
    for (const s of sm) {
      for (const a of actionsOf(s))
        expect(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']).toContain(a);
    }
  });
});

describe('secrets and the deployment guide', () => {
  const readme = readFileSync(join(import.meta.dirname, '../../infra/README.md'), 'utf8');

  it('secrets have fixed names and go with the stack; the guide force-deletes each before a redeploy', () => {
    const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret')) as (Resource & {
      DeletionPolicy?: string;
    })[];
    expect(secrets.map((x) => x.Properties.Name).sort()).toEqual(
      Object.values(SECRET_NAMES)
        .map((n) => `BosunTest/${n}`)
        .sort(),
    );
    // DESTROY, not RETAIN: a retained secret keeps its fixed name taken and the next deploy fails.
    for (const x of secrets) expect(x.DeletionPolicy).toBe('Delete');
    const loop = readme.match(
      /for s in ([a-z\- ]+); do\n\s+aws secretsmanager delete-secret --secret-id "Bosun\/\$s" --force-delete-without-recovery/,
    );
    expect(loop?.[1]?.split(' ').sort()).toEqual(Object.values(SECRET_NAMES).sort());
  });

  it('asks for the Event Subscriptions URL, since the manifest subscribes to app_home_opened', () => {
    const manifest = readFileSync(join(import.meta.dirname, '../../manifest.yml'), 'utf8');
    expect(manifest).toMatch(/event_subscriptions:\n\s+request_url: \S+\/slack\/events/);
    expect(readme).toMatch(/\*\*Event Subscriptions\*\*/);
    expect(readme).toContain('app_home_opened');
  });

  it('checks health through the public URL, which CloudFront routes to the function', () => {
    expect(readme).toContain('`curl <SiteUrl>/healthz`');
  });

  it(`says the fixed rule name ${NUDGE_RULE_NAME} allows one stack per account and region`, () => {
    expect(readme).toMatch(/`ptb_nudge`, is fixed by the\s+design/);
  });
});
