import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { resolveValue } from './support';
import {
  FindingAggregation, SecurityHubSeverity, SecurityHubStandard, SecurityHubStandards,
  SecurityHubStandardsProps,
} from '../../src/compliance';

function synth(props: SecurityHubStandardsProps = {}, stack = new Stack()): Template {
  new SecurityHubStandards(stack, 'Hub', props);
  return Template.fromStack(stack);
}

function withTopic(props: Omit<SecurityHubStandardsProps, 'alarmTopic'> = {}): Template {
  const stack = new Stack();
  const topic = new sns.Topic(stack, 'Alarms');
  return synth({ ...props, alarmTopic: topic }, stack);
}

function eventRule(template: Template): any {
  return Object.values(template.findResources('AWS::Events::Rule'))[0];
}

describe('SecurityHubStandards', () => {
  test('enables Security Hub without the default standards, with consolidated control findings', () => {
    synth().hasResourceProperties('AWS::SecurityHub::Hub', {
      EnableDefaultStandards: false,
      ControlFindingGenerator: 'SECURITY_CONTROL',
      AutoEnableControls: true,
    });
  });

  test('can leave new controls switched off', () => {
    synth({ autoEnableControls: false }).hasResourceProperties('AWS::SecurityHub::Hub', {
      AutoEnableControls: false,
    });
  });

  test('subscribes AWS Foundational Security Best Practices by default', () => {
    const template = synth();
    template.resourceCountIs('AWS::SecurityHub::Standard', 1);
    const standard = Object.values(template.findResources('AWS::SecurityHub::Standard'))[0];
    expect(resolveValue(standard.Properties.StandardsArn,
      { partition: 'aws', region: 'eu-west-1', account: '111122223333' }))
      .toBe('arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0');
  });

  test('makes every subscription wait for the Hub', () => {
    const template = synth({
      standards: [SecurityHubStandard.CIS_AWS_FOUNDATIONS_BENCHMARK_V5_0_0, SecurityHubStandard.NIST_800_53_REV_5],
    });
    const hubId = Object.keys(template.findResources('AWS::SecurityHub::Hub'))[0];
    const standards = Object.values(template.findResources('AWS::SecurityHub::Standard'));
    expect(standards).toHaveLength(2);
    for (const standard of standards) expect(standard.DependsOn).toContain(hubId);
  });

  test('creates no Hub in an account where Security Hub is already on', () => {
    const template = synth({ existingHub: true });
    template.resourceCountIs('AWS::SecurityHub::Hub', 0);
    const standard = Object.values(template.findResources('AWS::SecurityHub::Standard'))[0];
    expect(standard.DependsOn).toBeUndefined();
  });

  test('disables named controls with their reason and control ARN', () => {
    const template = synth({
      standards: [SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0],
      disabledControls: [{
        standard: SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0,
        controlId: 'IAM.6',
        reason: 'Root sign-in is blocked by an SCP',
      }],
    });
    const standard = Object.values(template.findResources('AWS::SecurityHub::Standard'))[0];
    const [control] = standard.Properties.DisabledStandardsControls;
    expect(control.Reason).toBe('Root sign-in is blocked by an SCP');
    expect(resolveValue(control.StandardsControlArn,
      { partition: 'aws', region: 'us-east-1', account: '111122223333' }))
      .toBe('arn:aws:securityhub:us-east-1:111122223333:control/' +
        'aws-foundational-security-best-practices/v/1.0.0/IAM.6');
  });

  test('aggregates findings from every Region when asked', () => {
    synth({ findingAggregation: FindingAggregation.allRegions() })
      .hasResourceProperties('AWS::SecurityHub::FindingAggregator', {
        RegionLinkingMode: 'ALL_REGIONS',
        Regions: Match.absent(),
      });
  });

  test('aggregates findings from the Regions named', () => {
    synth({ findingAggregation: FindingAggregation.specifiedRegions(['eu-west-1', 'us-west-2']) })
      .hasResourceProperties('AWS::SecurityHub::FindingAggregator', {
        RegionLinkingMode: 'SPECIFIED_REGIONS',
        Regions: ['eu-west-1', 'us-west-2'],
      });
  });

  test('creates no aggregator and no rule by default', () => {
    const template = synth();
    template.resourceCountIs('AWS::SecurityHub::FindingAggregator', 0);
    template.resourceCountIs('AWS::Events::Rule', 0);
  });

  test('routes new active high and critical findings to the alarm topic', () => {
    withTopic().hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.securityhub'],
        'detail-type': ['Security Hub Findings - Imported'],
        'detail': {
          findings: {
            Severity: { Label: ['HIGH', 'CRITICAL'] },
            RecordState: ['ACTIVE'],
            Workflow: { Status: ['NEW'] },
          },
        },
      },
    });
  });

  test('routes from a lower severity when asked', () => {
    const rule = eventRule(withTopic({ minimumSeverity: SecurityHubSeverity.MEDIUM }));
    expect(rule.Properties.EventPattern.detail.findings.Severity.Label)
      .toEqual(['MEDIUM', 'HIGH', 'CRITICAL']);
  });

  test("names the finding's title, resource, account and severity in the message", () => {
    const target = eventRule(withTopic()).Properties.Targets[0];
    const paths = target.InputTransformer.InputPathsMap;
    expect(Object.values(paths)).toEqual(expect.arrayContaining([
      '$.detail.findings[0].Title',
      '$.detail.findings[0].Resources[0].Id',
      '$.detail.findings[0].AwsAccountId',
      '$.detail.findings[0].Severity.Label',
    ]));
    for (const key of Object.keys(paths)) {
      expect(target.InputTransformer.InputTemplate).toContain(`<${key}>`);
    }
  });
});

describe('SecurityHubStandard ARNs', () => {
  const partitions: Array<[string, string]> = [
    ['aws', 'us-east-1'],
    ['aws-us-gov', 'us-gov-west-1'],
    ['aws-cn', 'cn-north-1'],
  ];
  const regional: Array<[string, SecurityHubStandard, string]> = [
    ['FSBP', SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0,
      'aws-foundational-security-best-practices/v/1.0.0'],
    ['CIS 1.4.0', SecurityHubStandard.CIS_AWS_FOUNDATIONS_BENCHMARK_V1_4_0, 'cis-aws-foundations-benchmark/v/1.4.0'],
    ['CIS 3.0.0', SecurityHubStandard.CIS_AWS_FOUNDATIONS_BENCHMARK_V3_0_0, 'cis-aws-foundations-benchmark/v/3.0.0'],
    ['CIS 5.0.0', SecurityHubStandard.CIS_AWS_FOUNDATIONS_BENCHMARK_V5_0_0, 'cis-aws-foundations-benchmark/v/5.0.0'],
    ['NIST 800-53 r5', SecurityHubStandard.NIST_800_53_REV_5, 'nist-800-53/v/5.0.0'],
    ['PCI DSS 3.2.1', SecurityHubStandard.PCI_DSS_V3_2_1, 'pci-dss/v/3.2.1'],
    ['PCI DSS 4.0.1', SecurityHubStandard.PCI_DSS_V4_0_1, 'pci-dss/v/4.0.1'],
  ];

  function arnIn(partition: string, region: string, standard: SecurityHubStandard): unknown {
    const stack = new Stack(new App(), 'Stack', { env: { region, account: '111122223333' } });
    const template = synth({ standards: [standard] }, stack);
    const resource = Object.values(template.findResources('AWS::SecurityHub::Standard'))[0];
    return resolveValue(resource.Properties.StandardsArn, { partition, region, account: '111122223333' });
  }

  for (const [partition, region] of partitions) {
    for (const [name, standard, standardPath] of regional) {
      test(`${name} in ${partition} is a Regional standards ARN`, () => {
        expect(arnIn(partition, region, standard))
          .toBe(`arn:${partition}:securityhub:${region}::standards/${standardPath}`);
      });
    }
    test(`CIS 1.2.0 in ${partition} is the global ruleset ARN`, () => {
      expect(arnIn(partition, region, SecurityHubStandard.CIS_AWS_FOUNDATIONS_BENCHMARK_V1_2_0))
        .toBe(`arn:${partition}:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0`);
    });
  }

  test('never writes a literal partition', () => {
    const template = synth({ standards: regional.map(([, s]) => s) });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/arn:aws[:-]/);
  });

  test('names a standard this library does not list', () => {
    const standard = SecurityHubStandard.of('standards', 'aws-resource-tagging-standard/v/1.0.0');
    expect(arnIn('aws', 'us-east-1', standard))
      .toBe('arn:aws:securityhub:us-east-1::standards/aws-resource-tagging-standard/v/1.0.0');
  });
});

describe('SecurityHubStandards bad input', () => {
  const fsbp = SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0;
  const cases: Array<[string, () => void, RegExp]> = [
    ['no standards', () => synth({ standards: [] }), /Default\/Hub: standards is empty/],
    ['a standard twice', () => synth({ standards: [fsbp, fsbp] }), /lists .*1\.0\.0 twice/],
    ['a control of a standard not subscribed', () => synth({
      standards: [fsbp],
      disabledControls: [{ standard: SecurityHubStandard.PCI_DSS_V3_2_1, controlId: 'PCI.IAM.1', reason: 'n/a' }],
    }), /PCI\.IAM\.1 belongs to pci-dss\/v\/3\.2\.1, which is not in standards/],
    ['an empty reason', () => synth({
      disabledControls: [{ standard: fsbp, controlId: 'IAM.6', reason: '  ' }],
    }), /IAM\.6 has an empty reason/],
    ['a control listed twice', () => synth({
      disabledControls: [
        { standard: fsbp, controlId: 'IAM.6', reason: 'a' },
        { standard: fsbp, controlId: 'IAM.6', reason: 'b' },
      ],
    }), /IAM\.6 is listed twice/],
    ['a malformed control id', () => synth({
      disabledControls: [{ standard: fsbp, controlId: 'IAM 6/x', reason: 'a' }],
    }), /control id 'IAM 6\/x' is not a control id/],
    ['aggregation naming no Region', () => synth({
      findingAggregation: FindingAggregation.specifiedRegions([]),
    }), /SPECIFIED_REGIONS names no Region/],
    ['aggregation naming a bad Region', () => synth({
      findingAggregation: FindingAggregation.allRegionsExcept(['Ireland']),
    }), /Region 'Ireland' is not a Region name/],
    ['a custom standard of unknown type', () => SecurityHubStandard.of('rules', 'x/v/1'),
      /resourceType is 'rules'/],
    ['a custom standard without version', () => SecurityHubStandard.of('standards', 'my-standard'),
      /standardPath is 'my-standard'/],
  ];
  test.each(cases)('rejects %s', (_name, act, message) => {
    expect(act).toThrow(message);
  });
});
