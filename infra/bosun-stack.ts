/**
 * The whole of Bosun on AWS as one CDK stack: the DynamoDB table, the Lambda with its Function URL,
 * the EventBridge bus for jobs and the `ptb_nudge` schedule, S3 + CloudFront for the guest pages,
 * the Secrets Manager secrets, and least-privilege IAM between them.
 * @see ../../shared/DESIGN.md "Runtime shape"
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  Arn,
  ArnFormat,
  CfnOutput,
  Duration,
  RemovalPolicy,
  SecretValue,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SECRETS_ENV, type SecretVariable } from '../src/aws/secrets';
import { pageSecurityHeaders } from '../src/http/guest-pages';
import { ORIGIN_SECRET_HEADER } from '../src/http/viewer-address';
import { indexes } from '../src/store/keys';

export { ORIGIN_SECRET_HEADER, SECRETS_ENV };

/** The schedule rule's name; DESIGN.md fixes it and the Lambda recognises it. */
export const NUDGE_RULE_NAME = 'ptb_nudge';

/** The job events' source and detail-type, shared with `src/jobs/`. */
export const jobEvent = { source: 'bosun', detailType: 'bosun.job' } as const;

/**
 * The secrets' names under `<stack>/`. Fixed, so the README's commands can name them; the
 * public-url one must be, to break the cycle described where it is created.
 */
export const SECRET_NAMES = {
  signingSecret: 'slack-signing-secret',
  botToken: 'slack-bot-token',
  jwtSecret: 'jwt-secret',
  publicUrl: 'public-url',
  originSecret: 'origin-secret',
} as const;

/** Memory: CPU scales with it, and a Bolt cold start must fit in Slack's 3 s ack. */
export const LAMBDA_MEMORY_MB = 1024;
/** Timeout: a report job (render + SES with retries) is the slowest thing the function does. */
export const LAMBDA_TIMEOUT_SECONDS = 30;

/**
 * How hard each layer tries before a job is given up, and where it then goes. EventBridge retries
 * only *delivery* (the invoke call was throttled or Lambda's service failed); once Lambda has
 * accepted the event, a function error is retried by Lambda's own asynchronous invocation
 * (after about one and then two minutes). Whatever fails for good lands in the dead-letter queue.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
export const JOB_RETRIES = {
  /** EventBridge → Lambda delivery attempts for a job event after the first. */
  deliveryAttempts: 4,
  /** A job event older than this is not delivered any more (it goes to the DLQ). */
  deliveryMaxAgeHours: 1,
  /** Lambda's retries of an asynchronous invocation whose function failed (its maximum is 2). */
  invokeRetries: 2,
  /** An event waiting longer than this in Lambda's async queue is given up (to the DLQ). */
  invokeMaxAgeHours: 1,
  /** SQS keeps a dead letter at most 14 days; that is the time there is to look at it. */
  deadLetterRetentionDays: 14,
} as const;

/**
 * The nudge schedule's delivery retries. Shorter than the 15-minute rate, so a retried delivery
 * still runs before the next sweep; sweeps are idempotent (each nudge is a conditional write).
 */
export const NUDGE_RETRIES = { deliveryAttempts: 2, deliveryMaxAgeMinutes: 10 } as const;

/**
 * The origin request policy of every behaviour that goes to the Function URL: managed
 * AllViewerExceptHostHeader (all viewer headers but Host, Authorization included, plus CloudFront's
 * headers such as `CloudFront-Viewer-Address`).
 * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html
 */
export const FUNCTION_URL_ORIGIN_REQUEST_POLICY =
  cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER;

/** HSTS max-age: two years (the preload list's minimum is one); a browser then never tries HTTP. */
export const HSTS_MAX_AGE_DAYS = 730;

/**
 * One response headers policy for every behaviour: HSTS, and the guest page's own security
 * headers (`pageSecurityHeaders`, which the function sends locally) taken from the same constant,
 * so the page served from S3 gets exactly what the function would have sent. CloudFront's value
 * wins over the origin's (`override`), so every response agrees.
 * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/understanding-response-headers-policies.html
 */
function securityHeadersBehavior(): cloudfront.ResponseSecurityHeadersBehavior {
  const page = (name: string): string => {
    const value = pageSecurityHeaders[name];
    if (value === undefined) throw new Error(`pageSecurityHeaders has no ${name}`);
    return value;
  };
  const referrerPolicy = Object.values(cloudfront.HeadersReferrerPolicy).find(
    (p) => p === page('Referrer-Policy'),
  );
  const frameOption = Object.values(cloudfront.HeadersFrameOption).find((f) => f === page('X-Frame-Options'));
  if (!referrerPolicy || !frameOption || page('X-Content-Type-Options') !== 'nosniff') {
    throw new Error('pageSecurityHeaders has a value CloudFront cannot send');
  }
  return {
    strictTransportSecurity: {
      accessControlMaxAge: Duration.days(HSTS_MAX_AGE_DAYS),
      includeSubdomains: true,
      override: true,
    },
    contentTypeOptions: { override: true },
    frameOptions: { frameOption, override: true },
    referrerPolicy: { referrerPolicy, override: true },
    contentSecurityPolicy: { contentSecurityPolicy: page('Content-Security-Policy'), override: true },
  };
}

/** What the function may do to its table and indexes: item reads and writes, no Scan, no admin. */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

/** A custom domain for the CloudFront distribution (certificate in us-east-1, as CloudFront requires). */
export interface BosunDomain {
  name: string;
  certificateArn: string;
}

/** What a deployment is parameterised by (from `cdk.json` context or `-c key=value`). */
export interface BosunStackProps extends StackProps {
  /** Sender address (`MAIL_FROM`); SES must have it (or its domain) verified. */
  mailFrom: string;
  /** The SES identity mail is sent as; default: the address and its domain. */
  mailIdentities?: string[];
  /** Audit copy of every mail (`MAIL_AUDIT_BCC`). */
  auditBcc: string;
  /** Report readers (`REPORT_RECIPIENTS`). */
  reportRecipients: string[];
  /** Slack user ids of the admins (`BOSUN_ADMINS`). */
  admins: string[];
  /** Slack channel id for cards, nudges and summaries (`BOSUN_CHANNEL`). */
  channel: string;
  /** Vessel time zone (`BOSUN_TIMEZONE`). */
  timezone?: string;
  /** Optional custom domain for the guest pages; otherwise the CloudFront domain is used. */
  domain?: BosunDomain;
  /** Directory holding the esbuild bundle `lambda.js` (default `dist/`, built by `npm run build`). */
  lambdaDistDir?: string;
  /** Built guest pages (default `frontend/dist`); deployed to the bucket when the directory exists. */
  frontendDistDir?: string;
  /** Optional address subscribed to the alarms topic (dead letters); confirm the email SNS sends. */
  alarmEmail?: string;
  /**
   * The origin secret's version CloudFront sends (a Secrets Manager `VersionId`); default: the
   * current version at deploy time. Setting it is what makes a rotation reach CloudFront: the
   * header's dynamic reference is resolved only when the template changes (infra/README.md).
   */
  originSecretVersion?: string;
}

/** Bosun's stack. */
export class BosunStack extends Stack {
  readonly table: dynamodb.Table;
  readonly fn: lambda.Function;
  readonly functionUrl: lambda.FunctionUrl;
  readonly jobBus: events.EventBus;
  readonly deadLetters: sqs.Queue;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: BosunStackProps) {
    super(scope, id, props);
    const root = join(import.meta.dirname, '..');

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [n, name] of [
      [1, indexes.byDeparture],
      [2, indexes.byUser],
    ] as const) {
      this.table.addGlobalSecondaryIndex({
        indexName: name,
        partitionKey: { name: `GSI${n}PK`, type: dynamodb.AttributeType.STRING },
        sortKey: { name: `GSI${n}SK`, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    this.jobBus = new events.EventBus(this, 'JobBus');

    // Secret values never enter the template: the JWT secret is generated by Secrets Manager, the
    // Slack ones hold a placeholder until `aws secretsmanager put-secret-value` (see infra/README.md).
    // They go with the stack (DESTROY), not RETAIN: their names are fixed, so a retained secret
    // would make the next deploy fail with "already exists". A destroyed one is only scheduled
    // for deletion, which blocks the name too; infra/README.md gives the force-delete commands.
    const secretPrefix = `${this.stackName}/`;
    const slackSigning = new secretsmanager.Secret(this, 'SlackSigningSecret', {
      secretName: `${secretPrefix}${SECRET_NAMES.signingSecret}`,
      description: 'Slack app signing secret (Basic Information → App Credentials)',
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const slackBot = new secretsmanager.Secret(this, 'SlackBotToken', {
      secretName: `${secretPrefix}${SECRET_NAMES.botToken}`,
      description: 'Slack bot token, xoxb-… (OAuth & Permissions)',
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const jwt = new secretsmanager.Secret(this, 'JwtSecret', {
      secretName: `${secretPrefix}${SECRET_NAMES.jwtSecret}`,
      description: 'Signs guest JWTs; generated, rotate by putting a new value',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // CloudFront sends `current` to the Function URL in a custom origin header, so the function can
    // tell requests that came through CloudFront (and believe their CloudFront-Viewer-Address) from
    // direct calls. JSON, so a rotation can hold the previous value too (docs/design-notes.md).
    const originSecret = new secretsmanager.Secret(this, 'OriginSecret', {
      secretName: `${secretPrefix}${SECRET_NAMES.originSecret}`,
      description: `CloudFront's ${ORIGIN_SECRET_HEADER} header to the Function URL: {"current","previous"?}; rotate as infra/README.md says`,
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'current',
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // PUBLIC_URL would be a cycle (function env → distribution → Function URL → function), so without
    // a custom domain it is a secret with a fixed name, written after the distribution exists and
    // read at cold start like the others. Its value is not secret; Secrets Manager is just the store
    // the runtime already reads.
    const publicUrlSecretName = `${secretPrefix}${SECRET_NAMES.publicUrl}`;
    const secretIds: Partial<Record<SecretVariable, string>> = {
      SLACK_SIGNING_SECRET: slackSigning.secretArn,
      SLACK_BOT_TOKEN: slackBot.secretArn,
      JWT_SECRET: jwt.secretArn,
      ORIGIN_SECRET: originSecret.secretArn,
    };
    const env: Record<string, string> = {
      BOSUN_TABLE: this.table.tableName,
      BOSUN_CHANNEL: props.channel,
      BOSUN_ADMINS: props.admins.join(','),
      MAIL_FROM: props.mailFrom,
      MAIL_AUDIT_BCC: props.auditBcc,
      REPORT_RECIPIENTS: props.reportRecipients.join(','),
      EVENT_BUS_NAME: this.jobBus.eventBusName,
      BOSUN_TIMEZONE: props.timezone ?? 'America/Los_Angeles',
      POWERTOOLS_SERVICE_NAME: 'bosun',
    };
    if (props.domain) env.PUBLIC_URL = `https://${props.domain.name}`;
    else secretIds.PUBLIC_URL = publicUrlSecretName;
    env[SECRETS_ENV] = this.toJsonString(secretIds);

    // One dead-letter queue for both ways a job can fail for good: EventBridge could not deliver it
    // (the message body is the event) or the function failed on every attempt (the body is Lambda's
    // invocation record, the event under `requestPayload`). infra/README.md shows how to redrive.
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(JOB_RETRIES.deadLetterRetentionDays),
    });

    const logGroup = new logs.LogGroup(this, 'FunctionLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new lambda.Function(this, 'Function', {
      description: 'Bosun: Slack requests, guest API, nudge sweep and jobs',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'lambda.handler',
      code: lambdaCode(props.lambdaDistDir ?? join(root, 'dist')),
      memorySize: LAMBDA_MEMORY_MB,
      timeout: Duration.seconds(LAMBDA_TIMEOUT_SECONDS),
      environment: env,
      logGroup,
      // Asynchronous invocations (jobs and the nudge schedule): Lambda's own retries, then the DLQ.
      retryAttempts: JOB_RETRIES.invokeRetries,
      maxEventAge: Duration.hours(JOB_RETRIES.invokeMaxAgeHours),
      onFailure: new destinations.SqsDestination(this.deadLetters),
    });

    // Slack signs its requests and the guest API checks JWTs, so the URL itself is public.
    this.functionUrl = this.fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    new events.Rule(this, 'JobRule', {
      eventBus: this.jobBus,
      description: 'Slow work handed off by the Slack listeners (reports, bulk invites)',
      eventPattern: { source: [jobEvent.source], detailType: [jobEvent.detailType] },
      targets: [
        new targets.LambdaFunction(this.fn, {
          retryAttempts: JOB_RETRIES.deliveryAttempts,
          maxEventAge: Duration.hours(JOB_RETRIES.deliveryMaxAgeHours),
          deadLetterQueue: this.deadLetters,
        }),
      ],
    });
    new events.Rule(this, 'NudgeRule', {
      ruleName: NUDGE_RULE_NAME,
      description: 'Bosun nudge sweep',
      schedule: events.Schedule.rate(Duration.minutes(15)),
      // No DLQ: a sweep that could not be delivered is covered by the next one.
      targets: [
        new targets.LambdaFunction(this.fn, {
          retryAttempts: NUDGE_RETRIES.deliveryAttempts,
          maxEventAge: Duration.minutes(NUDGE_RETRIES.deliveryMaxAgeMinutes),
        }),
      ],
    });

    // A dead letter is a job (or sweep) that failed for good: someone should look at it.
    const alarms = new sns.Topic(this, 'Alarms', { displayName: 'Bosun alarms' });
    if (props.alarmEmail) alarms.addSubscription(new snsSubscriptions.EmailSubscription(props.alarmEmail));
    const deadLetterAlarm = new cloudwatch.Alarm(this, 'DeadLettersAlarm', {
      alarmDescription:
        'A Bosun job or sweep failed for good and is in the dead-letter queue; see infra/README.md "When a job fails for good".',
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    deadLetterAlarm.addAlarmAction(new cloudwatchActions.SnsAction(alarms));

    const bucket = new s3.Bucket(this, 'FrontendBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Bosun: HSTS and the guest page security headers on every response',
      securityHeadersBehavior: securityHeadersBehavior(),
    });
    const fnOrigin = new origins.FunctionUrlOrigin(this.functionUrl, {
      // A dynamic reference: CloudFormation puts the value into CloudFront's configuration at
      // deploy time, and the template holds only `{{resolve:secretsmanager:…}}`. CloudFront
      // overwrites a header of this name that a viewer sends.
      customHeaders: {
        [ORIGIN_SECRET_HEADER]: SecretValue.secretsManager(originSecret.secretArn, {
          jsonField: 'current',
          ...(props.originSecretVersion ? { versionId: props.originSecretVersion } : {}),
        }).unsafeUnwrap(),
      },
    });
    const dynamic: cloudfront.BehaviorOptions = {
      origin: fnOrigin,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      // The Function URL routes on its own Host, so everything but Host goes through. This managed
      // policy also adds CloudFront's headers, CloudFront-Viewer-Address among them; a custom policy
      // cannot do both (an allow list cannot name Authorization, an all-except list cannot add
      // CloudFront's headers), so it is the one policy that fits (docs/design-notes.md).
      originRequestPolicy: FUNCTION_URL_ORIGIN_REQUEST_POLICY,
      // POSTs cannot follow a redirect, so plain HTTP is refused rather than redirected.
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      responseHeadersPolicy,
    };
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Bosun guest pages and API',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy,
      },
      additionalBehaviors: {
        '/api/*': dynamic,
        '/g/*': { ...dynamic, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
        '/slack/*': dynamic,
        // Crew calendar feeds (`/cal/<token>.ics`), polled by calendar apps: read-only, uncached.
        '/cal/*': {
          ...dynamic,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        },
        // The health check through the public URL, so it proves CloudFront → Function URL → app.
        '/healthz': {
          ...dynamic,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        },
      },
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            // Only a custom certificate can raise the floor; the default one is fixed by CloudFront.
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    const frontendDir = props.frontendDistDir ?? join(root, 'frontend', 'dist');
    if (existsSync(frontendDir)) {
      new s3deploy.BucketDeployment(this, 'FrontendDeployment', {
        sources: [s3deploy.Source.asset(frontendDir)],
        destinationBucket: bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
      });
    }

    if (!props.domain) {
      new secretsmanager.Secret(this, 'PublicUrl', {
        secretName: publicUrlSecretName,
        description: 'Base of magic links (the CloudFront URL); not secret, stored here to avoid a cycle',
        // A public URL, not a secret: plain text in the template is fine.
        secretStringValue: SecretValue.unsafePlainText(`https://${this.distribution.distributionDomainName}`),
        removalPolicy: RemovalPolicy.DESTROY,
      });
    }

    this.grantLeastPrivilege(props, [slackSigning, slackBot, jwt, originSecret], publicUrlSecretName);

    new CfnOutput(this, 'FunctionUrl', {
      value: this.functionUrl.url,
      description: 'Slack request URL: <this>slack/events',
    });
    new CfnOutput(this, 'SiteUrl', {
      value: props.domain
        ? `https://${props.domain.name}`
        : `https://${this.distribution.distributionDomainName}`,
      description: 'Guest pages (PUBLIC_URL)',
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'FunctionName', { value: this.fn.functionName });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: this.deadLetters.queueUrl,
      description: 'Jobs that failed for good (infra/README.md: "When a job fails for good")',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topicArn });
    new CfnOutput(this, 'SlackSigningSecretName', { value: slackSigning.secretName });
    new CfnOutput(this, 'SlackBotTokenSecretName', { value: slackBot.secretName });
    new CfnOutput(this, 'OriginSecretName', { value: originSecret.secretName });
  }

  /** The function may use only its table, its bus, its secrets, and send only as MAIL_FROM. */
  private grantLeastPrivilege(
    props: BosunStackProps,
    secrets: secretsmanager.Secret[],
    publicUrlSecretName: string,
  ): void {
    // Not grantReadWriteData: that includes Scan, and Bosun never scans (the sweep uses byDeparture).
    // TransactWriteItems is authorised through the item actions below.
    this.table.grant(this.fn, ...TABLE_ACTIONS);
    this.jobBus.grantPutEventsTo(this.fn);
    for (const s of secrets) s.grantRead(this.fn);
    if (!props.domain) {
      // By name, not by reference: a reference would close the cycle described above. Secret ARNs
      // end in "-" and six random characters.
      this.fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [
            Arn.format(
              {
                service: 'secretsmanager',
                resource: 'secret',
                resourceName: `${publicUrlSecretName}-??????`,
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              },
              this,
            ),
          ],
        }),
      );
    }
    const domain = props.mailFrom.split('@')[1] ?? props.mailFrom;
    const identities = props.mailIdentities ?? [props.mailFrom, domain];
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: identities.map((identity) =>
          Arn.format({ service: 'ses', resource: 'identity', resourceName: identity }, this),
        ),
        conditions: { StringEquals: { 'ses:FromAddress': props.mailFrom } },
      }),
    );
  }
}

/**
 * The Lambda code: the package `npm run build` leaves in `dist/` — `lambda.js` (+ map), a
 * `package.json` marking it ESM, and the templates, sample data and guest page it reads.
 */
function lambdaCode(distDir: string): lambda.Code {
  for (const f of ['lambda.js', 'package.json', 'templates']) {
    if (!existsSync(join(distDir, f))) {
      throw new Error(`${join(distDir, f)} is missing: run \`npm run build\` first.`);
    }
  }
  return lambda.Code.fromAsset(distDir);
}
