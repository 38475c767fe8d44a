import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { buildLibraryApp } from './library-app';
import { ReportedViolation, ValidationReport, readReport } from './nag-harness';
import { IamGuardrailsChecks } from '../../src/nag';

// cdk-nag 3.0.2, the latest release, ships no PCI DSS 4.0 pack: PCIDSS321Checks (PCI DSS
// 3.2.1) is the newest PCI pack there is, so it stands in for PCI DSS 4.0 here.
const PACKS = ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321', 'IamGuardrails'];

/**
 * A stack outside the library with one policy that grants everything. Every pack reports
 * it, which proves each pack ran over the app: a pack that finds nothing leaves no trace
 * in the validation report.
 */
const CANARY = 'Canary/AllowEverything/Resource';

function addCanary(app: App): void {
  const stack = new Stack(app, 'Canary', { env: { account: '111122223333', region: 'us-east-1' } });
  new iam.ManagedPolicy(stack, 'AllowEverything', {
    statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })],
  });
}

function describeViolations(violations: ReportedViolation[]): string {
  return violations
    .map((v) => `${v.ruleName} (${v.severity}) at ${v.constructPaths.join(', ')}: ${v.description}`)
    .join('\n');
}

describe('the library under cdk-nag', () => {
  let report: ValidationReport;

  beforeAll(() => {
    const app = buildLibraryApp();
    addCanary(app);
    Validations.of(app).addPlugins(
      new AwsSolutionsChecks(),
      new NIST80053R5Checks(),
      new HIPAASecurityChecks(),
      new PCIDSS321Checks(),
      new IamGuardrailsChecks(),
    );
    report = readReport(app, true);
  });

  test.each(PACKS)('runs the %s pack over the app', (pack) => {
    expect(report.pluginNames).toContain(pack);
    const onCanary = report.violations.filter(
      (v) => v.pluginName === pack && v.constructPaths.includes(CANARY));
    expect(onCanary.length).toBeGreaterThan(0);
  });

  test.each(PACKS)('has no unacknowledged %s finding', (pack) => {
    const found = report.violations
      .filter((v) => v.pluginName === pack)
      .map((v) => ({ ...v, constructPaths: v.constructPaths.filter((p) => !p.startsWith('Canary/')) }))
      .filter((v) => v.constructPaths.length > 0);
    expect(describeViolations(found)).toBe('');
  });
});
