import { CfnResource, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { clearResourceCache } from './private/resource-reader';
import { ALL_RULES } from './rules';

/**
 * A cdk-nag rule pack for least privilege and IAM-attack readiness: administrator and
 * privilege-escalation statements, IAM users with policies, keys and passwords, open or
 * unconditioned role trust, trails that miss evidence, log groups that forget it, alarms
 * that notify nobody, metric filters that do not parse, and trails nobody watches.
 *
 * Rule ids are `IamGuardrails-IG<n>`; statement rules report one finding per statement,
 * `IamGuardrails-IG1[Statement::<Sid or index>]`, acknowledged one by one with
 * `Validations.of(construct).acknowledge({ id, reason })`. Error-level findings fail
 * synthesis; warning-level findings are reported without failing it.
 *
 * @example
 * Validations.of(app).addPlugins(new IamGuardrailsChecks(app));
 *
 * @see https://github.com/cdklabs/cdk-nag
 */
export class IamGuardrailsChecks extends NagPack {
  /** The pack name, the prefix of every rule id. */
  public readonly name: string = 'IamGuardrails';

  /**
   * @param scope the app, needed only with `writeSuppressionsToCloudFormation`
   * @param props cdk-nag pack options
   */
  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = 'IamGuardrails';
  }

  /**
   * Validates a construct tree directly (cdk-nag's entry point for tests and older CDK
   * versions); `Validations.of(app).addPlugins` calls it too.
   *
   * The report fails only on error-level findings: warnings are printed and written to
   * the validation report but do not stop synthesis.
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    clearResourceCache();
    try {
      const report = super.validateScope(scope);
      return {
        ...report,
        success: report.violations.every((v) => v.severity !== 'error'),
      };
    } finally {
      clearResourceCache();
    }
  }

  protected checkResource(node: CfnResource): void {
    for (const definition of ALL_RULES) {
      this.applyRule({
        ruleSuffixOverride: definition.id,
        info: definition.info,
        explanation: definition.explanation,
        level: definition.level,
        rule: definition.rule,
        node,
      });
    }
  }
}
