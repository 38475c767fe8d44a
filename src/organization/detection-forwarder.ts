import { Names, Token, aws_events as events, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Detection } from '../detections';
import { DEFAULT_GUARDRAIL_NAME_PREFIX } from './private/defaults';
import { checkNamePrefix } from './private/validation';

/**
 * Longest name prefix: EventBridge rule names hold 64 characters, and the rest of the name
 * must stay unique within the account.
 */
const MAX_PREFIX_LENGTH = 40;

/** Properties of a `DetectionForwarder`. */
export interface DetectionForwarderProps {
  /**
   * The central bus in the security account
   * (`EventBus.fromEventBusArn(this, 'Central', arn)`).
   */
  readonly centralEventBus: events.IEventBus;

  /**
   * Prefix of the detection alarm names whose state changes are forwarded, and of the
   * forwarder's own rule names (so the protection policy covers them). At most 40
   * characters.
   *
   * @default 'IamGuardrails'
   */
  readonly namePrefix?: string;

  /**
   * Forward Security Hub, GuardDuty, IAM Access Analyzer and AWS Config findings as well.
   *
   * @default true
   */
  readonly findings?: boolean;

  /**
   * Detections whose matching CloudTrail events are forwarded as they happen (those with an
   * EventBridge pattern; the others reach the bus through their alarm).
   *
   * @default - none: only alarm state changes and findings
   */
  readonly detections?: Detection[];
}

/**
 * Forwards an account's detection alarms, detection events and guardrail findings from the
 * default event bus to the organization's `CentralEventBus`.
 *
 * Deploy it in every member account and Region, typically through the baseline StackSet:
 * EventBridge sees an event only in the Region where it happens (IAM and STS global events
 * in us-east-1, console sign-ins in the Region of the sign-in endpoint).
 *
 * Cost: EventBridge rules on the default bus are free for AWS service events; events sent
 * to another account's bus cost $1.00 per million.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html
 */
export class DetectionForwarder extends Construct {
  /** The role EventBridge uses to put events on the central bus. */
  public readonly role: iam.IRole;

  /** The rules, each targeting the central bus. */
  public readonly rules: events.Rule[] = [];

  constructor(scope: Construct, id: string, props: DetectionForwarderProps) {
    super(scope, id);
    const prefix = props.namePrefix ?? DEFAULT_GUARDRAIL_NAME_PREFIX;
    checkNamePrefix(this, 'namePrefix', prefix);
    if (!Token.isUnresolved(prefix) && prefix.length > MAX_PREFIX_LENGTH) {
      throw new Error(`${this.node.path}: namePrefix ${JSON.stringify(prefix)} is ${prefix.length} `
        + `characters; give at most ${MAX_PREFIX_LENGTH}, so the rule names (64 characters at most) `
        + 'keep room for a unique part');
    }
    // One role for every rule, with a managed policy that may only put events on the bus.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
      description: 'Lets EventBridge forward guardrail events to the central bus',
    });
    new iam.ManagedPolicy(this, 'PutEvents', {
      roles: [this.role],
      statements: [new iam.PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [props.centralEventBus.eventBusArn],
      })],
    });
    const target: events.IRuleTarget = {
      bind: () => ({ arn: props.centralEventBus.eventBusArn, role: this.role }),
    };

    this.addRule('Alarms', prefix, target, 'Forwards detection alarm state changes', {
      source: ['aws.cloudwatch'],
      detailType: ['CloudWatch Alarm State Change'],
      detail: { alarmName: events.Match.prefix(prefix), state: { value: ['ALARM'] } },
    });

    if (props.findings ?? true) {
      this.addRule('Findings', prefix, target, 'Forwards security service findings', {
        source: ['aws.securityhub', 'aws.guardduty', 'aws.access-analyzer', 'aws.config'],
        detailType: ['Security Hub Findings - Imported', 'GuardDuty Finding',
          'Access Analyzer Finding', 'Unused Access Finding for IAM entities',
          'Config Rules Compliance Change'],
      });
    }

    for (const detection of props.detections ?? []) {
      if (!detection.eventPattern) continue;
      const rule = this.addRule(detection.id, prefix, target,
        `Forwards the events of detection ${detection.id}`, detection.eventPattern);
      if (detection.includesReadOnlyEvents) {
        // Read-only management events such as AssumeRole reach a rule only in this state.
        (rule.node.defaultChild as events.CfnRule).state =
          'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
      }
    }
  }

  private addRule(
    id: string, prefix: string, target: events.IRuleTarget, description: string,
    eventPattern: events.EventPattern,
  ): events.Rule {
    const rule = new events.Rule(this, id, { description, eventPattern, targets: [target] });
    // Named after the prefix so the protection policy covers the rule in every account.
    (rule.node.defaultChild as events.CfnRule).name = `${prefix}-`
      + Names.uniqueResourceName(rule, { maxLength: 63 - prefix.length });
    this.rules.push(rule);
    return rule;
  }
}
