import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * A Security Hub security standard that an account can subscribe to.
 *
 * Use the static members for the standards Security Hub publishes; `SecurityHubStandard.of`
 * names one that this library does not list yet. Not every standard is offered in every
 * partition or Region: check the Security Hub console or `DescribeStandards` there.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/standards-reference.html
 */
export class SecurityHubStandard {
  /** AWS Foundational Security Best Practices v1.0.0. */
  public static readonly AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0 = new SecurityHubStandard(
    'standards', 'aws-foundational-security-best-practices/v/1.0.0');

  /**
   * CIS AWS Foundations Benchmark v1.2.0.
   *
   * The only standard whose ARN names no Region (`ruleset/...`); superseded by the later
   * versions below.
   */
  public static readonly CIS_AWS_FOUNDATIONS_BENCHMARK_V1_2_0 = new SecurityHubStandard(
    'ruleset', 'cis-aws-foundations-benchmark/v/1.2.0');

  /** CIS AWS Foundations Benchmark v1.4.0. */
  public static readonly CIS_AWS_FOUNDATIONS_BENCHMARK_V1_4_0 = new SecurityHubStandard(
    'standards', 'cis-aws-foundations-benchmark/v/1.4.0');

  /** CIS AWS Foundations Benchmark v3.0.0. */
  public static readonly CIS_AWS_FOUNDATIONS_BENCHMARK_V3_0_0 = new SecurityHubStandard(
    'standards', 'cis-aws-foundations-benchmark/v/3.0.0');

  /** CIS AWS Foundations Benchmark v5.0.0 (the newest version Security Hub offers). */
  public static readonly CIS_AWS_FOUNDATIONS_BENCHMARK_V5_0_0 = new SecurityHubStandard(
    'standards', 'cis-aws-foundations-benchmark/v/5.0.0');

  /** NIST Special Publication 800-53 Revision 5. */
  public static readonly NIST_800_53_REV_5 = new SecurityHubStandard(
    'standards', 'nist-800-53/v/5.0.0');

  /** PCI DSS v3.2.1. */
  public static readonly PCI_DSS_V3_2_1 = new SecurityHubStandard('standards', 'pci-dss/v/3.2.1');

  /** PCI DSS v4.0.1. */
  public static readonly PCI_DSS_V4_0_1 = new SecurityHubStandard('standards', 'pci-dss/v/4.0.1');

  /**
   * A standard this library does not list.
   *
   * @param resourceType `standards` for Regional standards (all current ones), `ruleset` for
   *   CIS v1.2.0-style global ARNs
   * @param standardPath the part of the ARN after `standards/`, such as
   *   `aws-resource-tagging-standard/v/1.0.0`
   */
  public static of(resourceType: string, standardPath: string): SecurityHubStandard {
    if (resourceType !== 'standards' && resourceType !== 'ruleset') {
      throw new Error(`SecurityHubStandard.of: resourceType is '${resourceType}'; ` +
        "use 'standards' (Regional ARN) or 'ruleset' (the CIS v1.2.0 form).");
    }
    if (!/^[a-z0-9-]+\/v\/[0-9.]+$/.test(standardPath)) {
      throw new Error(`SecurityHubStandard.of: standardPath is '${standardPath}'; ` +
        "give '<name>/v/<version>', such as 'aws-resource-tagging-standard/v/1.0.0'.");
    }
    return new SecurityHubStandard(resourceType, standardPath);
  }

  /**
   * `standards` (Regional ARN) or `ruleset` (global ARN, CIS v1.2.0).
   */
  public readonly resourceType: string;

  /** The standard's name and version, as it appears in its ARN: `<name>/v/<version>`. */
  public readonly standardPath: string;

  private constructor(resourceType: string, standardPath: string) {
    this.resourceType = resourceType;
    this.standardPath = standardPath;
  }

  /** A short identifier, such as `cis-aws-foundations-benchmark/v/5.0.0`. */
  public toString(): string {
    return this.standardPath;
  }

  /**
   * The standard's ARN in the partition and Region of the stack that holds `scope`.
   */
  public standardsArn(scope: IConstruct): string {
    const regional = this.resourceType === 'standards';
    return Stack.of(scope).formatArn({
      service: 'securityhub',
      region: regional ? undefined : '',
      account: '',
      resource: this.resourceType,
      resourceName: this.standardPath,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /**
   * The ARN of one of this standard's controls in the account and Region of the stack
   * that holds `scope`, as `DisabledStandardsControls` expects it.
   *
   * @param controlId the control as this standard names it: `IAM.6` for AWS Foundational
   *   Security Best Practices and NIST, `1.14` for CIS v1.2.0 and v1.4.0,
   *   `PCI.IAM.1` for PCI DSS v3.2.1
   */
  public controlArn(scope: IConstruct, controlId: string): string {
    if (!Token.isUnresolved(controlId) && !/^[A-Za-z0-9.]+$/.test(controlId)) {
      throw new Error(`${scope.node.path}: control id '${controlId}' is not a control id; ` +
        "give it as the standard names it, such as 'IAM.6' or '1.14'.");
    }
    return Stack.of(scope).formatArn({
      service: 'securityhub',
      resource: 'control',
      resourceName: `${this.standardPath}/${controlId}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }
}
