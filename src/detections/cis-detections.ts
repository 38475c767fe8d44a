import { EventPattern, Match } from 'aws-cdk-lib/aws-events';
import { FilterPattern } from 'aws-cdk-lib/aws-logs';
import { Detection } from './detection';
import { Severity } from './severity';
import { DetectionTrack } from './track';

/*
 * The CIS AWS Foundations Benchmark monitoring recommendations as Security Hub checks them
 * (controls CloudWatch.1 to CloudWatch.14) and CIS 4.15. Security Hub compares the metric
 * filter text exactly, so these patterns are kept character for character, including
 * their known gaps (see the README); tuning belongs in the IAM-attack track.
 *
 * Each also carries the event pattern that matches exactly the records its filter pattern
 * matches: `=` becomes a value list, `*x` and `x*` become suffix and prefix, `!=` becomes
 * anything-but (neither matches a missing field), `NOT EXISTS` becomes `exists: false`,
 * and `eventSource` is compared in the detail as the filter compares it. Every pattern
 * translates exactly; what differs is delivery. A rule sees its own Region only (IAM,
 * Organizations and console sign-in reach us-east-1), and CloudWatch.1 and CloudWatch.2
 * match read-only calls, which reach a rule only in state
 * `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */

/** How the event pattern of a CIS detection reaches a rule. */
interface CisRule {
  readonly eventPattern: EventPattern;
  readonly includesReadOnlyEvents?: boolean;
  readonly globalServiceEvents?: boolean;
}

/** Records of any service whose event name is one of `names`. */
const named = (...names: string[]): CisRule => ({ eventPattern: { detail: { eventName: names } } });

/** Records of one service, by event source, whose event name is one of `names`. */
function calls(service: string, names: string[], globalServiceEvents = false): CisRule {
  return {
    eventPattern: {
      source: [`aws.${service}`],
      detail: { eventSource: [`${service}.amazonaws.com`], eventName: names },
    },
    globalServiceEvents,
  };
}

function cis(
  control: string,
  id: string,
  title: string,
  severity: Severity,
  technique: string,
  runbook: string,
  pattern: string,
  rule: CisRule,
): Detection {
  return Detection._catalog({
    id,
    title,
    severity,
    control,
    track: DetectionTrack.CIS,
    techniques: [technique],
    runbook,
    filterPattern: FilterPattern.literal(pattern).logPatternString,
    ...rule,
  });
}

/** The CIS track, in control order. */
export const CIS_DETECTIONS: readonly Detection[] = [
  cis(
    'CloudWatch.1',
    'CisRootAccountUsage',
    'Root user used',
    Severity.LOW,
    'T1078.004',
    'Any use of the root user. Confirm who used it and why; root should be used only ' +
      'for the tasks that need it.',
    '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && ' +
      '$.eventType !="AwsServiceEvent"}',
    {
      eventPattern: {
        detail: {
          userIdentity: { type: ['Root'], invokedBy: Match.doesNotExist() },
          eventType: Match.anythingBut('AwsServiceEvent'),
        },
      },
      includesReadOnlyEvents: true,
    },
  ),
  cis(
    'CloudWatch.2',
    'CisUnauthorizedApiCalls',
    'Unauthorized API calls',
    Severity.MEDIUM,
    'T1580',
    'Denied API calls. A burst from one principal is reconnaissance with stolen or ' +
      'under-privileged credentials; a steady trickle is usually a misconfigured ' +
      'workload.',
    '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    {
      eventPattern: { detail: { errorCode: [{ suffix: 'UnauthorizedOperation' }, { prefix: 'AccessDenied' }] } },
      includesReadOnlyEvents: true,
    },
  ),
  cis(
    'CloudWatch.3',
    'CisConsoleSignInWithoutMfa',
    'Console sign-in without MFA',
    Severity.MEDIUM,
    'T1078.004',
    'A console sign-in by an IAM user without MFA. Enforce MFA for the user.',
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ' +
      '($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = ' +
      '"Success") }',
    {
      eventPattern: {
        detail: {
          eventName: ['ConsoleLogin'],
          additionalEventData: { MFAUsed: Match.anythingBut('Yes') },
          userIdentity: { type: ['IAMUser'] },
          responseElements: { ConsoleLogin: ['Success'] },
        },
      },
      globalServiceEvents: true,
    },
  ),
  cis(
    'CloudWatch.4',
    'CisIamPolicyChanges',
    'IAM policy changes',
    Severity.MEDIUM,
    'T1098.003',
    'An IAM policy was created, changed, attached or detached. Confirm the change ' +
      'came from your pipeline or a change record.',
    '{($.eventSource=iam.amazonaws.com) && (($.eventName=DeleteGroupPolicy) || ' +
      '($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ' +
      '($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ' +
      '($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ' +
      '($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ' +
      '($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ' +
      '($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ' +
      '($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ' +
      '($.eventName=DetachGroupPolicy))}',
    calls('iam', [
      'DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy',
      'PutUserPolicy', 'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion',
      'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy',
      'DetachGroupPolicy',
    ], true),
  ),
  cis(
    'CloudWatch.5',
    'CisCloudTrailChanges',
    'CloudTrail configuration changes',
    Severity.HIGH,
    'T1562.008',
    'A trail was created, changed, started or stopped. Confirm the change; a stopped ' +
      'or narrowed trail hides what follows.',
    '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ' +
      '($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ' +
      '($.eventName=StopLogging)}',
    named('CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'),
  ),
  cis(
    'CloudWatch.6',
    'CisConsoleAuthenticationFailures',
    'Console authentication failures',
    Severity.LOW,
    'T1110',
    'A console sign-in failed with a wrong password. Many failures point to guessing or spraying.',
    '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    {
      eventPattern: { detail: { eventName: ['ConsoleLogin'], errorMessage: ['Failed authentication'] } },
      globalServiceEvents: true,
    },
  ),
  cis(
    'CloudWatch.7',
    'CisCmkDisabledOrDeleted',
    'Customer managed key disabled or scheduled for deletion',
    Severity.HIGH,
    'T1485',
    'A KMS key was disabled or scheduled for deletion; data encrypted with it ' +
      'becomes unreadable. Cancel the deletion if it was not planned.',
    '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ' +
      '($.eventName=ScheduleKeyDeletion))}',
    calls('kms', ['DisableKey', 'ScheduleKeyDeletion']),
  ),
  cis(
    'CloudWatch.8',
    'CisS3BucketPolicyChanges',
    'S3 bucket policy changes',
    Severity.MEDIUM,
    'T1530',
    'A bucket policy, ACL, CORS, lifecycle or replication setting changed. Check it ' +
      'did not open the bucket.',
    '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ' +
      '($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ' +
      '($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ' +
      '($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ' +
      '($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
    calls('s3', [
      'PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication',
      'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication',
    ]),
  ),
  cis(
    'CloudWatch.9',
    'CisConfigChanges',
    'AWS Config configuration changes',
    Severity.HIGH,
    'T1562.001',
    'AWS Config recording or delivery changed. Restore the recorder if it was stopped.',
    '{($.eventSource=config.amazonaws.com) && ' +
      '(($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) ' +
      '|| ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
    calls('config', [
      'StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder',
    ]),
  ),
  cis(
    'CloudWatch.10',
    'CisSecurityGroupChanges',
    'Security group changes',
    Severity.LOW,
    'T1562.007',
    'A security group changed. Check for rules that open ports to the internet.',
    '{($.eventName=AuthorizeSecurityGroupIngress) || ' +
      '($.eventName=AuthorizeSecurityGroupEgress) || ' +
      '($.eventName=RevokeSecurityGroupIngress) || ' +
      '($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ' +
      '($.eventName=DeleteSecurityGroup)}',
    named(
      'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup',
    ),
  ),
  cis(
    'CloudWatch.11',
    'CisNaclChanges',
    'Network ACL changes',
    Severity.LOW,
    'T1562.007',
    'A network ACL changed. Check for entries that open the network.',
    '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ' +
      '($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ' +
      '($.eventName=ReplaceNetworkAclEntry) || ' +
      '($.eventName=ReplaceNetworkAclAssociation)}',
    named(
      'CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation',
    ),
  ),
  cis(
    'CloudWatch.12',
    'CisNetworkGatewayChanges',
    'Network gateway changes',
    Severity.LOW,
    'T1562.007',
    'A customer or internet gateway changed. Check the VPC was not opened to the internet.',
    '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ' +
      '($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ' +
      '($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
    named(
      'CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway',
      'DeleteInternetGateway', 'DetachInternetGateway',
    ),
  ),
  cis(
    'CloudWatch.13',
    'CisRouteTableChanges',
    'Route table changes',
    Severity.LOW,
    'T1562.007',
    'A route table changed. Check traffic was not redirected.',
    '{($.eventSource=ec2.amazonaws.com) && (($.eventName=CreateRoute) || ' +
      '($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ' +
      '($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ' +
      '($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable))}',
    calls('ec2', [
      'CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable',
      'DeleteRoute', 'DisassociateRouteTable',
    ]),
  ),
  cis(
    'CloudWatch.14',
    'CisVpcChanges',
    'VPC changes',
    Severity.LOW,
    'T1562.007',
    'A VPC or peering connection changed. Check no unexpected network was connected.',
    '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ' +
      '($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ' +
      '($.eventName=CreateVpcPeeringConnection) || ' +
      '($.eventName=DeleteVpcPeeringConnection) || ' +
      '($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) ' +
      '|| ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ' +
      '($.eventName=EnableVpcClassicLink)}',
    named(
      'CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc',
      'DisableVpcClassicLink', 'EnableVpcClassicLink',
    ),
  ),
  cis(
    'CIS-4.15',
    'CisOrganizationsChanges',
    'AWS Organizations changes',
    Severity.HIGH,
    'T1484.002',
    'The organization changed: accounts, units, policies or handshakes. Confirm the ' +
      'change in the management account.',
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = ' +
      '"AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = ' +
      '"CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName ' +
      '= "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = ' +
      '"DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ' +
      '($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ' +
      '($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ' +
      '($.eventName = "InviteAccountToOrganization") || ($.eventName = ' +
      '"LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = ' +
      '"RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ' +
      '($.eventName = "UpdateOrganizationalUnit")) }',
    calls('organizations', [
      'AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit', 'CreatePolicy',
      'DeclineHandshake', 'DeleteOrganization', 'DeleteOrganizationalUnit', 'DeletePolicy', 'DetachPolicy',
      'DisablePolicyType', 'EnablePolicyType', 'InviteAccountToOrganization', 'LeaveOrganization', 'MoveAccount',
      'RemoveAccountFromOrganization', 'UpdatePolicy', 'UpdateOrganizationalUnit',
    ], true),
  ),
];
