import {
  Stack, aws_accessanalyzer as accessanalyzer, aws_guardduty as guardduty,
  aws_iam as iam, aws_securityhub as securityhub,
} from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
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
}

/**
 * Turns the security services on across the organization, from the delegated administrator
 * (security) account: Security Hub auto-enable with the default standards, GuardDuty
 * auto-enable for all members, and an organization-wide IAM Access Analyzer.
 *
 * Deploy it in the security account after `DelegatedAdministrators` has designated it, in
 * every Region you use (all three services are regional). AWS Config has no
 * organization-wide switch: the per-account recorder comes with the baseline StackSet.
 *
 * Cost: GuardDuty and Security Hub bill per account, Region and volume analysed or
 * checked (see their pricing pages); the organization analyzer is free for external access.
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
  }
}
