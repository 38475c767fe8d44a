import {
  Token, aws_events as events, aws_events_targets as targets, aws_securityhub as securityhub,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { FindingAggregation } from './finding-aggregation';
import { SecurityHubStandard } from './security-hub-standard';

/** Security Hub finding severity labels, lowest first. */
export enum SecurityHubSeverity {
  /** Informational findings and up: every finding. */
  INFORMATIONAL = 'INFORMATIONAL',
  /** Low and up. */
  LOW = 'LOW',
  /** Medium and up. */
  MEDIUM = 'MEDIUM',
  /** High and critical. */
  HIGH = 'HIGH',
  /** Critical only. */
  CRITICAL = 'CRITICAL',
}

const SEVERITY_ORDER = [
  SecurityHubSeverity.INFORMATIONAL,
  SecurityHubSeverity.LOW,
  SecurityHubSeverity.MEDIUM,
  SecurityHubSeverity.HIGH,
  SecurityHubSeverity.CRITICAL,
];

/** A control switched off in one standard, and why. */
export interface DisabledControl {
  /** The standard the control belongs to; it must be one of `standards`. */
  readonly standard: SecurityHubStandard;

  /**
   * The control as the standard names it: `IAM.6` (AWS Foundational Security Best
   * Practices, NIST), `1.14` (CIS v1.2.0 and v1.4.0), `PCI.IAM.1` (PCI DSS v3.2.1).
   */
  readonly controlId: string;

  /** Why the control does not apply; Security Hub records it with the control. */
  readonly reason: string;
}

/** Properties of `SecurityHubStandards`. */
export interface SecurityHubStandardsProps {
  /**
   * The standards to subscribe to.
   *
   * Security Hub runs each control's checks on every matching resource; each standard adds
   * to the monthly cost (see the construct's cost note).
   *
   * @default [SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0]
   */
  readonly standards?: SecurityHubStandard[];

  /**
   * Controls to switch off, each with the reason.
   *
   * @default - every control of every chosen standard stays on
   */
  readonly disabledControls?: DisabledControl[];

  /**
   * Security Hub is already enabled in this account and Region: do not create the
   * `AWS::SecurityHub::Hub`; only subscribe the standards.
   *
   * Creating a Hub where Security Hub is already on fails the deployment; set this in such
   * accounts (for example, where an organization's delegated administrator enables it).
   *
   * @default false
   */
  readonly existingHub?: boolean;

  /**
   * Turn on controls that Security Hub adds to a subscribed standard later.
   *
   * Only applies to the Hub this construct creates.
   *
   * @default true
   */
  readonly autoEnableControls?: boolean;

  /**
   * Copy findings from other Regions into this one (`AWS::SecurityHub::FindingAggregator`).
   *
   * One aggregator per account; deploy it in the Region you read findings in. Findings
   * copied from other Regions are not charged again.
   *
   * @default - no aggregation
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/finding-aggregation.html
   */
  readonly findingAggregation?: FindingAggregation;

  /**
   * Where new findings at or above `minimumSeverity` are sent.
   *
   * @default - findings are not routed
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * The lowest severity routed to `alarmTopic`.
   *
   * @default SecurityHubSeverity.HIGH (high and critical)
   */
  readonly minimumSeverity?: SecurityHubSeverity;
}

/**
 * Enables AWS Security Hub without its default standards, subscribes the chosen ones,
 * optionally aggregates findings across Regions, and sends new high and critical findings
 * to an SNS topic.
 *
 * The Hub uses consolidated control findings (`ControlFindingGenerator: SECURITY_CONTROL`):
 * one finding per control and resource, whichever standards include the control.
 *
 * Cost (us-east-1 list prices of AWS Security Hub CSPM): $0.0010 per security check for
 * the first 100,000 checks per account and Region a month, $0.0008 for the next 400,000,
 * $0.0005 above; findings from Security Hub's own checks are ingested free, other
 * findings free up to 10,000 a month, then $0.00003 each. The checks run on AWS Config
 * rules, whose evaluations Config bills separately. A 30-day free trial applies per account
 * and Region.
 *
 * @see https://aws.amazon.com/security-hub/pricing/
 */
export class SecurityHubStandards extends Construct {
  /** The Hub, or undefined when `existingHub` is set. */
  public readonly hub?: securityhub.CfnHub;

  /** The standard subscriptions, in the order of `standards`. */
  public readonly subscriptions: securityhub.CfnStandard[];

  /** The finding aggregator, when `findingAggregation` is set. */
  public readonly findingAggregator?: securityhub.CfnFindingAggregator;

  /** The EventBridge rule that routes findings, when `alarmTopic` is set. */
  public readonly findingsRule?: events.Rule;

  constructor(scope: Construct, id: string, props: SecurityHubStandardsProps = {}) {
    super(scope, id);

    const standards = props.standards
      ?? [SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0];
    this.validateStandards(standards);
    const disabled = this.groupDisabledControls(standards, props.disabledControls ?? []);

    if (!props.existingHub) {
      this.hub = new securityhub.CfnHub(this, 'Hub', {
        enableDefaultStandards: false,
        controlFindingGenerator: 'SECURITY_CONTROL',
        autoEnableControls: props.autoEnableControls ?? true,
      });
    }

    this.subscriptions = standards.map((standard, index) => {
      const controls = disabled.get(standard.standardPath) ?? [];
      const subscription = new securityhub.CfnStandard(this, `Standard${index}`, {
        standardsArn: standard.standardsArn(this),
        disabledStandardsControls: controls.length === 0 ? undefined : controls.map(c => ({
          standardsControlArn: standard.controlArn(this, c.controlId),
          reason: c.reason,
        })),
      });
      if (this.hub) subscription.node.addDependency(this.hub);
      return subscription;
    });

    if (props.findingAggregation) {
      this.findingAggregator = this.createAggregator(props.findingAggregation);
    }

    if (props.alarmTopic) {
      this.findingsRule = this.routeFindings(
        props.alarmTopic, props.minimumSeverity ?? SecurityHubSeverity.HIGH);
    }
  }

  private validateStandards(standards: SecurityHubStandard[]): void {
    if (standards.length === 0) {
      throw new Error(`${this.node.path}: standards is empty; name at least one standard, ` +
        'or leave standards unset for AWS Foundational Security Best Practices.');
    }
    const seen = new Set<string>();
    for (const standard of standards) {
      if (seen.has(standard.standardPath)) {
        throw new Error(`${this.node.path}: standards lists ${standard.standardPath} twice; ` +
          'name each standard once.');
      }
      seen.add(standard.standardPath);
    }
  }

  private groupDisabledControls(
    standards: SecurityHubStandard[], controls: DisabledControl[]): Map<string, DisabledControl[]> {
    const chosen = new Set(standards.map(s => s.standardPath));
    const byStandard = new Map<string, DisabledControl[]>();
    for (const control of controls) {
      const where = `${this.node.path}: disabledControls entry ${control.controlId}`;
      if (!chosen.has(control.standard.standardPath)) {
        throw new Error(`${where} belongs to ${control.standard.standardPath}, which is not ` +
          'in standards; add the standard to standards or remove the entry.');
      }
      if (!Token.isUnresolved(control.reason) && control.reason.trim() === '') {
        throw new Error(`${where} has an empty reason; say why the control does not apply.`);
      }
      const list = byStandard.get(control.standard.standardPath) ?? [];
      if (list.some(c => c.controlId === control.controlId)) {
        throw new Error(`${where} is listed twice for ${control.standard.standardPath}; ` +
          'list each control once.');
      }
      list.push(control);
      byStandard.set(control.standard.standardPath, list);
    }
    for (const [standard, list] of byStandard) {
      if (list.length > 100) {
        throw new Error(`${this.node.path}: disabledControls has ${list.length} controls for ` +
          `${standard}; CloudFormation accepts at most 100 a standard.`);
      }
    }
    return byStandard;
  }

  private createAggregator(aggregation: FindingAggregation): securityhub.CfnFindingAggregator {
    const needsRegions = aggregation.regionLinkingMode !== 'ALL_REGIONS';
    if (needsRegions && aggregation.regions.length === 0) {
      throw new Error(`${this.node.path}: findingAggregation ${aggregation.regionLinkingMode} ` +
        'names no Region; name at least one, or use FindingAggregation.allRegions().');
    }
    for (const region of aggregation.regions) {
      if (!Token.isUnresolved(region) && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
        throw new Error(`${this.node.path}: findingAggregation Region '${region}' is not a ` +
          "Region name; use names such as 'eu-west-1'.");
      }
    }
    const aggregator = new securityhub.CfnFindingAggregator(this, 'FindingAggregator', {
      regionLinkingMode: aggregation.regionLinkingMode,
      regions: needsRegions ? aggregation.regions : undefined,
    });
    if (this.hub) aggregator.node.addDependency(this.hub);
    return aggregator;
  }

  private routeFindings(topic: sns.ITopic, minimum: SecurityHubSeverity): events.Rule {
    const labels = SEVERITY_ORDER.slice(SEVERITY_ORDER.indexOf(minimum));
    const finding = (path: string) => events.EventField.fromPath(`$.detail.findings[0].${path}`);
    const rule = new events.Rule(this, 'FindingsRule', {
      description: `SecurityHubFindings: new active Security Hub findings of severity ${labels.join(', ')}`,
      eventPattern: {
        source: ['aws.securityhub'],
        detailType: ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: labels },
            RecordState: ['ACTIVE'],
            Workflow: { Status: ['NEW'] },
          },
        },
      },
    });
    rule.addTarget(new targets.SnsTopic(topic, {
      message: events.RuleTargetInput.fromText(
        `Security Hub ${finding('Severity.Label')} finding: ${finding('Title')}. ` +
        `Resource: ${finding('Resources[0].Id')}. Account: ${finding('AwsAccountId')}, ` +
        `Region: ${finding('Region')}.`),
    }));
    return rule;
  }
}
