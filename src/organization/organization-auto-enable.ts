import {
  Stack, aws_accessanalyzer as accessanalyzer, aws_config as config, aws_guardduty as guardduty,
  aws_iam as iam, aws_securityhub as securityhub,
} from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { PasswordPolicySettings } from '../account/password-policy-settings';
import { IamConfigRule } from '../compliance/iam-config-rule';
import { organizationAggregator, organizationConfigRules } from './private/organization-config';
import { acknowledgeCustomResourceProvider } from './private/singleton-acknowledgements';
import { acknowledgeInCompliancePacks } from '../private/compliance-packs';

/** Properties of `OrganizationAutoEnable`. */
export interface OrganizationAutoEnableProps {
  /**
   * Turn Security Hub on, with its default standards, in every member account, present and
   * future. Security Hub must already be enabled in this account.
   *
   * @default true
   */
  readonly securityHub?: boolean;

  /**
   * Turn GuardDuty on in every member account, present and future.
   *
   * @default true
   */
  readonly guardDuty?: boolean;

  /**
   * The GuardDuty detector of this account.
   *
   * @default - a detector is created
   */
  readonly guardDutyDetectorId?: string;

  /**
   * Create an organization-wide IAM Access Analyzer, which reports resources shared outside
   * the organization in every account.
   *
   * @default true
   */
  readonly accessAnalyzer?: boolean;

  /**
   * Create an AWS Config organization aggregator: the configuration and compliance data of
   * every account, present and future, in every Region, viewable from this account.
   *
   * It reads all Regions from the Region it is deployed in: keep it in one Region and set
   * this to false in the others. The aggregation is not billed; the recording and rule
   * evaluations in each account are.
   *
   * @default true
   * @see https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html
   */
  readonly configAggregator?: boolean;

  /**
   * Deploy the IAM rules of `IamConfigRules` as AWS Config organization rules, which AWS
   * Config creates in every member account, present and future, in this Region, so the
   * baseline needs no `IamConfigRules`.
   *
   * Every member account needs an AWS Config recorder in this Region (AWS Control Tower runs
   * one in each enrolled account; otherwise put `IamConfigRules` with `disabledRules` listing
   * every rule in the baseline StackSet), and the rules that run when an IAM resource changes
   * evaluate only where IAM resources are recorded. Each account pays its rule evaluations,
   * about $0.001 each: the 12 periodic rules check the account's IAM users and trails once a
   * day, the 5 others each IAM policy, user, group or role when it changes.
   *
   * @default false
   * @see https://docs.aws.amazon.com/config/latest/developerguide/config-rule-multi-account-deployment.html
   */
  readonly organizationConfigRules?: boolean;

  /**
   * Settings of the organization rules.
   *
   * @default - every rule, with the defaults of `IamConfigRules`
   */
  readonly organizationConfigRulesOptions?: OrganizationConfigRulesOptions;
}

/** Settings of the AWS Config organization rules of `OrganizationAutoEnable`. */
export interface OrganizationConfigRulesOptions {
  /**
   * The password policy the `iam-password-policy` rule checks in every account.
   *
   * @default - the defaults of `PasswordPolicySettings` (CIS AWS Foundations values)
   */
  readonly passwordPolicy?: PasswordPolicySettings;

  /**
   * Rules not to deploy.
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
   * @default 45
   */
  readonly maxCredentialUsageAge?: number;

  /**
   * Member accounts (12 digits) the rules are not deployed to.
   *
   * @default - none
   */
  readonly excludedAccounts?: string[];
}

/**
 * Turns the security services on across the organization, from the delegated administrator
 * (security) account: Security Hub auto-enable with the default standards, GuardDuty
 * auto-enable for all members, an organization-wide IAM Access Analyzer, an AWS Config
 * aggregator over every account and Region and, when asked, the IAM Config rules as
 * organization rules.
 *
 * Deploy it in the security account after `DelegatedAdministrators` has designated it, in
 * every Region you use (the services are regional; the aggregator belongs in one). AWS
 * Config has no organization-wide recorder: each account's comes with the baseline StackSet
 * or AWS Control Tower.
 *
 * Cost: GuardDuty and Security Hub bill per account, Region and volume analysed or
 * checked (see their pricing pages); the organization analyzer is free for external access;
 * the aggregator is free; organization Config rules bill their evaluations in each account.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/accounts-orgs-auto-enable.html
 */
export class OrganizationAutoEnable extends Construct {
  /** The Security Hub organization configuration, when requested. */
  public readonly securityHubConfiguration?: securityhub.CfnOrganizationConfiguration;

  /** The GuardDuty detector created here, when none was given. */
  public readonly detector?: guardduty.CfnDetector;

  /** The organization analyzer, when requested. */
  public readonly analyzer?: accessanalyzer.CfnAnalyzer;

  /** The AWS Config organization aggregator, when requested. */
  public readonly configAggregator?: config.CfnConfigurationAggregator;

  /** The AWS Config organization rules, when requested. */
  public readonly organizationConfigRules: config.CfnOrganizationConfigRule[] = [];

  constructor(scope: Construct, id: string, props: OrganizationAutoEnableProps = {}) {
    super(scope, id);

    if (props.securityHub ?? true) {
      this.securityHubConfiguration = new securityhub.CfnOrganizationConfiguration(
        this, 'SecurityHub', { autoEnable: true, autoEnableStandards: 'DEFAULT' });
    }

    if (props.guardDuty ?? true) {
      let detectorId = props.guardDutyDetectorId;
      if (!detectorId) {
        this.detector = new guardduty.CfnDetector(this, 'Detector', {
          enable: true,
          findingPublishingFrequency: 'FIFTEEN_MINUTES',
        });
        detectorId = this.detector.ref;
      }
      const detectorArn = Stack.of(this).formatArn({
        service: 'guardduty', resource: 'detector', resourceName: detectorId,
      });
      const call = (autoEnable: string): cr.AwsSdkCall => ({
        service: 'GuardDuty',
        action: 'updateOrganizationConfiguration',
        parameters: { DetectorId: detectorId, AutoEnableOrganizationMembers: autoEnable },
        physicalResourceId: cr.PhysicalResourceId.of(`guardduty-org-${detectorId}`),
      });
      const autoEnable = new cr.AwsCustomResource(this, 'GuardDuty', {
        installLatestAwsSdk: false,
        onCreate: call('ALL'),
        onUpdate: call('ALL'),
        onDelete: call('NONE'),
        policy: cr.AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({
          actions: ['guardduty:UpdateOrganizationConfiguration'],
          resources: [detectorArn],
        })]),
      });
      if (this.detector) autoEnable.node.addDependency(this.detector);
      const policy = autoEnable.node.tryFindChild('CustomResourcePolicy');
      if (policy) {
        acknowledgeInCompliancePacks(policy, 'IAMNoInlinePolicy',
          'AwsCustomResource attaches its one-action policy inline to the shared role.');
      }
      acknowledgeCustomResourceProvider(this);
    }

    if (props.accessAnalyzer ?? true) {
      this.analyzer = new accessanalyzer.CfnAnalyzer(this, 'Analyzer', {
        type: 'ORGANIZATION',
      });
    }

    if (props.configAggregator ?? true) {
      this.configAggregator = organizationAggregator(this);
    }

    if (props.organizationConfigRules ?? false) {
      this.organizationConfigRules = organizationConfigRules(this, props.organizationConfigRulesOptions ?? {});
    } else if (props.organizationConfigRulesOptions) {
      throw new Error(`${this.node.path}: organizationConfigRulesOptions is set but ` +
        'organizationConfigRules is not true; set organizationConfigRules: true or remove the options.');
    }
  }
}
