import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The cdk-nag compliance packs whose rules share names (`S3BucketReplicationEnabled`,
 * `IAMNoInlinePolicy`, `LambdaInsideVPC`): one reason answers the same finding in each.
 */
const COMPLIANCE_PACKS = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

/** Acknowledges `rule` of every compliance pack on `construct` alone, with one reason. */
export function acknowledgeInCompliancePacks(construct: IConstruct, rule: string, reason: string): void {
  for (const pack of COMPLIANCE_PACKS) {
    Validations.of(construct).acknowledge({ id: `${pack}-${rule}`, reason });
  }
}
