import {
  Token, aws_events as events, aws_events_targets as targets, aws_guardduty as guardduty,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** How often GuardDuty publishes updates of existing findings to EventBridge. */
export enum FindingPublishingFrequency {
  /** Every 15 minutes. */
  FIFTEEN_MINUTES = 'FIFTEEN_MINUTES',
  /** Every hour. */
  ONE_HOUR = 'ONE_HOUR',
  /** Every 6 hours (GuardDuty's own default). */
  SIX_HOURS = 'SIX_HOURS',
}

/**
 * Families of GuardDuty IAM finding types.
 *
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-iam.html
 */
export enum GuardDutyIamFindingGroup {
  /** `Policy:IAMUser/RootCredentialUsage`: the root user's credentials were used. */
  ROOT_CREDENTIAL_USAGE = 'ROOT_CREDENTIAL_USAGE',
  /**
   * `<tactic>:IAMUser/AnomalousBehavior` for CredentialAccess, DefenseEvasion, Discovery,
   * Exfiltration, Impact, InitialAccess, Persistence and PrivilegeEscalation.
   */
  ANOMALOUS_BEHAVIOR = 'ANOMALOUS_BEHAVIOR',
  /**
   * Console sign-in or API calls from unusual or hostile places:
   * `UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B`, `.../MaliciousIPCaller` (and
   * `.Custom`), `.../TorIPCaller`.
   */
  UNUSUAL_SIGN_IN = 'UNUSUAL_SIGN_IN',
  /**
   * EC2 instance credentials used elsewhere:
   * `UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS` and `.OutsideAWS`.
   */
  CREDENTIAL_EXFILTRATION = 'CREDENTIAL_EXFILTRATION',
  /**
   * `Stealth:IAMUser/PasswordPolicyChange`: the account password policy was weakened.
   * (GuardDuty has no `Policy:IAMUser/...` type for this.)
   */
  PASSWORD_POLICY_CHANGE = 'PASSWORD_POLICY_CHANGE',
  /** `Stealth:IAMUser/CloudTrailLoggingDisabled`: a trail was stopped or deleted. */
  CLOUDTRAIL_LOGGING_DISABLED = 'CLOUDTRAIL_LOGGING_DISABLED',
}

/**
 * Finding types by group: exact types, or `*` wildcards. The groups GuardDuty rates Low by
 * default are marked `lowByDefault`.
 */
const GROUPS: Record<GuardDutyIamFindingGroup, { types: string[]; lowByDefault: boolean }> = {
  [GuardDutyIamFindingGroup.ROOT_CREDENTIAL_USAGE]: {
    types: ['Policy:IAMUser/RootCredentialUsage'], lowByDefault: true,
  },
  [GuardDutyIamFindingGroup.ANOMALOUS_BEHAVIOR]: {
    types: ['*:IAMUser/AnomalousBehavior'], lowByDefault: false,
  },
  [GuardDutyIamFindingGroup.UNUSUAL_SIGN_IN]: {
    types: [
      'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B',
      'UnauthorizedAccess:IAMUser/MaliciousIPCaller*',
      'UnauthorizedAccess:IAMUser/TorIPCaller',
    ],
    lowByDefault: false,
  },
  [GuardDutyIamFindingGroup.CREDENTIAL_EXFILTRATION]: {
    types: ['UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.*'], lowByDefault: false,
  },
  [GuardDutyIamFindingGroup.PASSWORD_POLICY_CHANGE]: {
    types: ['Stealth:IAMUser/PasswordPolicyChange'], lowByDefault: true,
  },
  [GuardDutyIamFindingGroup.CLOUDTRAIL_LOGGING_DISABLED]: {
    types: ['Stealth:IAMUser/CloudTrailLoggingDisabled'], lowByDefault: true,
  },
};

/** Properties of `GuardDutyDetector`. */
export interface GuardDutyDetectorProps {
  /**
   * GuardDuty is already enabled in this account and Region: create no detector, only
   * route its findings. An account has one detector per Region; creating a second fails.
   *
   * @default false
   */
  readonly existingDetector?: boolean;

  /**
   * How often updates of existing findings are published (new findings are published
   * within about five minutes whatever this says). Only for the detector created here.
   *
   * @default FindingPublishingFrequency.FIFTEEN_MINUTES
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;

  /**
   * The IAM finding groups routed to `alarmTopic`.
   *
   * @default - every `GuardDutyIamFindingGroup`
   */
  readonly findingGroups?: GuardDutyIamFindingGroup[];

  /**
   * The lowest GuardDuty severity routed, 1.0 to 8.9 (Low 1.0-3.9, Medium 4.0-6.9,
   * High 7.0-8.9).
   *
   * @default 4 (medium and high)
   */
  readonly minimumSeverity?: number;

  /**
   * Route root credential use, password policy changes and disabled CloudTrail logging at
   * any severity.
   *
   * GuardDuty rates these three types Low by default, so `minimumSeverity` 4 would never
   * route them; each is rare and a signal on its own. Set false to apply `minimumSeverity`
   * to them too.
   *
   * @default true
   */
  readonly routeLowSeverityTampering?: boolean;

  /**
   * Where the findings are sent.
   *
   * @default - findings are not routed
   */
  readonly alarmTopic?: sns.ITopic;
}

/**
 * Enables an Amazon GuardDuty detector (or uses the one in place) and sends its IAM
 * findings to an SNS topic by severity.
 *
 * Cost (us-east-1 list prices of Amazon GuardDuty foundational threat detection):
 * CloudTrail management events $4.00 per million analysed (first 500 million a month);
 * VPC flow logs and DNS query logs $1.00 per GB for the first 500 GB a month, less above.
 * Protection plans (S3, EKS, Runtime, Malware, RDS, Lambda) are billed on their own. A
 * 30-day free trial applies per account and Region.
 *
 * @see https://aws.amazon.com/guardduty/pricing/
 */
export class GuardDutyDetector extends Construct {
  /** The detector, or undefined when `existingDetector` is set. */
  public readonly detector?: guardduty.CfnDetector;

  /** The EventBridge rules that route findings, when `alarmTopic` is set. */
  public readonly findingRules: events.Rule[] = [];

  constructor(scope: Construct, id: string, props: GuardDutyDetectorProps = {}) {
    super(scope, id);

    const minimumSeverity = props.minimumSeverity ?? 4;
    if (!Token.isUnresolved(minimumSeverity) &&
      !(Number.isFinite(minimumSeverity) && minimumSeverity >= 1 && minimumSeverity <= 8.9)) {
      throw new Error(`${this.node.path}: minimumSeverity is ${minimumSeverity}; GuardDuty ` +
        'severities run from 1.0 to 8.9 (4 = medium, 7 = high).');
    }
    const groups = props.findingGroups ?? Object.values(GuardDutyIamFindingGroup);
    if (groups.length === 0) {
      throw new Error(`${this.node.path}: findingGroups is empty; name at least one group, ` +
        'or leave it unset for all.');
    }
    if (props.existingDetector && props.findingPublishingFrequency) {
      throw new Error(`${this.node.path}: findingPublishingFrequency is set but ` +
        'existingDetector is true; change the frequency on the existing detector, or remove it.');
    }

    if (!props.existingDetector) {
      this.detector = new guardduty.CfnDetector(this, 'Detector', {
        enable: true,
        findingPublishingFrequency: props.findingPublishingFrequency
          ?? FindingPublishingFrequency.FIFTEEN_MINUTES,
      });
    }

    if (props.alarmTopic) {
      const routeLow = props.routeLowSeverityTampering ?? true;
      const any = groups.filter(g => routeLow && GROUPS[g].lowByDefault);
      const filtered = groups.filter(g => !any.includes(g));
      if (filtered.length > 0) {
        this.findingRules.push(this.route(props.alarmTopic, 'FindingsRule', filtered, minimumSeverity));
      }
      if (any.length > 0) {
        this.findingRules.push(this.route(props.alarmTopic, 'TamperingFindingsRule', any));
      }
    }
  }

  private route(topic: sns.ITopic, id: string, groups: GuardDutyIamFindingGroup[],
    minimumSeverity?: number): events.Rule {
    const types = groups.flatMap(g => GROUPS[g].types)
      .map(t => (t.includes('*') ? { wildcard: t } : t));
    const field = (path: string) => events.EventField.fromPath(`$.detail.${path}`);
    const rule = new events.Rule(this, id, {
      description: minimumSeverity === undefined
        ? 'GuardDutyIamTampering: GuardDuty root credential and logging tampering findings, any severity'
        : `GuardDutyIamFindings: GuardDuty IAM findings of severity ${minimumSeverity} or more`,
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        detail: {
          type: types,
          ...(minimumSeverity === undefined ? {} : { severity: [{ numeric: ['>=', minimumSeverity] }] }),
        },
      },
    });
    rule.addTarget(new targets.SnsTopic(topic, {
      message: events.RuleTargetInput.fromText(
        `GuardDuty finding ${field('type')} (severity ${field('severity')}): ${field('title')}. ` +
        `Principal: ${field('resource.accessKeyDetails.userName')}. ` +
        `Account: ${field('accountId')}, Region: ${field('region')}.`),
    }));
    return rule;
  }
}
