import * as fs from 'fs';
import * as path from 'path';
import { PrivilegedPrincipalActivity, PrivilegedPrincipalActivityProps, Severity } from '../../src/detections';
import { CloudTrailDelivery, EventBridgePattern, LogPattern } from '../../src/patterns';
import { CORPUS_DIR } from '../support/corpus';
import { eventPatternJson } from '../support/event-pattern-json';

function corpus(file: string): any {
  return JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8'));
}

/** A corpus record with changes applied to a copy. */
function adapted(file: string, change: (record: any) => void): any {
  const record = corpus(file);
  change(record);
  return record;
}

const WATCHED: PrivilegedPrincipalActivityProps = {
  roleNames: ['PowerUsers'],
  roleNamePatterns: ['AWSReservedSSO_AdministratorAccess_*'],
  userNames: ['it-admin-legacy'],
};

function fires(props: PrivilegedPrincipalActivityProps, record: any): boolean {
  return LogPattern.parse(PrivilegedPrincipalActivity.detection(props).filterPattern).matchesRecord(record);
}

function ruleFires(props: PrivilegedPrincipalActivityProps, record: any): boolean {
  const detection = PrivilegedPrincipalActivity.detection(props);
  const state = detection.includesReadOnlyEvents ? 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' : 'ENABLED';
  return CloudTrailDelivery.reachesRule(record, state)
    && EventBridgePattern.fromObject(eventPatternJson(detection.eventPattern!))
      .matchesEvent(CloudTrailDelivery.toEvent(record));
}

const ssoAdminSignIn = () => adapted('benign__console-login-sso-identity-center-role.json', (r) => {
  r.userIdentity.sessionContext.sessionIssuer.userName = 'AWSReservedSSO_AdministratorAccess_9f8e7d6c5b4a3921';
});

describe('PrivilegedPrincipalActivity', () => {
  test('is a HIGH detection of valid accounts (T1078.004) with a runbook', () => {
    const detection = PrivilegedPrincipalActivity.detection(WATCHED);
    expect(detection).toMatchObject({ id: 'PrivilegedPrincipalActivity', severity: Severity.HIGH });
    expect(detection.techniques).toEqual(['T1078.004']);
    expect(detection.runbook).toMatch(/investigate --principal/);
  });

  test('fires on a write by a session of a named role', () => {
    expect(fires(WATCHED, corpus('admin-policy-grant__put-user-policy-action-star-array-console.json'))).toBe(true);
  });

  test('fires on a session of a role that matches a name pattern', () => {
    expect(fires(WATCHED, ssoAdminSignIn())).toBe(true);
  });

  test('stays silent for a role the pattern does not cover', () => {
    expect(fires(WATCHED, corpus('benign__console-login-sso-identity-center-role.json'))).toBe(false);
  });

  test('fires on a write by a named IAM user', () => {
    expect(fires(WATCHED, corpus('iam-persistence__create-user.json'))).toBe(true);
  });

  test('stays silent for writes of principals not named', () => {
    expect(fires(WATCHED, corpus('attach-role-policy__lambda-role-via-cloudformation.json'))).toBe(false);
    expect(fires(WATCHED, corpus('guardrail-tamper__guardduty-delete-detector.json'))).toBe(false);
  });

  test('stays silent for a read-only call marked readOnly by a named user', () => {
    expect(fires(WATCHED, corpus('benign__get-caller-identity.json'))).toBe(false);
  });

  test('treats a Get call without a readOnly flag as read-only', () => {
    const props = { userNames: ['jane.ortiz'] };
    expect(fires(props, corpus('benign__get-user-policy-console.json'))).toBe(false);
  });

  test('treats a console sign-in without a readOnly flag as a write', () => {
    expect(fires({ userNames: ['omar.finance'] }, corpus('console-login-no-mfa__iam-user-v105.json'))).toBe(true);
  });

  test('reports read-only calls when includeReadOnly is set', () => {
    expect(fires({ ...WATCHED, includeReadOnly: true }, corpus('benign__get-caller-identity.json'))).toBe(true);
  });

  test('leaves out failed calls', () => {
    expect(fires(WATCHED, corpus('benign__delete-login-profile-temporarily-unmodifiable.json'))).toBe(false);
  });

  test('does not take a federated user for a role with the same issuer name', () => {
    const federated = adapted('admin-policy-grant__put-user-policy-action-star-array-console.json', (r) => {
      r.userIdentity.type = 'FederatedUser';
    });
    expect(fires(WATCHED, federated)).toBe(false);
  });

  test('does not take a role session for a user of the same name', () => {
    const record = adapted('iam-persistence__create-user.json', (r) => {
      r.userIdentity = { type: 'AssumedRole', userName: 'it-admin-legacy' };
    });
    expect(fires(WATCHED, record)).toBe(false);
  });

  describe('event pattern', () => {
    test('matches the write of a named role session', () => {
      expect(ruleFires(WATCHED, corpus('admin-policy-grant__put-user-policy-action-star-array-console.json'))).toBe(true);
    });

    test('matches a role pattern with a wildcard', () => {
      expect(ruleFires(WATCHED, ssoAdminSignIn())).toBe(true);
    });

    test('matches a named user', () => {
      expect(ruleFires(WATCHED, corpus('iam-persistence__create-user.json'))).toBe(true);
    });

    test('does not match other principals', () => {
      expect(ruleFires(WATCHED, corpus('guardrail-tamper__guardduty-delete-detector.json'))).toBe(false);
    });

    test('does not reach a rule with read-only calls unless includeReadOnly is set', () => {
      const read = corpus('benign__get-caller-identity.json');
      expect(ruleFires(WATCHED, read)).toBe(false);
      expect(ruleFires({ ...WATCHED, includeReadOnly: true }, read)).toBe(true);
    });
  });

  describe('bad input', () => {
    test('rejects an empty list of principals', () => {
      expect(() => PrivilegedPrincipalActivity.detection({ roleNames: [] }))
        .toThrow(/roleNames, roleNamePatterns and userNames are all empty/);
    });

    test('rejects a role name IAM would not accept, naming the property and value', () => {
      expect(() => PrivilegedPrincipalActivity.detection({ roleNames: ['Admin Role'] }))
        .toThrow(/roleNames\[0\] 'Admin Role' is not an IAM role name/);
    });

    test('rejects a user name with a wildcard', () => {
      expect(() => PrivilegedPrincipalActivity.detection({ userNames: ['break*'] }))
        .toThrow(/userNames\[0\] 'break\*'/);
    });

    test('rejects a pattern that matches every role', () => {
      expect(() => PrivilegedPrincipalActivity.detection({ roleNamePatterns: ['*'] }))
        .toThrow(/matches every role/);
    });

    test('rejects a list whose pattern would pass 1024 characters', () => {
      const roleNames = Array.from({ length: 20 }, (_, i) => `AdministratorRoleNumber${i}`);
      expect(() => PrivilegedPrincipalActivity.detection({ roleNames }))
        .toThrow(/filter pattern of \d+ characters; CloudWatch Logs accepts 1024/);
    });
  });
});
