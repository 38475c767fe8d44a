import {
  Annotations, RemovalPolicy, Token, aws_config as config, aws_events as events,
  aws_events_targets as targets, aws_iam as iam, aws_kms as kms, aws_s3 as s3, aws_sns as sns,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ConfigRecorderMode, IamConfigRule } from './iam-config-rule';
import { AccountPasswordPolicy } from '../account/account-password-policy';
import {
  PasswordPolicySettings, ResolvedPasswordPolicy, passwordPolicyConflict, resolvePasswordPolicy,
} from '../account/password-policy-settings';
import { ConfigRecording } from './private/config-recording';
import { IAM_CONFIG_RULE_TABLE, iamConfigRuleParameters } from './private/iam-config-rule-table';
import { remediatePasswordPolicy, revokeUnusedCredentials } from './private/iam-remediation';

/** Properties of `IamConfigRules`. */
export interface IamConfigRulesProps {
  /**
   * The password policy the `iam-password-policy` rule checks (and its remediation sets).
   *
   * Where an `AccountPasswordPolicy` applies the policy, give `accountPasswordPolicy`
   * instead: a setting given here too must then have the same value.
   *
   * @default - the settings of `accountPasswordPolicy` when it is given, otherwise the
   * defaults of `PasswordPolicySettings` (CIS AWS Foundations values)
   */
  readonly passwordPolicy?: PasswordPolicySettings;

  /**
   * The `AccountPasswordPolicy` that applies the account password policy: the
   * `iam-password-policy` rule checks its settings and the remediation sets them, so the
   * rule and the policy cannot disagree. It may live in another stack of the app; only its
   * settings are read, at synth time.
   *
   * @default - the rule checks `passwordPolicy`
   */
  readonly accountPasswordPolicy?: AccountPasswordPolicy;

  /**
   * Rules not to create.
   *
   * @default - every rule of `IamConfigRule`
   */
  readonly disabledRules?: IamConfigRule[];

  /**
   * Days an active access key may live (`access-keys-rotated`), 1 to 365.
   *
   * @default 90
   */
  readonly maxAccessKeyAge?: number;

  /**
   * Days within which a password or access key must have been used
   * (`iam-user-unused-credentials-check`), 1 to 365.
   *
   * @default 45 (CIS AWS Foundations v1.4.0 and later)
   */
  readonly maxCredentialUsageAge?: number;

  /**
   * Prefix of the AWS Config rule names; the rest is the `IamConfigRule` value.
   *
   * Rule names are unique in an account and Region. At most 40 letters, digits, hyphens or
   * underscores.
   *
   * @default 'iam-guardrails-'
   */
  readonly ruleNamePrefix?: string;

  /**
   * Create the AWS Config recorder and delivery channel, or use the ones in place.
   *
   * AWS Config allows a single recorder per account and Region. Choose `CREATE` in an
   * account and Region with no recorder, `USE_EXISTING` where one exists (AWS Control
   * Tower, an organization baseline, an earlier setup); deploying `CREATE` beside an
   * existing recorder fails.
   *
   * @default ConfigRecorderMode.CREATE
   */
  readonly recorder?: ConfigRecorderMode;

  /**
   * Record global resources (IAM users, groups, roles and policies) in this Region.
   *
   * Record them in exactly one Region: in the others they would be recorded (and billed)
   * again. The IAM rules evaluate them in every Region where they run.
   *
   * @default true
   */
  readonly recordGlobalResources?: boolean;

  /**
   * Create the AWS Config service-linked role (`AWSServiceRoleForConfig`) the recorder uses.
   *
   * The role exists once per account: set this only where AWS Config was never set up;
   * creating it where it exists fails.
   *
   * @default false
   */
  readonly createServiceLinkedRole?: boolean;

  /**
   * The bucket AWS Config delivers configuration history and snapshots to.
   *
   * @default - a bucket encrypted with a new KMS key, TLS only, versioned, retained, with
   *   server access logs in a second retained bucket
   */
  readonly deliveryBucket?: s3.IBucket;

  /**
   * The KMS key that encrypts `deliveryBucket`, for AWS Config to encrypt what it delivers.
   *
   * @default - none when `deliveryBucket` is given; a new key otherwise
   */
  readonly deliveryKey?: kms.IKey;

  /**
   * What happens to the buckets and key this construct creates when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Reset a non-compliant password policy automatically with the AWS-owned runbook
   * `AWSConfigRemediation-SetIAMPasswordPolicy`, using the settings of `passwordPolicy`.
   *
   * Runbook executions are billed by Systems Manager Automation per step.
   *
   * @default false
   */
  readonly remediatePasswordPolicy?: boolean;

  /**
   * Revoke unused passwords and deactivate unused access keys automatically with the
   * AWS-owned runbook `AWSConfigRemediation-RevokeUnusedIAMUserCredentials`.
   *
   * This removes console access and disables keys without asking: switch it on once the
   * unused-credentials findings have been reviewed.
   *
   * @default false
   */
  readonly revokeUnusedCredentials?: boolean;

  /**
   * Where rule evaluations that turn NON_COMPLIANT are sent.
   *
   * @default - evaluations are not routed
   */
  readonly alarmTopic?: sns.ITopic;
}

/**
 * AWS Config managed rules for IAM and CloudTrail hygiene, with the recorder and delivery
 * channel they need, optional automatic remediation, and non-compliance alerts.
 *
 * Cost (us-east-1 list prices of AWS Config): $0.003 per configuration item recorded
 * (continuous recording); $0.001 per rule evaluation for the first 100,000 a month per
 * Region, $0.0008 for the next 400,000, $0.0005 above. The IAM rules are mostly periodic
 * (once a day each), so a small account pays a few dollars a month; S3 storage of the
 * delivered history is billed by S3.
 *
 * @see https://aws.amazon.com/config/pricing/
 */
export class IamConfigRules extends Construct {
  /** The rules created, by `IamConfigRule` value. */
  public readonly rules: { [rule: string]: config.ManagedRule };

  /** The configuration recorder, when `recorder` is `CREATE`. */
  public readonly recorder?: config.CfnConfigurationRecorder;

  /** The delivery channel, when `recorder` is `CREATE`. */
  public readonly deliveryChannel?: config.CfnDeliveryChannel;

  /** The delivery bucket (created or given), when `recorder` is `CREATE`. */
  public readonly deliveryBucket?: s3.IBucket;

  /** The remediation roles, when remediation is on. */
  public readonly remediationRoles: iam.IRole[] = [];

  /** The EventBridge rule that routes non-compliant evaluations, when `alarmTopic` is set. */
  public readonly complianceRule?: events.Rule;

  constructor(scope: Construct, id: string, props: IamConfigRulesProps = {}) {
    super(scope, id);

    const policy = this.checkedPasswordPolicy(props);
    const maxAccessKeyAge = this.checkDays('maxAccessKeyAge', props.maxAccessKeyAge ?? 90);
    const maxCredentialUsageAge = this.checkDays(
      'maxCredentialUsageAge', props.maxCredentialUsageAge ?? 45);
    const prefix = this.checkPrefix(props.ruleNamePrefix ?? 'iam-guardrails-');
    const disabled = new Set(props.disabledRules ?? []);
    const mode = props.recorder ?? ConfigRecorderMode.CREATE;
    this.checkCombinations(props, mode, disabled);

    let recording: ConfigRecording | undefined;
    if (mode === ConfigRecorderMode.CREATE) {
      recording = new ConfigRecording(this, 'Recording', {
        recordGlobalResources: props.recordGlobalResources ?? true,
        createServiceLinkedRole: props.createServiceLinkedRole ?? false,
        deliveryBucket: props.deliveryBucket,
        deliveryKey: props.deliveryKey,
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      });
      this.recorder = recording.recorder;
      this.deliveryChannel = recording.deliveryChannel;
      this.deliveryBucket = recording.bucket;
    }

    const parameters = iamConfigRuleParameters(policy, maxAccessKeyAge, maxCredentialUsageAge);

    this.rules = {};
    for (const spec of IAM_CONFIG_RULE_TABLE.filter(s => !disabled.has(s.rule))) {
      const rule = new config.ManagedRule(this, spec.constructId, {
        identifier: spec.identifier,
        configRuleName: `${prefix}${spec.rule}`,
        inputParameters: parameters[spec.rule],
        ruleScope: spec.scope ? config.RuleScope.fromResources(spec.scope) : undefined,
        maximumExecutionFrequency: spec.scope
          ? undefined : config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS,
      });
      // AWS Config rejects rules until a recorder exists.
      if (recording) rule.node.addDependency(recording.recorder);
      this.rules[spec.rule] = rule;
    }

    const changeTriggered = IAM_CONFIG_RULE_TABLE.filter(s => s.scope && this.rules[s.rule]);
    if (recording && props.recordGlobalResources === false && changeTriggered.length > 0) {
      Annotations.of(this).addWarningV2('cdk-iam-guardrails:IamRulesWithoutGlobalRecording',
        'This Region does not record IAM resources, so the rules that run when an IAM user, ' +
        `group, role or policy changes (${changeTriggered.map(s => s.rule).join(', ')}) never ` +
        'evaluate here. Add them to disabledRules in this Region and keep them in the Region ' +
        'that records global resources.');
    }

    if (props.remediatePasswordPolicy) {
      const rule = this.rules[IamConfigRule.IAM_PASSWORD_POLICY];
      const [role] = remediatePasswordPolicy(this, rule.configRuleName, policy);
      this.remediationRoles.push(role);
    }
    if (props.revokeUnusedCredentials) {
      const rule = this.rules[IamConfigRule.IAM_USER_UNUSED_CREDENTIALS_CHECK];
      const [role] = revokeUnusedCredentials(this, rule.configRuleName, maxCredentialUsageAge);
      this.remediationRoles.push(role);
    }

    if (props.alarmTopic && Object.keys(this.rules).length > 0) {
      this.complianceRule = this.routeNonCompliance(props.alarmTopic,
        Object.keys(this.rules).map(name => `${prefix}${name}`));
    }
  }

  private checkedPasswordPolicy(props: IamConfigRulesProps): ResolvedPasswordPolicy {
    const given = resolvePasswordPolicy(this.node.path, props.passwordPolicy);
    const applied = props.accountPasswordPolicy;
    if (!applied) return given;
    const conflict = passwordPolicyConflict(props.passwordPolicy ?? {}, applied.settings);
    if (conflict) {
      throw new Error(`${this.node.path}: passwordPolicy.${conflict.name} is ${conflict.given}, ` +
        `but accountPasswordPolicy (${applied.node.path}) sets ${conflict.applied}, so the ` +
        'Config rule would check a setting the policy does not apply. Leave passwordPolicy ' +
        'unset; the rule follows accountPasswordPolicy.');
    }
    return resolvePasswordPolicy(this.node.path, applied.settings);
  }

  private checkDays(name: string, value: number): number {
    if (Token.isUnresolved(value)) return value;
    if (!Number.isInteger(value) || value < 1 || value > 365) {
      throw new Error(`${this.node.path}: ${name} is ${value}; give a whole number of days ` +
        'from 1 to 365, or leave it unset for the default.');
    }
    return value;
  }

  private checkPrefix(prefix: string): string {
    if (Token.isUnresolved(prefix)) {
      throw new Error(`${this.node.path}: ruleNamePrefix is a token; the rule names must be ` +
        'known at synth time for the compliance alerts, so give a literal string.');
    }
    // Every rule name is listed in the alert rule's event pattern, which EventBridge caps in
    // size: 40 characters keep the 17 names (up to 42 characters each) well inside it.
    if (!/^[A-Za-z0-9_-]{0,40}$/.test(prefix)) {
      throw new Error(`${this.node.path}: ruleNamePrefix is '${prefix}'; use at most 40 ` +
        'letters, digits, hyphens or underscores.');
    }
    return prefix;
  }

  private checkCombinations(props: IamConfigRulesProps, mode: ConfigRecorderMode,
    disabled: Set<IamConfigRule>): void {
    const path = this.node.path;
    if (mode === ConfigRecorderMode.USE_EXISTING) {
      for (const name of ['deliveryBucket', 'deliveryKey', 'createServiceLinkedRole'] as const) {
        if (props[name] !== undefined) {
          throw new Error(`${path}: ${name} is set but recorder is USE_EXISTING, which creates ` +
            `no delivery channel; remove ${name} or set recorder to CREATE.`);
        }
      }
    }
    if (props.deliveryKey && !props.deliveryBucket) {
      throw new Error(`${path}: deliveryKey is set without deliveryBucket; the bucket this ` +
        'construct creates has its own key. Give deliveryBucket too, or remove deliveryKey.');
    }
    if (props.remediatePasswordPolicy && disabled.has(IamConfigRule.IAM_PASSWORD_POLICY)) {
      throw new Error(`${path}: remediatePasswordPolicy is true but disabledRules contains ` +
        'iam-password-policy; keep the rule or switch the remediation off.');
    }
    if (props.revokeUnusedCredentials && disabled.has(IamConfigRule.IAM_USER_UNUSED_CREDENTIALS_CHECK)) {
      throw new Error(`${path}: revokeUnusedCredentials is true but disabledRules contains ` +
        'iam-user-unused-credentials-check; keep the rule or switch the remediation off.');
    }
  }

  private routeNonCompliance(topic: sns.ITopic, ruleNames: string[]): events.Rule {
    const field = (path: string) => events.EventField.fromPath(`$.detail.${path}`);
    const rule = new events.Rule(this, 'ComplianceRule', {
      description: 'IamConfigRulesNonCompliant: IAM Config rule evaluations that turn NON_COMPLIANT',
      eventPattern: {
        source: ['aws.config'],
        detailType: ['Config Rules Compliance Change'],
        detail: {
          messageType: ['ComplianceChangeNotification'],
          configRuleName: ruleNames,
          newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
        },
      },
    });
    rule.addTarget(new targets.SnsTopic(topic, {
      message: events.RuleTargetInput.fromText(
        `AWS Config rule ${field('configRuleName')} found ${field('resourceType')} ` +
        `${field('resourceId')} NON_COMPLIANT in account ${field('awsAccountId')}, ` +
        `Region ${field('awsRegion')}.`),
    }));
    return rule;
  }
}
