import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { isDenied, resolvePartition } from './scp-evaluator';
import { GuardrailProtectionPolicy, GuardrailProtectionPolicyProps } from '../../src/organization';

const OU = 'ou-ab12-cd34ef56';

function render(props: Partial<GuardrailProtectionPolicyProps> = {}) {
  const stack = new Stack(new App(), 'Management', { env: { account: '111122223333', region: 'us-east-1' } });
  const policy = new GuardrailProtectionPolicy(stack, 'Protection', {
    targetIds: [OU], breakGlassRoleName: 'BreakGlass', ...props,
  });
  const template = Template.fromStack(stack);
  const resource = Object.values(template.findResources('AWS::Organizations::Policy'))[0] as any;
  return { policy, template, stack, document: resolvePartition(resource.Properties.Content) };
}

const MEMBER = 'arn:aws:iam::777788889999:role/Developer';
const BREAK_GLASS = 'arn:aws:iam::777788889999:role/BreakGlass';
const STACKSET = 'arn:aws:iam::777788889999:role/stacksets-exec-0123456789abcdef';
const TRAIL_LOG_GROUP = 'arn:aws:logs:us-east-1:777788889999:log-group:/aws/cloudtrail/OrgTrail:*';
const OTHER_LOG_GROUP = 'arn:aws:logs:us-east-1:777788889999:log-group:/aws/lambda/app';
const ALARM = 'arn:aws:cloudwatch:us-east-1:777788889999:alarm:IamGuardrails-RootActivity';
const OTHER_ALARM = 'arn:aws:cloudwatch:us-east-1:777788889999:alarm:AppLatency';
const RULE = 'arn:aws:events:us-east-1:777788889999:rule/IamGuardrails-Forwarder';
const OTHER_RULE = 'arn:aws:events:us-east-1:777788889999:rule/app-schedule';

describe('GuardrailProtectionPolicy', () => {
  test('creates a service control policy attached to the given targets', () => {
    render().template.hasResourceProperties('AWS::Organizations::Policy', {
      Type: 'SERVICE_CONTROL_POLICY',
      TargetIds: [OU],
    });
  });

  test('holds only deny statements', () => {
    const { document } = render();
    expect(document.Statement.map((s: any) => s.Effect)).toEqual(
      document.Statement.map(() => 'Deny'));
  });

  test('stays under the 5120-character limit of a service control policy', () => {
    expect(render().policy.documentSize).toBeLessThanOrEqual(5120);
  });

  test('measures its size on the minified document', () => {
    const { policy, document } = render();
    const measured = JSON.stringify(resolvePartition(document, 'aws-us-gov')).length;
    expect(policy.documentSize).toBeGreaterThanOrEqual(measured);
  });

  const denied: Array<[string, string]> = [
    ['cloudtrail:StopLogging', '*'],
    ['cloudtrail:DeleteTrail', '*'],
    ['cloudtrail:UpdateTrail', '*'],
    ['cloudtrail:PutEventSelectors', '*'],
    ['cloudtrail:PutInsightSelectors', '*'],
    ['config:StopConfigurationRecorder', '*'],
    ['config:DeleteConfigurationRecorder', '*'],
    ['config:DeleteDeliveryChannel', '*'],
    ['config:DeleteConfigRule', '*'],
    ['config:DeleteOrganizationConfigRule', '*'],
    ['securityhub:DisableSecurityHub', '*'],
    ['securityhub:BatchDisableStandards', '*'],
    ['securityhub:DisassociateFromAdministratorAccount', '*'],
    ['securityhub:UpdateStandardsControl', '*'],
    ['guardduty:DeleteDetector', '*'],
    ['guardduty:UpdateDetector', '*'],
    ['guardduty:DisassociateFromMasterAccount', '*'],
    ['guardduty:DisassociateFromAdministratorAccount', '*'],
    ['guardduty:StopMonitoringMembers', '*'],
    ['guardduty:CreateFilter', '*'],
    ['guardduty:UpdateFilter', '*'],
    ['guardduty:DeletePublishingDestination', '*'],
    ['access-analyzer:DeleteAnalyzer', '*'],
    ['access-analyzer:CreateArchiveRule', '*'],
    ['access-analyzer:UpdateArchiveRule', '*'],
    ['iam:UpdateAccountPasswordPolicy', '*'],
    ['iam:DeleteAccountPasswordPolicy', '*'],
    ['logs:DeleteLogGroup', TRAIL_LOG_GROUP],
    ['logs:DeleteMetricFilter', TRAIL_LOG_GROUP],
    ['logs:PutMetricFilter', TRAIL_LOG_GROUP],
    ['logs:DeleteSubscriptionFilter', TRAIL_LOG_GROUP],
    ['logs:PutSubscriptionFilter', TRAIL_LOG_GROUP],
    ['logs:PutRetentionPolicy', TRAIL_LOG_GROUP],
    ['logs:DeleteRetentionPolicy', TRAIL_LOG_GROUP],
    ['logs:DisassociateKmsKey', TRAIL_LOG_GROUP],
    ['cloudwatch:DeleteAlarms', ALARM],
    ['cloudwatch:DisableAlarmActions', ALARM],
    ['cloudwatch:PutMetricAlarm', ALARM],
    ['cloudwatch:SetAlarmState', ALARM],
    ['events:DisableRule', RULE],
    ['events:DeleteRule', RULE],
    ['events:RemoveTargets', RULE],
    ['events:PutRule', RULE],
    ['events:PutTargets', RULE],
  ];

  test.each(denied)('denies %s on %s to member principals', (action, resource) => {
    expect(isDenied(render().document, { action, resource, principalArn: MEMBER })).toBe(true);
  });

  test.each(denied)('lets the break-glass role call %s on %s', (action, resource) => {
    expect(isDenied(render().document, { action, resource, principalArn: BREAK_GLASS })).toBe(false);
  });

  test.each(denied)('lets the StackSet execution role call %s on %s', (action, resource) => {
    expect(isDenied(render().document, { action, resource, principalArn: STACKSET })).toBe(false);
  });

  test('denies the StackSet execution role when StackSet deployments are not allowed', () => {
    const { document } = render({ allowStackSetDeployments: false });
    expect(isDenied(document, {
      action: 'cloudtrail:StopLogging', resource: '*', principalArn: STACKSET,
    })).toBe(true);
  });

  const allowed: Array<[string, string]> = [
    ['logs:DeleteLogGroup', OTHER_LOG_GROUP],
    ['logs:PutMetricFilter', OTHER_LOG_GROUP],
    ['cloudwatch:DeleteAlarms', OTHER_ALARM],
    ['events:DeleteRule', OTHER_RULE],
    ['cloudtrail:LookupEvents', '*'],
    ['iam:CreateRole', '*'],
    ['guardduty:GetFindings', '*'],
  ];

  test.each(allowed)('leaves %s on %s alone', (action, resource) => {
    expect(isDenied(render().document, { action, resource, principalArn: MEMBER })).toBe(false);
  });

  test('exempts the additional roles too', () => {
    const { document } = render({ additionalExemptRoleNames: ['IncidentResponse'] });
    expect(isDenied(document, {
      action: 'cloudtrail:StopLogging',
      resource: '*',
      principalArn: 'arn:aws:iam::777788889999:role/IncidentResponse',
    })).toBe(false);
  });

  test('uses the given name prefixes', () => {
    const { document } = render({ alarmNamePrefix: 'SecOps' });
    expect(isDenied(document, {
      action: 'cloudwatch:DeleteAlarms',
      resource: 'arn:aws:cloudwatch:us-east-1:777788889999:alarm:SecOps-RootActivity',
      principalArn: MEMBER,
    })).toBe(true);
  });

  test('matches the break-glass role in any account and no other role', () => {
    const { document } = render();
    expect(isDenied(document, {
      action: 'cloudtrail:StopLogging',
      resource: '*',
      principalArn: 'arn:aws:iam::777788889999:role/BreakGlassCopy',
    })).toBe(true);
  });

  test('is named IamGuardrailsProtection by default', () => {
    render().template.hasResourceProperties('AWS::Organizations::Policy', { Name: 'IamGuardrailsProtection' });
  });

  test('takes another policy name', () => {
    render({ policyName: 'SecOpsProtection' }).template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'SecOpsProtection',
    });
  });

  test('can be attached to the organization root', () => {
    render({ targetIds: ['r-ab12'] }).template.hasResourceProperties('AWS::Organizations::Policy', {
      TargetIds: ['r-ab12'],
    });
  });

  test('warns when a name is a token and its size cannot be checked', () => {
    const stack = new Stack(new App(), 'Tokens');
    new GuardrailProtectionPolicy(stack, 'Protection', {
      targetIds: [OU], breakGlassRoleName: Lazy.string({ produce: () => 'BreakGlass' }),
    });
    Annotations.fromStack(stack).hasWarning('/Tokens/Protection',
      Match.stringLikeRegexp('cannot be checked'));
  });
});
