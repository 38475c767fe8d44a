import {
  App, RemovalPolicy, Stack, aws_config as config, aws_kms as kms, aws_s3 as s3, aws_sns as sns,
} from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AccountPasswordPolicy } from '../../src/account/account-password-policy';
import { PasswordPolicySettings, resolvePasswordPolicy } from '../../src/account/password-policy-settings';
import { ConfigRecorderMode, IamConfigRule, IamConfigRules, IamConfigRulesProps } from '../../src/compliance';
import { IAM_CONFIG_RULE_TABLE } from '../../src/compliance/private/iam-config-rule-table';

function synth(props: IamConfigRulesProps = {}, stack = new Stack()): Template {
  new IamConfigRules(stack, 'Rules', props);
  return Template.fromStack(stack);
}

function ruleNamed(template: Template, name: string): any {
  const rules = template.findResources('AWS::Config::ConfigRule', {
    Properties: { ConfigRuleName: name },
  });
  const found = Object.values(rules);
  if (found.length !== 1) throw new Error(`expected one rule named ${name}, found ${found.length}`);
  return found[0];
}

/** The Config parameter names of iam-password-policy and the settings they carry. */
const PASSWORD_PARAMETERS = {
  RequireUppercaseCharacters: 'requireUppercaseCharacters',
  RequireLowercaseCharacters: 'requireLowercaseCharacters',
  RequireSymbols: 'requireSymbols',
  RequireNumbers: 'requireNumbers',
  MinimumPasswordLength: 'minimumPasswordLength',
  PasswordReusePrevention: 'passwordReusePrevention',
  MaxPasswordAge: 'maxPasswordAge',
} as const;

describe('IamConfigRules', () => {
  test('creates one managed rule for every rule of the table', () => {
    synth().resourceCountIs('AWS::Config::ConfigRule', IAM_CONFIG_RULE_TABLE.length);
  });

  test('covers every IamConfigRule exactly once', () => {
    expect(IAM_CONFIG_RULE_TABLE.map(s => s.rule).sort()).toEqual(Object.values(IamConfigRule).sort());
  });

  describe('uses the aws-cdk-lib managed rule identifier', () => {
    const expected: Record<IamConfigRule, string> = {
      [IamConfigRule.IAM_PASSWORD_POLICY]: config.ManagedRuleIdentifiers.IAM_PASSWORD_POLICY,
      [IamConfigRule.MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS]:
        config.ManagedRuleIdentifiers.MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS,
      [IamConfigRule.IAM_USER_MFA_ENABLED]: config.ManagedRuleIdentifiers.IAM_USER_MFA_ENABLED,
      [IamConfigRule.ROOT_ACCOUNT_MFA_ENABLED]: config.ManagedRuleIdentifiers.ROOT_ACCOUNT_MFA_ENABLED,
      [IamConfigRule.ROOT_ACCOUNT_HARDWARE_MFA_ENABLED]:
        config.ManagedRuleIdentifiers.ROOT_ACCOUNT_HARDWARE_MFA_ENABLED,
      [IamConfigRule.IAM_ROOT_ACCESS_KEY_CHECK]: config.ManagedRuleIdentifiers.IAM_ROOT_ACCESS_KEY_CHECK,
      [IamConfigRule.ACCESS_KEYS_ROTATED]: config.ManagedRuleIdentifiers.ACCESS_KEYS_ROTATED,
      [IamConfigRule.IAM_USER_UNUSED_CREDENTIALS_CHECK]:
        config.ManagedRuleIdentifiers.IAM_USER_UNUSED_CREDENTIALS_CHECK,
      [IamConfigRule.IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS]:
        config.ManagedRuleIdentifiers.IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS,
      [IamConfigRule.IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS]:
        config.ManagedRuleIdentifiers.IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS,
      [IamConfigRule.IAM_NO_INLINE_POLICY_CHECK]: config.ManagedRuleIdentifiers.IAM_NO_INLINE_POLICY_CHECK,
      [IamConfigRule.IAM_USER_NO_POLICIES_CHECK]: config.ManagedRuleIdentifiers.IAM_USER_NO_POLICIES_CHECK,
      [IamConfigRule.IAM_USER_GROUP_MEMBERSHIP_CHECK]:
        config.ManagedRuleIdentifiers.IAM_USER_GROUP_MEMBERSHIP_CHECK,
      [IamConfigRule.MULTI_REGION_CLOUD_TRAIL_ENABLED]:
        config.ManagedRuleIdentifiers.CLOUDTRAIL_MULTI_REGION_ENABLED,
      [IamConfigRule.CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED]:
        config.ManagedRuleIdentifiers.CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED,
      [IamConfigRule.CLOUD_TRAIL_ENCRYPTION_ENABLED]: config.ManagedRuleIdentifiers.CLOUD_TRAIL_ENCRYPTION_ENABLED,
      [IamConfigRule.CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED]:
        config.ManagedRuleIdentifiers.CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED,
    };
    const template = synth();
    test.each(IAM_CONFIG_RULE_TABLE.map(s => [s.rule, s] as const))('%s', (rule, spec) => {
      expect(spec.identifier).toBe(expected[rule]);
      expect(ruleNamed(template, `iam-guardrails-${rule}`).Properties.Source).toEqual({
        Owner: 'AWS',
        SourceIdentifier: expected[rule],
      });
    });
  });

  test('runs account-level rules once a day', () => {
    expect(ruleNamed(synth(), 'iam-guardrails-root-account-mfa-enabled').Properties.MaximumExecutionFrequency)
      .toBe('TwentyFour_Hours');
  });

  test('runs policy rules when an IAM policy changes', () => {
    const rule = ruleNamed(synth(), 'iam-guardrails-iam-policy-no-statements-with-admin-access');
    expect(rule.Properties.Scope).toEqual({ ComplianceResourceTypes: ['AWS::IAM::Policy'] });
    expect(rule.Properties.MaximumExecutionFrequency).toBeUndefined();
  });

  test('checks access keys for 90 days and unused credentials for 45 days by default', () => {
    const template = synth();
    expect(ruleNamed(template, 'iam-guardrails-access-keys-rotated').Properties.InputParameters)
      .toEqual({ maxAccessKeyAge: '90' });
    expect(ruleNamed(template, 'iam-guardrails-iam-user-unused-credentials-check').Properties.InputParameters)
      .toEqual({ maxCredentialUsageAge: '45' });
  });

  test('takes the key and credential ages given', () => {
    const template = synth({ maxAccessKeyAge: 30, maxCredentialUsageAge: 90 });
    expect(ruleNamed(template, 'iam-guardrails-access-keys-rotated').Properties.InputParameters)
      .toEqual({ maxAccessKeyAge: '30' });
    expect(ruleNamed(template, 'iam-guardrails-iam-user-unused-credentials-check').Properties.InputParameters)
      .toEqual({ maxCredentialUsageAge: '90' });
  });

  test('leaves out the rules switched off', () => {
    const template = synth({
      disabledRules: [IamConfigRule.ROOT_ACCOUNT_HARDWARE_MFA_ENABLED, IamConfigRule.IAM_USER_GROUP_MEMBERSHIP_CHECK],
    });
    template.resourceCountIs('AWS::Config::ConfigRule', IAM_CONFIG_RULE_TABLE.length - 2);
    expect(template.findResources('AWS::Config::ConfigRule', {
      Properties: { ConfigRuleName: 'iam-guardrails-root-account-hardware-mfa-enabled' },
    })).toEqual({});
  });

  test('names the rules with the prefix given', () => {
    ruleNamed(synth({ ruleNamePrefix: 'acme-' }), 'acme-iam-password-policy');
  });

  describe('password policy rule', () => {
    function passwordParameters(settings?: PasswordPolicySettings): Record<string, string> {
      return ruleNamed(synth({ passwordPolicy: settings }), 'iam-guardrails-iam-password-policy')
        .Properties.InputParameters;
    }

    const custom: PasswordPolicySettings = {
      minimumPasswordLength: 20,
      requireSymbols: false,
      requireUppercaseCharacters: false,
      passwordReusePrevention: 5,
      maxPasswordAge: 60,
    };

    test.each([['default', undefined], ['custom', custom]] as const)(
      'carries the %s settings as resolvePasswordPolicy resolves them, field by field', (_name, settings) => {
        const resolved = resolvePasswordPolicy('test', settings);
        const parameters = passwordParameters(settings);
        expect(Object.keys(parameters).sort()).toEqual(Object.keys(PASSWORD_PARAMETERS).sort());
        for (const [parameter, field] of Object.entries(PASSWORD_PARAMETERS)) {
          expect(parameters[parameter]).toBe(String(resolved[field]));
        }
      });

    test('defaults to the CIS values', () => {
      expect(passwordParameters()).toEqual({
        RequireUppercaseCharacters: 'true',
        RequireLowercaseCharacters: 'true',
        RequireSymbols: 'true',
        RequireNumbers: 'true',
        MinimumPasswordLength: '14',
        PasswordReusePrevention: '24',
        MaxPasswordAge: '90',
      });
    });

    /** Expects the rule of `rules` to check exactly what the policy of `policies` applies. */
    function expectAgreement(policies: Template, rules: Template): void {
      const applied = Object.values(policies.findResources('Custom::AccountPasswordPolicy'))[0].Properties;
      const checked = ruleNamed(rules, 'iam-guardrails-iam-password-policy').Properties.InputParameters;
      for (const parameter of Object.keys(PASSWORD_PARAMETERS)) {
        expect(checked[parameter]).toBe(String(applied[parameter]));
      }
    }

    test.each([['default', {}], ['custom', custom]] as const)(
      'agrees with what AccountPasswordPolicy applies for the %s settings given to both', (_name, settings) => {
        const stack = new Stack();
        new AccountPasswordPolicy(stack, 'PasswordPolicy', settings);
        new IamConfigRules(stack, 'Rules', { passwordPolicy: settings });
        const template = Template.fromStack(stack);
        expectAgreement(template, template);
      });

    test.each([['default', {}], ['custom', custom]] as const)(
      'takes the %s settings from the AccountPasswordPolicy it is given', (_name, settings) => {
        const stack = new Stack();
        const accountPasswordPolicy = new AccountPasswordPolicy(stack, 'PasswordPolicy', settings);
        new IamConfigRules(stack, 'Rules', { accountPasswordPolicy });
        const template = Template.fromStack(stack);
        expectAgreement(template, template);
      });

    test('takes the settings from an AccountPasswordPolicy in another stack', () => {
      const app = new App();
      const accountStack = new Stack(app, 'Account');
      const accountPasswordPolicy = new AccountPasswordPolicy(accountStack, 'PasswordPolicy', custom);
      const rulesStack = new Stack(app, 'Rules');
      new IamConfigRules(rulesStack, 'Rules', { accountPasswordPolicy });

      expectAgreement(Template.fromStack(accountStack), Template.fromStack(rulesStack));
    });

    test('exposes the settings the policy applies with every default filled in', () => {
      const policy = new AccountPasswordPolicy(new Stack(), 'PasswordPolicy', { minimumPasswordLength: 20 });
      expect(policy.settings).toEqual(resolvePasswordPolicy('test', { minimumPasswordLength: 20 }));
    });

    test('resets the password policy to the settings of the AccountPasswordPolicy it is given', () => {
      const stack = new Stack();
      const accountPasswordPolicy = new AccountPasswordPolicy(stack, 'PasswordPolicy', custom);
      new IamConfigRules(stack, 'Rules', { accountPasswordPolicy, remediatePasswordPolicy: true });

      Template.fromStack(stack).hasResourceProperties('AWS::Config::RemediationConfiguration', {
        Parameters: Match.objectLike({ MinimumPasswordLength: { StaticValue: { Values: ['20'] } } }),
      });
    });

    test('accepts a setting given again with the value the AccountPasswordPolicy applies', () => {
      const stack = new Stack();
      const accountPasswordPolicy = new AccountPasswordPolicy(stack, 'PasswordPolicy', custom);
      new IamConfigRules(stack, 'Rules', { accountPasswordPolicy, passwordPolicy: { maxPasswordAge: 60 } });

      const checked = ruleNamed(Template.fromStack(stack), 'iam-guardrails-iam-password-policy');
      expect(checked.Properties.InputParameters.MinimumPasswordLength).toBe('20');
    });

    test('refuses a setting that differs from the AccountPasswordPolicy, naming both values', () => {
      const stack = new Stack();
      const accountPasswordPolicy = new AccountPasswordPolicy(stack, 'PasswordPolicy', custom);

      expect(() => new IamConfigRules(stack, 'Rules', {
        accountPasswordPolicy,
        passwordPolicy: { minimumPasswordLength: 20, requireSymbols: true },
      })).toThrow(
        /passwordPolicy\.requireSymbols is true, but accountPasswordPolicy \(Default\/PasswordPolicy\) sets false/);
    });
  });

  describe('recording', () => {
    test('records every supported resource type, global ones included, with the service-linked role', () => {
      synth().hasResourceProperties('AWS::Config::ConfigurationRecorder', {
        RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
        RoleARN: {
          'Fn::Join': ['', Match.arrayWith([
            Match.stringLikeRegexp(':role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig$'),
          ])],
        },
      });
    });

    test('leaves global resources to another Region when asked', () => {
      synth({ recordGlobalResources: false }).hasResourceProperties('AWS::Config::ConfigurationRecorder', {
        RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: false },
      });
    });

    test('warns that IAM change rules never run in a Region without global recording', () => {
      const stack = new Stack();
      new IamConfigRules(stack, 'Rules', { recordGlobalResources: false });
      Annotations.fromStack(stack).hasWarning('/Default/Rules',
        Match.stringLikeRegexp('iam-no-inline-policy-check.*IamRulesWithoutGlobalRecording'));
    });

    test('does not warn when those rules are switched off there', () => {
      const stack = new Stack();
      new IamConfigRules(stack, 'Rules', {
        recordGlobalResources: false,
        disabledRules: IAM_CONFIG_RULE_TABLE.filter(s => s.scope).map(s => s.rule),
      });
      Annotations.fromStack(stack).hasNoWarning('/Default/Rules', Match.anyValue());
    });

    test('creates the service-linked role only when asked', () => {
      synth().resourceCountIs('AWS::IAM::ServiceLinkedRole', 0);
      synth({ createServiceLinkedRole: true }).hasResourceProperties('AWS::IAM::ServiceLinkedRole', {
        AWSServiceName: 'config.amazonaws.com',
      });
    });

    test('makes every rule wait for the recorder', () => {
      const template = synth();
      const recorderId = Object.keys(template.findResources('AWS::Config::ConfigurationRecorder'))[0];
      for (const rule of Object.values(template.findResources('AWS::Config::ConfigRule'))) {
        expect(rule.DependsOn).toContain(recorderId);
      }
    });

    test('creates the delivery channel after the recorder', () => {
      const template = synth();
      const recorderId = Object.keys(template.findResources('AWS::Config::ConfigurationRecorder'))[0];
      const channel = Object.values(template.findResources('AWS::Config::DeliveryChannel'))[0];
      expect(channel.DependsOn).toContain(recorderId);
    });

    test('delivers daily snapshots to a KMS-encrypted bucket', () => {
      const template = synth();
      template.hasResourceProperties('AWS::Config::DeliveryChannel', {
        ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' },
        S3KmsKeyArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
      });
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [Match.objectLike({
            ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
          })],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      });
    });

    test('keeps the buckets and the key when the stack is deleted', () => {
      const template = synth();
      template.resourceCountIs('AWS::S3::Bucket', 2);
      for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key']) {
        for (const resource of Object.values(template.findResources(type))) {
          expect(resource.DeletionPolicy).toBe('Retain');
        }
      }
    });

    test('deletes the buckets with the stack when told so', () => {
      const template = synth({ removalPolicy: RemovalPolicy.DESTROY });
      for (const resource of Object.values(template.findResources('AWS::S3::Bucket'))) {
        expect(resource.DeletionPolicy).toBe('Delete');
      }
    });

    test('refuses requests without TLS to the delivery bucket', () => {
      synth().hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          })]),
        },
      });
    });

    test('lets AWS Config of this account write to the delivery bucket', () => {
      synth().hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Sid: 'AWSConfigBucketDelivery',
            Principal: { Service: 'config.amazonaws.com' },
            Action: 's3:PutObject',
            Condition: {
              StringEquals: {
                's3:x-amz-acl': 'bucket-owner-full-control',
                'AWS:SourceAccount': { Ref: 'AWS::AccountId' },
              },
            },
          })]),
        },
      });
    });

    test('delivers to a bucket given', () => {
      const stack = new Stack();
      const bucket = new s3.Bucket(stack, 'Given', { enforceSSL: true });
      const template = synth({ deliveryBucket: bucket }, stack);
      template.resourceCountIs('AWS::S3::Bucket', 1);
      template.resourceCountIs('AWS::KMS::Key', 0);
      template.hasResourceProperties('AWS::Config::DeliveryChannel', {
        S3BucketName: { Ref: stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) },
      });
    });

    test('warns that an imported bucket needs its policy set by hand', () => {
      const stack = new Stack();
      new IamConfigRules(stack, 'Rules', {
        deliveryBucket: s3.Bucket.fromBucketName(stack, 'Imported', 'config-history'),
      });
      Annotations.fromStack(stack).hasWarning('/Default/Rules/Recording',
        Match.stringLikeRegexp('cdk-iam-guardrails:ConfigBucketPolicyNotAdded'));
    });

    test('creates no recorder, channel or bucket when using the existing ones', () => {
      const template = synth({ recorder: ConfigRecorderMode.USE_EXISTING });
      template.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
      template.resourceCountIs('AWS::Config::DeliveryChannel', 0);
      template.resourceCountIs('AWS::S3::Bucket', 0);
      for (const rule of Object.values(template.findResources('AWS::Config::ConfigRule'))) {
        expect(rule.DependsOn).toBeUndefined();
      }
    });
  });

  describe('remediation', () => {
    test('is off by default', () => {
      const template = synth();
      template.resourceCountIs('AWS::Config::RemediationConfiguration', 0);
      template.resourceCountIs('AWS::IAM::Role', 0);
    });

    test('resets the password policy to the settings the rule checks', () => {
      const template = synth({ remediatePasswordPolicy: true, passwordPolicy: { minimumPasswordLength: 16 } });
      template.hasResourceProperties('AWS::Config::RemediationConfiguration', {
        ConfigRuleName: { Ref: Match.stringLikeRegexp('^RulesPasswordPolicy') },
        TargetType: 'SSM_DOCUMENT',
        TargetId: 'AWSConfigRemediation-SetIAMPasswordPolicy',
        Automatic: true,
        Parameters: Match.objectLike({
          AutomationAssumeRole: { StaticValue: { Values: [{ 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }] } },
          MinimumPasswordLength: { StaticValue: { Values: ['16'] } },
          PasswordReusePrevention: { StaticValue: { Values: ['24'] } },
          RequireSymbols: { StaticValue: { Values: ['true'] } },
        }),
      });
    });

    test('lets the password policy runbook only read and update the password policy', () => {
      synth({ remediatePasswordPolicy: true }).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([{
            Effect: 'Allow',
            Action: ['iam:GetAccountPasswordPolicy', 'iam:UpdateAccountPasswordPolicy'],
            Resource: '*',
          }]),
        },
      });
    });

    test('revokes unused credentials of the user Config found', () => {
      synth({ revokeUnusedCredentials: true }).hasResourceProperties('AWS::Config::RemediationConfiguration', {
        ConfigRuleName: { Ref: Match.stringLikeRegexp('^RulesUnusedCredentials') },
        TargetId: 'AWSConfigRemediation-RevokeUnusedIAMUserCredentials',
        ResourceType: 'AWS::IAM::User',
        Parameters: Match.objectLike({
          IAMResourceId: { ResourceValue: { Value: 'RESOURCE_ID' } },
          MaxCredentialUsageAge: { StaticValue: { Values: ['45'] } },
        }),
      });
    });

    test('limits the credential runbook to IAM users', () => {
      const template = synth({ revokeUnusedCredentials: true });
      const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
      const statements = policies.flatMap(p => p.Properties.PolicyDocument.Statement);
      const iamStatement = statements.find((s: any) => ([] as string[]).concat(s.Action).includes('iam:DeleteAccessKey'));
      expect(iamStatement.Resource).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':user/*']],
      });
    });

    test('gives each runbook its own role, assumed by Systems Manager', () => {
      const template = synth({ remediatePasswordPolicy: true, revokeUnusedCredentials: true });
      template.resourceCountIs('AWS::IAM::Role', 2);
      template.allResourcesProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { Service: 'ssm.amazonaws.com' } })],
        },
      });
    });
  });

  describe('non-compliance alerts', () => {
    function withTopic(props: IamConfigRulesProps = {}): Template {
      const stack = new Stack();
      return synth({ ...props, alarmTopic: new sns.Topic(stack, 'Alarms') }, stack);
    }

    test('route NON_COMPLIANT evaluations of our rules only', () => {
      const template = withTopic({ disabledRules: [IamConfigRule.IAM_USER_MFA_ENABLED] });
      const rule = Object.values(template.findResources('AWS::Events::Rule'))[0];
      const pattern = rule.Properties.EventPattern;
      expect(pattern.source).toEqual(['aws.config']);
      expect(pattern['detail-type']).toEqual(['Config Rules Compliance Change']);
      expect(pattern.detail.newEvaluationResult).toEqual({ complianceType: ['NON_COMPLIANT'] });
      expect(pattern.detail.configRuleName).toHaveLength(IAM_CONFIG_RULE_TABLE.length - 1);
      expect(pattern.detail.configRuleName).toContain('iam-guardrails-iam-password-policy');
      expect(pattern.detail.configRuleName).not.toContain('iam-guardrails-iam-user-mfa-enabled');
    });

    test('name the rule, resource, account and Region in the message', () => {
      const rule = Object.values(withTopic().findResources('AWS::Events::Rule'))[0];
      const transformer = rule.Properties.Targets[0].InputTransformer;
      expect(Object.values(transformer.InputPathsMap)).toEqual(expect.arrayContaining([
        '$.detail.configRuleName', '$.detail.resourceType', '$.detail.resourceId',
        '$.detail.awsAccountId', '$.detail.awsRegion',
      ]));
      expect(transformer.InputTemplate).toContain('NON_COMPLIANT');
    });

    test('are not routed without a topic', () => {
      synth().resourceCountIs('AWS::Events::Rule', 0);
    });
  });
});

describe('IamConfigRules bad input', () => {
  const cases: Array<[string, IamConfigRulesProps, RegExp]> = [
    ['a key age of 0', { maxAccessKeyAge: 0 },
      /Default\/Rules: maxAccessKeyAge is 0; give a whole number of days from 1 to 365/],
    ['a key age of 366', { maxAccessKeyAge: 366 }, /maxAccessKeyAge is 366/],
    ['a fractional credential age', { maxCredentialUsageAge: 4.5 }, /maxCredentialUsageAge is 4\.5/],
    ['a password length of 5', { passwordPolicy: { minimumPasswordLength: 5 } }, /minimumPasswordLength is 5/],
    ['a reuse prevention of 25', { passwordPolicy: { passwordReusePrevention: 25 } }, /passwordReusePrevention is 25/],
    ['a prefix with spaces', { ruleNamePrefix: 'my rules ' }, /ruleNamePrefix is 'my rules '/],
    ['a prefix of 41 characters', { ruleNamePrefix: 'p'.repeat(41) }, /ruleNamePrefix is 'p{41}'; use at most 40/],
    ['a service-linked role with the existing recorder',
      { recorder: ConfigRecorderMode.USE_EXISTING, createServiceLinkedRole: true },
      /createServiceLinkedRole is set but recorder is USE_EXISTING/],
    ['password remediation without its rule',
      { remediatePasswordPolicy: true, disabledRules: [IamConfigRule.IAM_PASSWORD_POLICY] },
      /remediatePasswordPolicy is true but disabledRules contains iam-password-policy/],
    ['credential remediation without its rule',
      { revokeUnusedCredentials: true, disabledRules: [IamConfigRule.IAM_USER_UNUSED_CREDENTIALS_CHECK] },
      /revokeUnusedCredentials is true but disabledRules contains iam-user-unused-credentials-check/],
  ];
  test.each(cases)('rejects %s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  test('rejects a delivery key without a delivery bucket', () => {
    const stack = new Stack();
    const key = new kms.Key(stack, 'Key');
    expect(() => synth({ deliveryKey: key }, stack)).toThrow(/deliveryKey is set without deliveryBucket/);
  });
});
