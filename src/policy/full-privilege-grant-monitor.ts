import { ArnFormat, CfnResource, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FullPrivilegeGrantFunction } from './full-privilege-grant-function';
import { acknowledgeInCompliancePacks } from '../private/compliance-packs';

/** The state of the rule that watches IAM policy writes. */
export enum GrantRuleState {
  /** The rule receives write events (IAM policy writes are write events). */
  ENABLED = 'ENABLED',
  /** The rule also receives read-only management events; no difference for this rule. */
  ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
  /** The rule receives nothing. */
  DISABLED = 'DISABLED',
}

/** Properties of a `FullPrivilegeGrantMonitor`. */
export interface FullPrivilegeGrantMonitorProps {
  /** The topic that receives a message for every full-privilege grant. */
  readonly alarmTopic: sns.ITopic;

  /**
   * CloudWatch namespace of the `AdminPrivilegesGranted` metric the function records.
   *
   * @default 'IamGuardrails'
   */
  readonly metricNamespace?: string;

  /**
   * State of the EventBridge rule.
   *
   * @default GrantRuleState.ENABLED
   */
  readonly ruleState?: GrantRuleState;

  /**
   * Key that encrypts the function's log group and its dead-letter queue. A key you pass
   * must let CloudWatch Logs (`logs.<region>.amazonaws.com`) and EventBridge
   * (`events.amazonaws.com`) use it.
   *
   * @default - a customer managed key with rotation, retained when the stack is deleted
   *   (about 1 USD a month)
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long the function's log group keeps events.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

const DETECTION_ID = 'AdminPrivilegesGranted';
const DETECTION_METADATA = 'cdk-iam-guardrails:detection';
const POLICY_WRITES = [
  'PutUserPolicy',
  'PutGroupPolicy',
  'PutRolePolicy',
  'CreatePolicy',
  'CreatePolicyVersion',
];

/**
 * Detects IAM policy writes that grant full privileges: an inline policy put on a user,
 * group or role, a customer managed policy, or a policy version that allows every action
 * on every resource.
 *
 * A metric filter cannot judge a policy document, so an EventBridge rule sends every
 * successful `PutUserPolicy`, `PutGroupPolicy`, `PutRolePolicy`, `CreatePolicy` and
 * `CreatePolicyVersion` to a function that runs `PolicyAnalyzer` on it. For a grant, the
 * function publishes a message to the alarm topic (principal, source address, event,
 * target, account, Region) and records a datapoint of 1 for the `AdminPrivilegesGranted`
 * metric in the namespace, the metric the catalog's metric filter also counts.
 *
 * IAM is global: its events reach EventBridge in us-east-1 only, so deploy this construct
 * in us-east-1 (or forward the events there). Costs: the function runs only on IAM
 * policy writes (a few cents a month at most); the metric is 0.30 USD a month; the key,
 * when the construct creates it, 1 USD a month.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html
 */
export class FullPrivilegeGrantMonitor extends Construct {
  /** The rule that sends IAM policy writes to the function. */
  public readonly rule: events.Rule;

  /** The function that judges the policy documents. */
  public readonly handler: lambda.Function;

  /** The function's log group. */
  public readonly logGroup: logs.LogGroup;

  /** Where events the function could not handle after retries end up. */
  public readonly deadLetterQueue: sqs.Queue;

  /** The key that encrypts the log group and the dead-letter queue. */
  public readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: FullPrivilegeGrantMonitorProps) {
    super(scope, id);
    const namespace = props.metricNamespace ?? 'IamGuardrails';
    validateNamespace(this.node.path, namespace);

    this.encryptionKey = props.encryptionKey ?? this.createKey();

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      encryptionKey: this.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${DETECTION_ID}: runs the full-privilege policy analyzer`,
    });
    this.logGroup.grantWrite(role);

    this.handler = new FullPrivilegeGrantFunction(this, 'Function', {
      description: `${DETECTION_ID}: judges IAM policy documents for full privileges`,
      role,
      logGroup: this.logGroup,
      memorySize: 256,
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: 5,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
      environment: { TOPIC_ARN: props.alarmTopic.topicArn, METRIC_NAMESPACE: namespace },
    });
    this.handler.node.addDependency(this.logGroup);
    // Lambda sends failed invocations to the encrypted queue with the function's role.
    this.encryptionKey.grant(role, 'kms:Decrypt', 'kms:GenerateDataKey');
    props.alarmTopic.grantPublish(role);

    this.rule = new events.Rule(this, 'Rule', {
      description: `${DETECTION_ID}: IAM policy writes judged by the full-privilege analyzer`,
      eventPattern: {
        source: ['aws.iam'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['iam.amazonaws.com'],
          eventName: POLICY_WRITES,
          errorCode: events.Match.doesNotExist(),
        },
      },
      targets: [new targets.LambdaFunction(this.handler, {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 8,
        maxEventAge: Duration.hours(6),
      })],
    });
    const cfnRule = this.rule.node.defaultChild as events.CfnRule;
    cfnRule.state = props.ruleState ?? GrantRuleState.ENABLED;
    cfnRule.addMetadata('cdk-iam-guardrails:post-filter', 'FullPrivilegeGrant');

    for (const child of this.node.findAll()) {
      if (CfnResource.isCfnResource(child)) child.addMetadata(DETECTION_METADATA, DETECTION_ID);
    }
    this.acknowledgeFindings(role);
  }

  private createKey(): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: `${DETECTION_ID}: encrypts the monitor's log group and dead-letter queue`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
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
    acknowledgeInCompliancePacks(this.handler.node.defaultChild!, 'LambdaInsideVPC',
      'The function reads nothing but the event it is given and calls only SNS; '
        + 'a VPC would add endpoints or a NAT gateway and protect nothing.');
    // The grants land in the role's default policy, the one resource both findings are about.
    const policy = role.node.tryFindChild('DefaultPolicy')?.node.defaultChild ?? role;
    acknowledgeInCompliancePacks(policy, 'IAMNoInlinePolicy',
      'The role serves this one function; its policy holds only the grants to the '
        + 'function\'s topic, queue, key and log group, which no other principal should reuse.');
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason: 'sns.ITopic.grantPublish asks for kms:GenerateDataKey* on the key of an encrypted '
        + 'topic, and only on that key.',
    });
  }
}

function validateNamespace(path: string, namespace: string): void {
  if (Token.isUnresolved(namespace)) return;
  if (!/^[^:][^:]{0,254}$/.test(namespace) || namespace.startsWith('AWS/')) {
    throw new Error(
      `${path}: metricNamespace '${namespace}' is not a valid CloudWatch namespace. Use 1 to `
        + "255 characters, no ':' and no 'AWS/' prefix, such as 'IamGuardrails'.",
    );
  }
}
