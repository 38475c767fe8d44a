import { Duration, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { CfnAnalyzer } from 'aws-cdk-lib/aws-accessanalyzer';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ArchiveRule } from './archive-rule';
import { renderArchiveRules } from './private/archive-rules';
import { consoleHost } from '../private/console-host';

/** The zone of trust of an IAM Access Analyzer analyzer. */
export enum AnalyzerScope {
  /** This account: access from any other account is external. */
  ACCOUNT = 'ACCOUNT',
  /**
   * The whole AWS Organization: access from outside the organization is external. Deploy
   * it in the organization's management account or in the Access Analyzer delegated
   * administrator account; anywhere else CloudFormation fails to create it.
   */
  ORGANIZATION = 'ORGANIZATION',
}

/** Properties of an `AccessAnalyzer`. */
export interface AccessAnalyzerProps {
  /**
   * The zone of trust of both analyzers.
   *
   * @default AnalyzerScope.ACCOUNT
   */
  readonly analyzerScope?: AnalyzerScope;

  /**
   * The name of the external-access analyzer; the unused-access analyzer gets this name
   * followed by `-unused-access`.
   *
   * @default - names CloudFormation generates
   */
  readonly analyzerName?: string;

  /**
   * Archive rules of the external-access analyzer: findings matching one of them are
   * archived instead of staying active.
   *
   * @default - no archive rule
   */
  readonly archiveRules?: ArchiveRule[];

  /**
   * Also create the unused-access analyzer, which reports unused roles, unused access keys
   * and passwords, and unused permissions.
   *
   * It costs money: AWS bills unused-access analysis per IAM role and per IAM user analyzed
   * each month, per analyzer: $0.20 per role or user per month on the IAM Access Analyzer
   * pricing page as of 2024 (check it for today's price). An account with 200 roles and users pays about
   * $40 a month. Unused-access findings do not depend on the Region, so enable this in one
   * Region only: every further Region bills again. The external-access analyzer is free.
   *
   * @default false
   * @see https://aws.amazon.com/iam/access-analyzer/pricing/
   */
  readonly unusedAccess?: boolean;

  /**
   * How long a role, key, password or permission must go unused to be reported, in whole
   * days from 1 to 365. Needs `unusedAccess: true`.
   *
   * @default Duration.days(90)
   */
  readonly unusedAccessAge?: Duration;

  /**
   * Archive rules of the unused-access analyzer. Needs `unusedAccess: true`.
   *
   * @default - no archive rule
   */
  readonly unusedAccessArchiveRules?: ArchiveRule[];

  /**
   * Where to send new active findings, as a readable message naming the resource, the
   * finding type, the account, the Region, the finding id and a console link.
   *
   * External-access findings (`Access Analyzer Finding` events) are sent when their status
   * is `ACTIVE` and they are not being deleted; unused-access findings (`Unused Access
   * Finding for IAM entities` events, only when `unusedAccess` is true) when they are also
   * new, with no previous status. The external-access event carries no previous status, so
   * a finding set back to active from archived is sent again.
   *
   * An imported topic needs a topic policy that lets `events.amazonaws.com` publish, and a
   * topic encrypted with a customer managed KMS key needs a key policy that lets
   * EventBridge use the key.
   *
   * @default - findings are not routed; review them in the IAM console or Security Hub
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-eventbridge.html
   */
  readonly alarmTopic?: sns.ITopic;
}

const ANALYZER_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,254}$/;
const UNUSED_SUFFIX = '-unused-access';

/**
 * IAM Access Analyzer: the external-access analyzer (free), optionally the unused-access
 * analyzer (paid), their archive rules, and routing of new active findings to a topic.
 *
 * Analyzers are Regional: deploy one external-access analyzer in every Region you use.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/what-is-access-analyzer.html
 */
export class AccessAnalyzer extends Construct {
  /** The external-access analyzer. */
  public readonly analyzer: CfnAnalyzer;

  /** The ARN of the external-access analyzer. */
  public readonly analyzerArn: string;

  /** The unused-access analyzer, when `unusedAccess` is true. */
  public readonly unusedAccessAnalyzer?: CfnAnalyzer;

  /** The rule that sends new active external-access findings to `alarmTopic`, when one is given. */
  public readonly findingsRule?: events.Rule;

  /**
   * The rule that sends new active unused-access findings to `alarmTopic`, when one is given
   * and `unusedAccess` is true.
   */
  public readonly unusedAccessFindingsRule?: events.Rule;

  constructor(scope: Construct, id: string, props: AccessAnalyzerProps = {}) {
    super(scope, id);

    const analyzerScope = props.analyzerScope ?? AnalyzerScope.ACCOUNT;
    this.checkName(props.analyzerName);
    const unusedAge = this.unusedAccessAgeDays(props);

    this.analyzer = new CfnAnalyzer(this, 'Resource', {
      type: analyzerScope,
      analyzerName: props.analyzerName,
      archiveRules: renderArchiveRules(this.node.path, 'archiveRules', props.archiveRules),
    });
    this.analyzerArn = this.analyzer.attrArn;

    if (props.unusedAccess) {
      this.unusedAccessAnalyzer = new CfnAnalyzer(this, 'UnusedAccess', {
        type: `${analyzerScope}_UNUSED_ACCESS`,
        analyzerName: props.analyzerName ? props.analyzerName + UNUSED_SUFFIX : undefined,
        analyzerConfiguration: { unusedAccessConfiguration: { unusedAccessAge: unusedAge } },
        archiveRules: renderArchiveRules(
          this.node.path,
          'unusedAccessArchiveRules',
          props.unusedAccessArchiveRules,
        ),
      });
    }

    if (props.alarmTopic) {
      this.findingsRule = this.routeExternalAccessFindings(props.alarmTopic);
      if (unusedAge !== undefined) {
        this.unusedAccessFindingsRule = this.routeUnusedAccessFindings(props.alarmTopic, unusedAge);
      }
    }
  }

  // The external-access event has no previous status and EventBridge cannot compare
  // createdAt with updatedAt, so a finding set back to ACTIVE from ARCHIVED matches too.
  // A deleted finding keeps its status and sets isDeleted, hence the isDeleted match.
  private routeExternalAccessFindings(topic: sns.ITopic): events.Rule {
    const rule = new events.Rule(this, 'ActiveFindings', {
      description: 'New active IAM Access Analyzer external-access findings',
      eventPattern: {
        source: ['aws.access-analyzer'],
        detailType: ['Access Analyzer Finding'],
        detail: { status: ['ACTIVE'], isDeleted: [false] },
      },
    });
    rule.addTarget(new targets.SnsTopic(topic, { message: externalAccessMessage(consoleHost(Stack.of(this))) }));
    return rule;
  }

  // A new unused-access finding has an empty previous status; a status change names the
  // status it left.
  private routeUnusedAccessFindings(topic: sns.ITopic, ageDays: number): events.Rule {
    const rule = new events.Rule(this, 'ActiveUnusedAccessFindings', {
      description: 'New active IAM Access Analyzer unused-access findings',
      eventPattern: {
        source: ['aws.access-analyzer'],
        detailType: ['Unused Access Finding for IAM entities'],
        detail: { status: ['ACTIVE'], previousStatus: [''], isDeleted: [false] },
      },
    });
    rule.addTarget(new targets.SnsTopic(topic, { message: unusedAccessMessage(consoleHost(Stack.of(this)), ageDays) }));
    return rule;
  }

  private checkName(name: string | undefined): void {
    if (name === undefined || Token.isUnresolved(name)) return;
    if (!ANALYZER_NAME.test(name) || name.length + UNUSED_SUFFIX.length > 255) {
      throw new Error(
        `${this.node.path}: analyzerName is "${name}"; an analyzer name starts with a letter and ` +
          `holds only letters, digits, "_", "." and "-", at most ${255 - UNUSED_SUFFIX.length} ` +
          'characters here (the unused-access analyzer adds a suffix). Rename it or leave it unset.',
      );
    }
  }

  private unusedAccessAgeDays(props: AccessAnalyzerProps): number | undefined {
    if (!props.unusedAccess) {
      const stray = props.unusedAccessAge
        ? 'unusedAccessAge'
        : props.unusedAccessArchiveRules
          ? 'unusedAccessArchiveRules'
          : undefined;
      if (stray) {
        throw new Error(
          `${this.node.path}: ${stray} is set but unusedAccess is not true, so there is no ` +
            'unused-access analyzer to configure. Set unusedAccess: true, or remove ' + `${stray}.`,
        );
      }
      return undefined;
    }
    const age = props.unusedAccessAge ?? Duration.days(90);
    if (age.isUnresolved()) return age.toDays();
    const days = age.toDays({ integral: false });
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      throw new Error(
        `${this.node.path}: unusedAccessAge is ${age.toHumanString()}; IAM Access Analyzer accepts ` +
          'whole days from 1 to 365. Use Duration.days(n) with n from 1 to 365, or leave it unset for 90 days.',
      );
    }
    return days;
  }
}

const detail = (path: string) => events.EventField.fromPath(`$.detail.${path}`);
const eventRegion = () => events.EventField.fromPath('$.region');

/** The Access Analyzer console in the Region of the analyzer that sent the event. */
function consoleUrl(host: string, fragment: string): string {
  return `https://${eventRegion()}.${host}/access-analyzer/home` +
    `?region=${eventRegion()}#/${fragment}`;
}

/** A message a person can read in an email or a chat channel. */
function externalAccessMessage(host: string): events.RuleTargetInput {
  return events.RuleTargetInput.fromText(
    `IAM Access Analyzer: new active external-access finding in account ${detail('accountId')} ` +
      `(${eventRegion()}). The ${detail('resourceType')} ${detail('resource')} ` +
      `is reachable from outside the zone of trust by principal ${detail('principal.AWS')} ` +
      `(public: ${detail('isPublic')}). Finding id: ${detail('id')}. ` +
      'Archive it if the access is intended; otherwise remove the access. ' +
      `Open it: ${consoleUrl(host, `findings/details/${detail('id')}`)}`,
  );
}

function unusedAccessMessage(host: string, ageDays: number): events.RuleTargetInput {
  return events.RuleTargetInput.fromText(
    `IAM Access Analyzer: new active unused-access finding (${detail('findingType')}) in ` +
      `account ${detail('accountId')} (${eventRegion()}). The ${detail('resourceType')} ` +
      `${detail('resource')} holds access unused for at least ${Tokenization.stringifyNumber(ageDays)} ` +
      `days. Finding id: ${detail('findingId')}. Remove the unused role, credential or ` +
      'permissions, or archive the finding if they must stay. ' +
      `Review it: ${consoleUrl(host, 'unused-access-findings')}`,
  );
}
