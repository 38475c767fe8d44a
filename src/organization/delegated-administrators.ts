import { Validations, aws_iam as iam, aws_securityhub as securityhub } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeCustomResourceProvider } from './private/singleton-acknowledgements';
import { checkAccountId } from './private/validation';
import { acknowledgeInCompliancePacks } from '../private/compliance-packs';

/** Properties of `DelegatedAdministrators`. */
export interface DelegatedAdministratorsProps {
  /** The security account (12 digits) that administers the security services. */
  readonly adminAccountId: string;

  /**
   * Make the account the Security Hub delegated administrator.
   *
   * @default true
   */
  readonly securityHub?: boolean;

  /**
   * Make the account the GuardDuty delegated administrator (in this stack's Region).
   *
   * @default true
   */
  readonly guardDuty?: boolean;

  /**
   * Make the account the IAM Access Analyzer delegated administrator.
   *
   * @default true
   */
  readonly accessAnalyzer?: boolean;

  /**
   * Make the account the AWS Config delegated administrator (aggregators, organization
   * rules and conformance packs).
   *
   * @default true
   */
  readonly config?: boolean;
}

/**
 * Designates the security account as delegated administrator of Security Hub, GuardDuty,
 * IAM Access Analyzer and AWS Config for the organization.
 *
 * Deploy it in the organization's management account. Security Hub uses its CloudFormation
 * resource; GuardDuty, Access Analyzer and Config have none, so they are registered through
 * `AwsCustomResource` calls (`guardduty:EnableOrganizationAdminAccount`,
 * `organizations:RegisterDelegatedAdministrator`) with a policy limited to those calls. Removing
 * the construct deregisters the administrators.
 *
 * GuardDuty delegated administration is per Region: deploy the stack in every Region you use.
 *
 * Cost: the designations are free; the services bill per account and Region they watch.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services_list.html
 */
export class DelegatedAdministrators extends Construct {
  /** The Security Hub designation, when requested. */
  public readonly securityHubAdmin?: securityhub.CfnDelegatedAdmin;

  /** The service principals registered through AWS Organizations. */
  public readonly registeredServicePrincipals: string[] = [];

  constructor(scope: Construct, id: string, props: DelegatedAdministratorsProps) {
    super(scope, id);
    checkAccountId(this, 'adminAccountId', props.adminAccountId);
    const account = props.adminAccountId;

    if (props.securityHub ?? true) {
      this.securityHubAdmin = new securityhub.CfnDelegatedAdmin(this, 'SecurityHub', {
        adminAccountId: account,
      });
    }

    if (props.guardDuty ?? true) {
      const guardDuty = new cr.AwsCustomResource(this, 'GuardDuty', {
        installLatestAwsSdk: false,
        onCreate: {
          service: 'GuardDuty',
          action: 'enableOrganizationAdminAccount',
          parameters: { AdminAccountId: account },
          physicalResourceId: cr.PhysicalResourceId.of(`guardduty-admin-${account}`),
        },
        onDelete: {
          service: 'GuardDuty',
          action: 'disableOrganizationAdminAccount',
          parameters: { AdminAccountId: account },
        },
        policy: cr.AwsCustomResourcePolicy.fromStatements([
          new iam.PolicyStatement({
            actions: [
              'guardduty:EnableOrganizationAdminAccount',
              'guardduty:DisableOrganizationAdminAccount',
            ],
            resources: ['*'],
          }),
          serviceAccessStatement('guardduty.amazonaws.com'),
          new iam.PolicyStatement({
            actions: ['iam:CreateServiceLinkedRole'],
            resources: ['*'],
            conditions: { StringEquals: { 'iam:AWSServiceName': 'guardduty.amazonaws.com' } },
          }),
          new iam.PolicyStatement({
            actions: [
              'organizations:DescribeOrganization',
              'organizations:ListDelegatedAdministrators',
              'organizations:ListAWSServiceAccessForOrganization',
            ],
            resources: ['*'],
          }),
        ]),
      });
      acknowledgeWildcards(guardDuty, 'GuardDuty organization administrator actions and '
        + 'Organizations read actions support no resource-level permissions.');
    }

    const registrations: Array<[boolean, string, string]> = [
      [props.accessAnalyzer ?? true, 'AccessAnalyzer', 'access-analyzer.amazonaws.com'],
      [props.config ?? true, 'Config', 'config.amazonaws.com'],
      [props.config ?? true, 'ConfigMultiAccountSetup', 'config-multiaccountsetup.amazonaws.com'],
    ];
    for (const [wanted, name, principal] of registrations) {
      if (wanted) this.register(name, principal, account);
    }

    acknowledgeCustomResourceProvider(this);
  }

  private register(name: string, servicePrincipal: string, account: string): void {
    const registration = new cr.AwsCustomResource(this, name, {
      installLatestAwsSdk: false,
      onCreate: {
        service: 'Organizations',
        action: 'enableAWSServiceAccess',
        parameters: { ServicePrincipal: servicePrincipal },
        physicalResourceId: cr.PhysicalResourceId.of(`access-${servicePrincipal}`),
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([serviceAccessStatement(servicePrincipal)]),
    });
    const admin = new cr.AwsCustomResource(this, `${name}Admin`, {
      installLatestAwsSdk: false,
      onCreate: {
        service: 'Organizations',
        action: 'registerDelegatedAdministrator',
        parameters: { AccountId: account, ServicePrincipal: servicePrincipal },
        physicalResourceId: cr.PhysicalResourceId.of(`admin-${servicePrincipal}-${account}`),
        ignoreErrorCodesMatching: 'AccountAlreadyRegisteredException',
      },
      onDelete: {
        service: 'Organizations',
        action: 'deregisterDelegatedAdministrator',
        parameters: { AccountId: account, ServicePrincipal: servicePrincipal },
        ignoreErrorCodesMatching: 'AccountNotRegisteredException',
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([serviceAccessStatement(servicePrincipal)]),
    });
    admin.node.addDependency(registration);
    this.registeredServicePrincipals.push(servicePrincipal);
    const reason = 'Organizations service access and delegated administrator actions support no '
      + `resource ARN here; the condition limits them to ${servicePrincipal}.`;
    acknowledgeWildcards(registration, reason);
    acknowledgeWildcards(admin, reason);
  }
}

/** Organizations calls limited, by condition, to one service principal. */
function serviceAccessStatement(servicePrincipal: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: [
      'organizations:EnableAWSServiceAccess',
      'organizations:RegisterDelegatedAdministrator',
      'organizations:DeregisterDelegatedAdministrator',
    ],
    resources: ['*'],
    conditions: { StringEquals: { 'organizations:ServicePrincipal': servicePrincipal } },
  });
}

function acknowledgeWildcards(resource: cr.AwsCustomResource, reason: string): void {
  const policy = resource.node.tryFindChild('CustomResourcePolicy');
  if (!policy) return;
  Validations.of(policy).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason });
  acknowledgeInCompliancePacks(policy, 'IAMNoInlinePolicy',
    'AwsCustomResource attaches its least-privilege policy inline to the shared role.');
}
