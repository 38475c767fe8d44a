import {
  Token, aws_events as events, aws_events_targets as targets, aws_iam as iam, aws_sns as sns,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** Properties of a `CentralEventBus`. */
export interface CentralEventBusProps {
  /** The organization (`o-xxxxxxxxxx`) whose accounts may send events to the bus. */
  readonly organizationId: string;

  /**
   * The topic that receives every event on the bus (the alarm topic of the security team).
   * When it is encrypted, its key must let `events.amazonaws.com` use it.
   */
  readonly topic: sns.ITopic;

  /**
   * Name of the event bus. Member accounts name it in their `DetectionForwarder`.
   *
   * @default 'IamGuardrailsCentral'
   */
  readonly eventBusName?: string;
}

/**
 * An EventBridge event bus in the security account that receives the detection events and
 * guardrail findings of every account in the organization, and a rule that sends them all
 * to the security team's topic.
 *
 * Deploy it once, in the security account's home Region: forwarders in other Regions send
 * to it across Regions. The bus policy lets any principal of the organization
 * (`aws:PrincipalOrgID`) put events.
 *
 * Cost: events sent from other accounts or Regions are billed as custom events, $1.00 per
 * million; the topic's deliveries are priced by SNS.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html
 */
export class CentralEventBus extends Construct {
  /** The event bus. */
  public readonly eventBus: events.EventBus;

  /** The rule that sends every event on the bus to the topic. */
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: CentralEventBusProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.organizationId) && !ORGANIZATION_ID.test(props.organizationId)) {
      throw new Error(`${this.node.path}: organizationId ${JSON.stringify(props.organizationId)} `
        + 'is not an organization id; use the form o-xxxxxxxxxx (see aws organizations '
        + 'describe-organization)');
    }

    this.eventBus = new events.EventBus(this, 'Bus', {
      eventBusName: props.eventBusName ?? 'IamGuardrailsCentral',
      description: 'Detection events and guardrail findings from every account',
    });
    this.eventBus.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowOrganizationPutEvents',
      principals: [new iam.AnyPrincipal()],
      actions: ['events:PutEvents'],
      resources: [this.eventBus.eventBusArn],
      conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
    }));

    // Every EventBridge event carries version "0": the rule matches all that arrive.
    this.rule = new events.Rule(this, 'ToTopic', {
      eventBus: this.eventBus,
      description: 'Sends forwarded detection events and findings to the security topic',
      eventPattern: { version: ['0'] },
      targets: [new targets.SnsTopic(props.topic)],
    });
  }
}
