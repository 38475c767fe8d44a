import { Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { acknowledgeInCompliancePacks } from '../private/compliance-packs';

/** Properties of a `GlobalEventForwarder`. */
export interface GlobalEventForwarderProps {
  /**
   * The Region whose default event bus receives the forwarded events: where the
   * `IamThreatDetection` with `receivesGlobalServiceEvents: true` is deployed.
   */
  readonly targetRegion: string;
}

/** EventBridge sources of the services whose events arrive in us-east-1 only. */
const GLOBAL_SOURCES = ['aws.iam', 'aws.sts', 'aws.signin'];

/**
 * Forwards the events of global services (IAM, STS's global endpoint, console sign-in)
 * from us-east-1, the only Region where EventBridge receives them, to the default event
 * bus of another Region of the same account, so that detections deployed there get their
 * rules. Deploy it in a us-east-1 stack.
 *
 * Forwarding between Regions costs $0.01 per 1,000 events (IAM and STS events are few;
 * AssumeRole can be many in busy accounts).
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html
 */
export class GlobalEventForwarder extends Construct {
  /** The forwarding rule. */
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: GlobalEventForwarderProps) {
    super(scope, id);
    const stack = Stack.of(this);
    if (!Token.isUnresolved(stack.region) && stack.region !== 'us-east-1') {
      throw new Error(
        `${this.node.path}: the stack is in ${stack.region}, but global-service events reach ` +
          'EventBridge in us-east-1 only. Put the GlobalEventForwarder in a us-east-1 stack.',
      );
    }
    if (!Token.isUnresolved(props.targetRegion) && props.targetRegion === stack.region) {
      throw new Error(
        `${this.node.path}: targetRegion is ${props.targetRegion}, the forwarder's own Region. ` +
          'Name the Region where the detections are deployed.',
      );
    }

    const targetBus = events.EventBus.fromEventBusArn(
      this,
      'TargetBus',
      stack.formatArn({
        service: 'events',
        region: props.targetRegion,
        resource: 'event-bus',
        resourceName: 'default',
      }),
    );
    this.rule = new events.Rule(this, 'Rule', {
      description: `Forwards IAM, STS and sign-in events to ${props.targetRegion}`,
      eventPattern: { source: GLOBAL_SOURCES },
      targets: [new targets.EventBus(targetBus)],
    });
    // Read-only calls such as GetSessionToken and AssumeRole must be forwarded too.
    (this.rule.node.defaultChild as events.CfnRule).state = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

    const role = this.rule.node.tryFindChild('EventsRole');
    if (role) {
      acknowledgeInCompliancePacks(role, 'IAMNoInlinePolicy',
        'EventBridge assumes this role only to put the forwarded events on the default bus '
          + `of ${props.targetRegion}; its inline policy allows events:PutEvents on that bus alone.`);
    }
  }
}
