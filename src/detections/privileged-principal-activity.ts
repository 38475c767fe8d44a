import { EventPattern, Match } from 'aws-cdk-lib/aws-events';
import { FilterPattern, JsonPattern } from 'aws-cdk-lib/aws-logs';
import { Detection } from './detection';
import { all, any, equals, succeeded } from './private/cloudtrail-patterns';
import { Severity } from './severity';
import { DetectionTrack } from './track';

/** The principals whose write activity `PrivilegedPrincipalActivity` reports. */
export interface PrivilegedPrincipalActivityProps {
  /**
   * Names of roles whose sessions are watched, exactly as IAM names them (without the
   * path), e.g. `OrganizationAccountAccessRole`. Matched against
   * `userIdentity.sessionContext.sessionIssuer.userName` of assumed-role sessions.
   *
   * @default - none
   */
  readonly roleNames?: string[];

  /**
   * Role name patterns where `*` stands for any characters, e.g.
   * `AWSReservedSSO_AdministratorAccess_*` for the IAM Identity Center permission set
   * `AdministratorAccess` (its role name ends in a random suffix).
   *
   * @default - none
   */
  readonly roleNamePatterns?: string[];

  /**
   * Names of IAM users watched, such as break-glass users. Matched against
   * `userIdentity.userName` of records whose `userIdentity.type` is `IAMUser`.
   *
   * @default - none
   */
  readonly userNames?: string[];

  /**
   * Report read-only calls too (`Get*`, `List*`, `Describe*`...). They are most of the
   * traffic of an administrator and drown the writes; turn this on only for principals
   * that should never be used at all.
   *
   * @default false
   */
  readonly includeReadOnly?: boolean;

  /**
   * Detection id; give each list its own when you watch several lists with different
   * severities.
   *
   * @default 'PrivilegedPrincipalActivity'
   */
  readonly id?: string;

  /**
   * How urgent a finding is.
   *
   * @default Severity.HIGH
   */
  readonly severity?: Severity;
}

const DEFAULT_ID = 'PrivilegedPrincipalActivity';
const NAME = /^[\w+=,.@-]{1,64}$/;
const NAME_PATTERN = /^[\w+=,.@*-]{1,128}$/;
const MAX_PATTERN = 1024;
/** Prefixes of read-only API names, for records that carry no `readOnly` flag. */
const READ_ONLY_PREFIXES = ['Get', 'List', 'Describe'];

const ISSUER = 'userIdentity.sessionContext.sessionIssuer.userName';

/**
 * Write activity by the principals you name as privileged: sessions of administrator roles
 * (including IAM Identity Center permission sets) and break-glass IAM users. Every use of
 * such a principal should be explainable by a change record; an unexplained one is an
 * attacker holding valid administrator credentials (ATT&CK T1078.004).
 *
 * What counts as a write: a successful call whose `readOnly` flag is `false`. Records
 * without the flag (console sign-in and older records) count as writes unless their
 * eventName starts with `Get`, `List` or `Describe`, so a break-glass user's console
 * sign-in is reported. Failed calls are left out (the catalog's failure detections see
 * them).
 *
 * The EventBridge pattern names the same principals; read-only calls are kept out of it by
 * the rule's state (`ENABLED` receives no read-only management events), unless
 * `includeReadOnly` is set.
 */
export class PrivilegedPrincipalActivity {
  /**
   * The detection for a list of privileged principals.
   *
   * @throws when no principal is named, a name is not a valid IAM name, or the filter
   *   pattern would pass 1024 characters
   */
  public static detection(props: PrivilegedPrincipalActivityProps): Detection {
    const roleNames = props.roleNames ?? [];
    const rolePatterns = props.roleNamePatterns ?? [];
    const userNames = props.userNames ?? [];
    const id = props.id ?? DEFAULT_ID;
    if (roleNames.length + rolePatterns.length + userNames.length === 0) {
      throw new Error(
        `${id}: roleNames, roleNamePatterns and userNames are all empty; name at least one ` +
          "privileged role or user, e.g. roleNames: ['OrganizationAccountAccessRole'].",
      );
    }
    check(id, 'roleNames', roleNames, NAME, 'an IAM role name (1 to 64 of letters, digits and +=,.@_-)');
    check(id, 'userNames', userNames, NAME, 'an IAM user name (1 to 64 of letters, digits and +=,.@_-)');
    check(id, 'roleNamePatterns', rolePatterns, NAME_PATTERN,
      'a role name pattern (letters, digits, +=,.@_- and * for any characters)');
    for (const [i, pattern] of rolePatterns.entries()) {
      if (!/[^*]/.test(pattern) || pattern.includes('**')) {
        throw new Error(
          `${id}: roleNamePatterns[${i}] '${pattern}' ${pattern.includes('**') ? 'repeats *' : 'matches every role'}; ` +
            "name part of the role, e.g. 'AWSReservedSSO_AdministratorAccess_*'.",
        );
      }
    }

    const filterPattern = filterPatternOf(roleNames, rolePatterns, userNames, props.includeReadOnly ?? false);
    if (filterPattern.length > MAX_PATTERN) {
      throw new Error(
        `${id}: the ${roleNames.length + rolePatterns.length + userNames.length} principals make a ` +
          `filter pattern of ${filterPattern.length} characters; CloudWatch Logs accepts ${MAX_PATTERN}. ` +
          'Use a roleNamePatterns entry for a family of roles, or split the list over two detections ' +
          'with different ids.',
      );
    }

    return Detection._catalog({
      id,
      title: 'Privileged principal used for write activity',
      severity: props.severity ?? Severity.HIGH,
      track: DetectionTrack.CUSTOM,
      techniques: ['T1078.004'],
      runbook:
        'A principal you named as privileged made a change. Match the call (eventName, ' +
        'requestParameters, sourceIPAddress, userAgent) with a change record or the person on ' +
        'call. If nobody owns it, revoke the role sessions (iam:PutRolePolicy with an ' +
        'aws:TokenIssueTime condition) or deactivate the user\'s keys and password, then ' +
        'follow everything the principal did (cdk-iam-guardrails investigate --principal).',
      filterPattern,
      eventPattern: eventPatternOf(roleNames, rolePatterns, userNames),
      includesReadOnlyEvents: props.includeReadOnly ?? false,
    });
  }

  private constructor() {}
}

function check(id: string, property: string, values: string[], format: RegExp, what: string): void {
  values.forEach((value, i) => {
    if (typeof value !== 'string' || !format.test(value)) {
      throw new Error(`${id}: ${property}[${i}] '${value}' is not ${what}.`);
    }
  });
}

function filterPatternOf(roleNames: string[], rolePatterns: string[], userNames: string[],
  includeReadOnly: boolean): string {
  const principals: JsonPattern[] = [];
  const issuers = [...roleNames, ...rolePatterns];
  if (issuers.length > 0) {
    principals.push(all(
      equals('userIdentity.type', 'AssumedRole'),
      any(...issuers.map((name) => equals(ISSUER, name))),
    ));
  }
  if (userNames.length > 0) {
    principals.push(all(
      equals('userIdentity.type', 'IAMUser'),
      any(...userNames.map((name) => equals('userIdentity.userName', name))),
    ));
  }
  const parts = [principals.length === 1 ? principals[0] : any(...principals), succeeded()];
  if (!includeReadOnly) {
    parts.push(any(
      FilterPattern.booleanValue('$.readOnly', false),
      all(
        FilterPattern.notExists('$.readOnly'),
        ...READ_ONLY_PREFIXES.map((prefix) => FilterPattern.stringValue('$.eventName', '!=', `${prefix}*`)),
      ),
    ));
  }
  return all(...parts).logPatternString;
}

function eventPatternOf(roleNames: string[], rolePatterns: string[], userNames: string[]): EventPattern {
  const alternatives: Record<string, unknown>[] = [];
  if (roleNames.length + rolePatterns.length > 0) {
    alternatives.push({
      userIdentity: {
        type: ['AssumedRole'],
        sessionContext: {
          sessionIssuer: {
            userName: [...roleNames, ...rolePatterns.map((pattern) => ({ wildcard: pattern }))],
          },
        },
      },
    });
  }
  if (userNames.length > 0) {
    alternatives.push({ userIdentity: { type: ['IAMUser'], userName: userNames } });
  }
  return {
    detailType: ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'],
    detail: {
      errorCode: Match.doesNotExist(),
      ...(alternatives.length === 1 ? alternatives[0] : { $or: alternatives }),
    },
  } as EventPattern;
}
