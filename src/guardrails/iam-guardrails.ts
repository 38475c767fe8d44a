import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { CloudTrailSource } from './cloudtrail-source';
import { AccessAnalyzer, AccessAnalyzerProps } from '../account/access-analyzer';
import { AccountPasswordPolicy, AccountPasswordPolicyProps } from '../account/account-password-policy';
import { MfaEnforcement, MfaEnforcementProps } from '../account/mfa-enforcement';
import { resolvePasswordPolicy } from '../account/password-policy-settings';
import { GuardDutyDetector, GuardDutyDetectorProps } from '../compliance/guardduty-detector';
import { ConfigRecorderMode } from '../compliance/iam-config-rule';
import { IamConfigRules, IamConfigRulesProps } from '../compliance/iam-config-rules';
import { SecurityHubStandards, SecurityHubStandardsProps } from '../compliance/security-hub-standards';
import { AlarmTopic } from '../detection/alarm-topic';
import { IamThreatDetection, ThreatDetectionOptions } from '../detection/iam-threat-detection';
import { AuditTrail } from '../trail/audit-trail';

/** Properties of `IamGuardrails`. Every part is on by default and can be switched off. */
export interface IamGuardrailsProps {
  /**
   * Email addresses subscribed to the alarm topic every part notifies.
   *
   * @default - none
   */
  readonly emails?: string[];

  /**
   * The topic every part notifies. It must let CloudWatch, EventBridge and their keys in.
   *
   * @default - an encrypted `AlarmTopic`
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Where the CloudTrail records come from.
   *
   * @default CloudTrailSource.auditTrail()
   */
  readonly cloudTrail?: CloudTrailSource;

  /**
   * Detection settings (tracks, overrides, routes, rules, dashboard).
   *
   * @default - the IAM-attack track with its defaults
   */
  readonly detection?: ThreatDetectionOptions;

  /**
   * Set the account password policy.
   *
   * @default true
   */
  readonly passwordPolicy?: boolean;

  /**
   * Password policy settings; the Config password-policy rule checks the same settings.
   *
   * @default - the CIS settings
   */
  readonly passwordPolicyOptions?: AccountPasswordPolicyProps;

  /**
   * Create the MFA enforcement policy (attached to a group it creates unless the options
   * name groups or users).
   *
   * @default true
   */
  readonly mfaEnforcement?: boolean;

  /**
   * MFA enforcement settings.
   *
   * @default - a new group
   */
  readonly mfaEnforcementOptions?: MfaEnforcementProps;

  /**
   * Create IAM Access Analyzer.
   *
   * @default true
   */
  readonly accessAnalyzer?: boolean;

  /**
   * Access Analyzer settings.
   *
   * @default - the external-access analyzer of the account
   */
  readonly accessAnalyzerOptions?: AccessAnalyzerProps;

  /**
   * Enable Security Hub with its standards.
   *
   * @default true
   */
  readonly securityHub?: boolean;

  /**
   * Security Hub settings, for example `existingHub: true` where it is already on.
   *
   * @default - the construct's defaults
   */
  readonly securityHubOptions?: SecurityHubStandardsProps;

  /**
   * Create the AWS Config rules for IAM (and the recorder unless told to use an existing one).
   *
   * @default true
   */
  readonly configRules?: boolean;

  /**
   * Config settings. Leave `passwordPolicy` unset: it comes from `passwordPolicyOptions`.
   *
   * @default - the construct's defaults, except `recorder`, which is
   *   `ConfigRecorderMode.USE_EXISTING` with `CloudTrailSource.controlTower()` (Control Tower
   *   runs a recorder in every enrolled account) and `CREATE` otherwise
   */
  readonly configRulesOptions?: IamConfigRulesProps;

  /**
   * Enable GuardDuty and route its IAM findings.
   *
   * @default true
   */
  readonly guardDuty?: boolean;

  /**
   * GuardDuty settings, for example `existingDetector: true`.
   *
   * @default - the construct's defaults
   */
  readonly guardDutyOptions?: GuardDutyDetectorProps;
}

/**
 * The whole IAM baseline of one account and Region in one construct: the evidence
 * (`AuditTrail`, or an existing or Control Tower trail), the detections
 * (`IamThreatDetection`), the hardening (`AccountPasswordPolicy`, `MfaEnforcement`,
 * `AccessAnalyzer`) and the continuous checks (`SecurityHubStandards`, `IamConfigRules`,
 * `GuardDutyDetector`), all notifying one alarm topic.
 *
 * Account-wide parts (password policy, MFA policy, Access Analyzer of the account) belong
 * in one Region; in the others, switch them off.
 */
export class IamGuardrails extends Construct {
  /** The topic every part notifies. */
  public readonly alarmTopic: sns.ITopic;

  /** The log group the detections read. */
  public readonly logGroup: logs.ILogGroup;

  /** The trail, when the baseline created it. */
  public readonly trail?: AuditTrail;

  /** The detections. */
  public readonly detection: IamThreatDetection;

  /** The password policy, unless switched off. */
  public readonly passwordPolicy?: AccountPasswordPolicy;

  /** The MFA enforcement policy, unless switched off. */
  public readonly mfaEnforcement?: MfaEnforcement;

  /** Access Analyzer, unless switched off. */
  public readonly accessAnalyzer?: AccessAnalyzer;

  /** Security Hub, unless switched off. */
  public readonly securityHub?: SecurityHubStandards;

  /** The AWS Config rules, unless switched off. */
  public readonly configRules?: IamConfigRules;

  /** GuardDuty, unless switched off. */
  public readonly guardDuty?: GuardDutyDetector;

  constructor(scope: Construct, id: string, props: IamGuardrailsProps = {}) {
    super(scope, id);
    this.checkPasswordPolicyAgreement(props);

    this.alarmTopic =
      props.alarmTopic ?? new AlarmTopic(this, 'AlarmTopic', { emails: props.emails }).topic;
    if (props.alarmTopic && props.emails?.length) {
      throw new Error(
        `${this.node.path}: emails apply only to the topic the construct creates; subscribe ` +
          'them to the alarmTopic you pass in, or leave alarmTopic unset.',
      );
    }
    const alarmTopic = this.alarmTopic;

    const source = (props.cloudTrail ?? CloudTrailSource.auditTrail()).bind(this);
    this.logGroup = source.logGroup;
    this.trail = source.trail;

    this.detection = new IamThreatDetection(this, 'Detection', {
      ...props.detection,
      logGroup: this.logGroup,
      alarmTopic,
    });

    if (props.passwordPolicy ?? true) {
      this.passwordPolicy = new AccountPasswordPolicy(this, 'PasswordPolicy', props.passwordPolicyOptions);
    }
    if (props.mfaEnforcement ?? true) {
      this.mfaEnforcement = new MfaEnforcement(this, 'MfaEnforcement', props.mfaEnforcementOptions);
    }
    if (props.accessAnalyzer ?? true) {
      this.accessAnalyzer = new AccessAnalyzer(this, 'AccessAnalyzer', {
        alarmTopic,
        ...props.accessAnalyzerOptions,
      });
    }
    if (props.securityHub ?? true) {
      this.securityHub = new SecurityHubStandards(this, 'SecurityHub', {
        alarmTopic,
        ...props.securityHubOptions,
      });
    }
    if (props.configRules ?? true) {
      this.configRules = new IamConfigRules(this, 'ConfigRules', {
        alarmTopic,
        passwordPolicy: props.passwordPolicyOptions,
        ...props.configRulesOptions,
        recorder: props.configRulesOptions?.recorder
          ?? (source.existingConfigRecorder ? ConfigRecorderMode.USE_EXISTING : undefined),
      });
    }
    if (props.guardDuty ?? true) {
      this.guardDuty = new GuardDutyDetector(this, 'GuardDuty', { alarmTopic, ...props.guardDutyOptions });
    }
  }

  // The Config rule must check what the password policy sets; two sources could disagree.
  private checkPasswordPolicyAgreement(props: IamGuardrailsProps): void {
    const fromConfig = props.configRulesOptions?.passwordPolicy;
    if (!fromConfig) return;
    const applied = resolvePasswordPolicy(this.node.path, props.passwordPolicyOptions);
    const checked = resolvePasswordPolicy(this.node.path, fromConfig);
    if (JSON.stringify(applied) !== JSON.stringify(checked)) {
      throw new Error(
        `${this.node.path}: configRulesOptions.passwordPolicy differs from passwordPolicyOptions, ` +
          'so the Config rule would check settings the password policy does not set. Leave ' +
          'configRulesOptions.passwordPolicy unset; it follows passwordPolicyOptions.',
      );
    }
  }
}
