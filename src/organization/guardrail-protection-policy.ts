import { Annotations, Aws, Token, aws_organizations as organizations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DEFAULT_GUARDRAIL_NAME_PREFIX, DEFAULT_LOG_GROUP_NAME_PREFIX } from './private/defaults';
import {
  protectionDocument, protectionDocumentSize, ProtectionDocumentOptions, SCP_MAX_SIZE,
} from './private/protection-document';
import { checkNamePrefix, checkRoleName, checkTargetIds } from './private/validation';

/**
 * Name prefixes of the guardrail resources in member accounts, as the baseline creates them.
 */
export interface GuardrailNamePrefixes {
  /**
   * Prefix of the CloudWatch Logs log groups that receive the trail in member accounts.
   *
   * @default '/aws/cloudtrail/' (the `AuditTrail` log group names)
   */
  readonly logGroupNamePrefix?: string;

  /**
   * Prefix of the CloudWatch alarm names the detections create.
   *
   * @default 'IamGuardrails'
   */
  readonly alarmNamePrefix?: string;

  /**
   * Prefix of the EventBridge rule names the detections and the forwarder create.
   *
   * @default 'IamGuardrails'
   */
  readonly ruleNamePrefix?: string;
}

/** Properties of a `GuardrailProtectionPolicy`. */
export interface GuardrailProtectionPolicyProps extends GuardrailNamePrefixes {
  /**
   * Organizational units (`ou-xxxx-yyyyyyyy`) or the root (`r-xxxx`) the policy is attached to.
   *
   * Service control policies never restrict the management account.
   */
  readonly targetIds: string[];

  /**
   * Name of the break-glass role, the same in every account, that may still change the
   * guardrails. Only the name: the policy matches `arn:<partition>:iam::*:role/<name>`.
   */
  readonly breakGlassRoleName: string;

  /**
   * More role names (the same in every account) exempt from the policy, such as an
   * incident-response role. Each one is repeated in every statement: the policy must stay
   * under the 5120-character limit of a service control policy.
   *
   * @default - none
   */
  readonly additionalExemptRoleNames?: string[];

  /**
   * Let the service-managed StackSet execution roles (`stacksets-exec-*`) and
   * `AWSCloudFormationStackSetExecutionRole` change the guardrails, so the baseline
   * StackSet can update them.
   *
   * @default true
   */
  readonly allowStackSetDeployments?: boolean;

  /**
   * Name of the policy in AWS Organizations.
   *
   * @default 'IamGuardrailsProtection'
   */
  readonly policyName?: string;
}

/**
 * A service control policy that keeps member accounts from switching the guardrails off:
 * stopping or changing trails, deleting or overwriting the detection metric filters, alarms
 * and rules, stopping AWS Config, disabling Security Hub, GuardDuty or IAM Access Analyzer,
 * and loosening the account password policy. Only the break-glass role (and, by default,
 * the StackSet execution roles) is exempt.
 *
 * Deploy it in the organization's management account (or a delegated administrator for
 * AWS Organizations policies). Service control policies never restrict the management
 * account itself.
 *
 * Cost: service control policies are free.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 */
export class GuardrailProtectionPolicy extends Construct {
  /** The service control policy. */
  public readonly policy: organizations.CfnPolicy;

  /** The policy's id (`p-...`). */
  public readonly policyId: string;

  /** Size of the rendered policy in characters (the limit is 5120). */
  public readonly documentSize: number;

  constructor(scope: Construct, id: string, props: GuardrailProtectionPolicyProps) {
    super(scope, id);

    checkTargetIds(this, 'targetIds', props.targetIds, true);
    checkRoleName(this, 'breakGlassRoleName', props.breakGlassRoleName);
    for (const name of props.additionalExemptRoleNames ?? []) {
      checkRoleName(this, 'additionalExemptRoleNames', name);
    }
    const options: ProtectionDocumentOptions = {
      partition: Aws.PARTITION,
      exemptRoleNames: [props.breakGlassRoleName, ...props.additionalExemptRoleNames ?? []],
      exemptRolePatterns: props.allowStackSetDeployments === false
        ? []
        : ['stacksets-exec-*', 'AWSCloudFormationStackSetExecutionRole'],
      logGroupNamePrefix: props.logGroupNamePrefix ?? DEFAULT_LOG_GROUP_NAME_PREFIX,
      alarmNamePrefix: props.alarmNamePrefix ?? DEFAULT_GUARDRAIL_NAME_PREFIX,
      ruleNamePrefix: props.ruleNamePrefix ?? DEFAULT_GUARDRAIL_NAME_PREFIX,
    };
    checkNamePrefix(this, 'logGroupNamePrefix', options.logGroupNamePrefix);
    checkNamePrefix(this, 'alarmNamePrefix', options.alarmNamePrefix);
    checkNamePrefix(this, 'ruleNamePrefix', options.ruleNamePrefix);

    this.documentSize = protectionDocumentSize(options);
    const unresolved = [...options.exemptRoleNames, options.logGroupNamePrefix,
      options.alarmNamePrefix, options.ruleNamePrefix].some((v) => Token.isUnresolved(v));
    if (unresolved) {
      Annotations.of(this).addWarningV2('cdk-iam-guardrails:ScpSizeUnknown',
        'A name in the protection policy is a token, so its size (limit 5120 characters) '
        + 'cannot be checked before deployment.');
    } else if (this.documentSize > SCP_MAX_SIZE) {
      throw new Error(`${this.node.path}: the protection policy renders to ${this.documentSize} `
        + `characters, over the ${SCP_MAX_SIZE}-character limit of a service control policy; `
        + 'exempt fewer roles (additionalExemptRoleNames) or shorten the names and prefixes');
    }

    this.policy = new organizations.CfnPolicy(this, 'Resource', {
      name: props.policyName ?? 'IamGuardrailsProtection',
      description: 'Keeps member accounts from disabling the IAM guardrails; break-glass exempt',
      type: 'SERVICE_CONTROL_POLICY',
      content: protectionDocument(options),
      targetIds: props.targetIds,
    });
    this.policyId = this.policy.attrId;
  }
}
