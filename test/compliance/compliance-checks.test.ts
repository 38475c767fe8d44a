import { Stack, aws_kms as kms, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { nagApp, unacknowledgedFindings } from './support';
import {
  FindingAggregation, GuardDutyDetector, IamConfigRules, SecurityHubSeverity, SecurityHubStandard,
  SecurityHubStandards,
} from '../../src/compliance';
import { formatLintErrors, lintTemplate } from '../support/template-lint';

/** One stack with all three constructs and every option switched on. */
function everything(stack: Stack): void {
  const key = new kms.Key(stack, 'AlarmKey', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'Alarms', { masterKey: key, enforceSSL: true });
  new SecurityHubStandards(stack, 'SecurityHub', {
    standards: [
      SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0,
      SecurityHubStandard.CIS_AWS_FOUNDATIONS_BENCHMARK_V5_0_0,
      SecurityHubStandard.NIST_800_53_REV_5,
      SecurityHubStandard.PCI_DSS_V4_0_1,
    ],
    disabledControls: [{
      standard: SecurityHubStandard.NIST_800_53_REV_5,
      controlId: 'IAM.6',
      reason: 'Root sign-in is blocked by a service control policy',
    }],
    findingAggregation: FindingAggregation.allRegionsExcept(['ap-east-1']),
    alarmTopic: topic,
    minimumSeverity: SecurityHubSeverity.MEDIUM,
  });
  new IamConfigRules(stack, 'ConfigRules', {
    passwordPolicy: { minimumPasswordLength: 16 },
    maxAccessKeyAge: 60,
    maxCredentialUsageAge: 30,
    createServiceLinkedRole: true,
    recordGlobalResources: true,
    remediatePasswordPolicy: true,
    revokeUnusedCredentials: true,
    alarmTopic: topic,
  });
  new GuardDutyDetector(stack, 'GuardDuty', {
    minimumSeverity: 5,
    alarmTopic: topic,
  });
}

describe('compliance constructs together', () => {
  test('leave no unacknowledged AwsSolutions or NIST 800-53 R5 finding in a known environment', () => {
    const app = nagApp();
    everything(new Stack(app, 'Compliance', { env: { account: '111122223333', region: 'us-east-1' } }));
    expect(unacknowledgedFindings(app)).toEqual([]);
  });

  test('leave no unacknowledged AwsSolutions or NIST 800-53 R5 finding in an agnostic stack', () => {
    const app = nagApp();
    everything(new Stack(app, 'Compliance'));
    expect(unacknowledgedFindings(app)).toEqual([]);
  });

  test('synthesize a template the CloudFormation validator accepts', () => {
    const stack = new Stack();
    everything(stack);
    const errors = lintTemplate(Template.fromStack(stack).toJSON(), 'Compliance');
    expect(formatLintErrors(errors)).toBe('');
  });
});
