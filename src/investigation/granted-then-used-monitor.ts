import { ArnFormat, CfnResource, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { GrantCorrelationFunction } from './grant-correlation-function';
import { acknowledgeInCompliancePacks } from '../private/compliance-packs';

/** Properties of a `GrantedThenUsedMonitor`. */
export interface GrantedThenUsedMonitorProps {
  /** The topic that receives a message for each first use of a grant. */
  readonly alarmTopic: sns.ITopic;

  /**
   * How long a principal is watched after it was granted full privileges. Its first write
   * call inside the window is reported. From 1 hour to 7 days.
   *
   * @default Duration.hours(24)
   */
  readonly window?: Duration;

  /**
   * Key that encrypts the table, the function's log group and its dead-letter queue.
   *
   * @default - a customer managed key with rotation, retained when the stack is deleted
   *   (1 USD a month)
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long the function's log group keeps events.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Concurrent runs reserved for the function. Every write event of the Region invokes it;
   * events beyond the limit wait and are retried by EventBridge for up to six hours.
   *
   * @default 10
   */
  readonly reservedConcurrency?: number;

  /**
   * What happens to the table, its key (when created here) and the log group when the
   * stack is deleted. The table holds only open watches, but it is kept by default like
   * everything the library creates.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const ID = 'GrantedThenUsed';
const MIN_WINDOW = Duration.hours(1);
const MAX_WINDOW = Duration.days(7);

/**
 * Reports the first write call of a user or role in the window after it was granted full
 * privileges (AdministratorAccess or IAMFullAccess attached, or a full-privilege inline
 * policy), naming the grant: the step from "someone became admin" to "the new admin acted".
 * For a group, a user added to it inside the window is reported and then watched.
 *
 * A metric filter cannot remember a grant, so an EventBridge rule sends every successful
 * write event of the Region to a function that keeps the watches in a DynamoDB table
 * (on-demand, encrypted, point-in-time recovery, an `expiresAt` TTL attribute).
 *
 * Deploy it in us-east-1, where IAM events arrive, and forward other Regions' events there
 * (`GlobalEventForwarder`), or it sees only the writes made in its own Region. At 1 million
 * write events a month it costs about 0.37 USD (Lambda requests and compute, one DynamoDB
 * read per event), plus the key (1 USD) and about 0.17 USD for the function's log lines;
 * the README shows the arithmetic.
 *
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html
 */
export class GrantedThenUsedMonitor extends Construct {
  /** The table of watched principals. */
  public readonly table: dynamodb.Table;

  /** The function that correlates grants and uses. */
  public readonly handler: lambda.Function;

  /** The rule that sends grants and write events to the function. */
  public readonly rule: events.Rule;

  /** The function's log group. */
  public readonly logGroup: logs.LogGroup;

  /** Where events the function could not handle end up. */
  public readonly deadLetterQueue: sqs.Queue;

  /** The key that encrypts the table, the log group and the queue. */
  public readonly encryptionKey: kms.IKey;

  /** How long a grantee is watched. */
  public readonly window: Duration;

  constructor(scope: Construct, id: string, props: GrantedThenUsedMonitorProps) {
    super(scope, id);
    this.window = props.window ?? Duration.hours(24);
    this.validateWindow(this.window);
    const concurrency = props.reservedConcurrency ?? 10;
    if (!Token.isUnresolved(concurrency) && (!Number.isInteger(concurrency) || concurrency < 1)) {
      throw new Error(
        `${this.node.path}: reservedConcurrency is ${concurrency}; give a whole number of 1 or more.`,
      );
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.encryptionKey = props.encryptionKey ?? this.createKey(removalPolicy);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'principal', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'expiresAt',
      removalPolicy,
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
    });

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      encryptionKey: this.encryptionKey,
      removalPolicy,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${ID}: correlates full-privilege grants with the grantee's first write`,
    });
    this.logGroup.grantWrite(role);
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      resources: [this.table.tableArn],
    }));
    // The table, the queue and the log group share the key; no wildcard actions.
    this.encryptionKey.grant(role, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey');
    props.alarmTopic.grantPublish(role);

    this.handler = new GrantCorrelationFunction(this, 'Function', {
      description: `${ID}: reports the first write of a principal after a full-privilege grant`,
      role,
      logGroup: this.logGroup,
      memorySize: 128,
      timeout: Duration.seconds(10),
      reservedConcurrentExecutions: concurrency,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
      environment: {
        TABLE_NAME: this.table.tableName,
        TOPIC_ARN: props.alarmTopic.topicArn,
        WINDOW_SECONDS: String(this.window.toSeconds()),
      },
    });
    this.handler.node.addDependency(this.logGroup);

    // Write events only: a rule in state ENABLED receives no read-only management events.
    this.rule = new events.Rule(this, 'Rule', {
      description: `${ID}: full-privilege grants and write calls, for the grant correlation`,
      eventPattern: {
        detailType: ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'],
        detail: { errorCode: events.Match.doesNotExist() },
      },
      targets: [new targets.LambdaFunction(this.handler, {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 8,
        maxEventAge: Duration.hours(6),
      })],
    });
    for (const resource of [this.rule, this.handler, this.table]) {
      const cfn = resource.node.defaultChild as CfnResource;
      cfn.cfnOptions.metadata = { ...cfn.cfnOptions.metadata, 'cdk-iam-guardrails:detection': ID };
    }
    // Tells `replay` to run the rule's matches through the correlation, with the window of
    // the function the rule targets.
    (this.rule.node.defaultChild as CfnResource).addMetadata('cdk-iam-guardrails:correlation', ID);

    this.acknowledgeFindings(role);
  }

  private validateWindow(window: Duration): void {
    if (Token.isUnresolved(window.toSeconds({ integral: false }))) return;
    const seconds = window.toSeconds({ integral: false });
    if (seconds < MIN_WINDOW.toSeconds() || seconds > MAX_WINDOW.toSeconds() || !Number.isInteger(seconds)) {
      throw new Error(
        `${this.node.path}: window is ${window.toHumanString()}; give a whole number of seconds from ` +
          '1 hour to 7 days, e.g. Duration.hours(24).',
      );
    }
  }

  private createKey(removalPolicy: RemovalPolicy): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: `${ID}: encrypts the watch table, the function's log group and its dead-letter queue`,
      enableKeyRotation: true,
      removalPolicy,
    });
    const stack = Stack.of(this);
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogs',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: '*',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }));
    // EventBridge puts undeliverable events on the encrypted dead-letter queue.
    key.grant(new iam.ServicePrincipal('events.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    return key;
  }

  private acknowledgeFindings(role: iam.Role): void {
    const rolePolicy = role.node.findChild('DefaultPolicy').node.defaultChild!;
    acknowledgeInCompliancePacks(this.handler.node.defaultChild!, 'LambdaInsideVPC',
      'The function reads only the event it is given, one DynamoDB table and one SNS '
        + 'topic; a VPC would add endpoints or a NAT gateway and protect nothing.');
    acknowledgeInCompliancePacks(rolePolicy, 'IAMNoInlinePolicy',
      'The role serves this one function; its policy holds only the grants to its '
        + 'table, topic, queue, key and log group, which no other principal should reuse.');
    Validations.of(rolePolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason: 'sns.ITopic.grantPublish asks for kms:GenerateDataKey* on the key of an encrypted '
        + 'topic, and only on that key.',
    });
    acknowledgeInCompliancePacks(this.table.node.defaultChild!, 'DynamoDBInBackupPlan',
      'The table holds only open watches that expire within the window (7 days at '
        + 'most); point-in-time recovery covers it, and a backup would restore stale watches.');
  }
}
