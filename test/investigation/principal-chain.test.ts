import { adapted, corpus, iamUser, roleSession, writeBy } from './records';
import { actorKeys, PrincipalChain, principalKey, trustedPrincipals } from '../../src/investigation/principal-chain';

describe('PrincipalChain', () => {
  test('reads an ARN, an access key id and a session name apart', () => {
    expect([
      principalKey('arn:aws:iam::111122223333:user/a'),
      principalKey('AKIAS6PQW2LEXAMPLE12'),
      principalKey('vendor-sync'),
    ]).toEqual(['arn:arn:aws:iam::111122223333:user/a', 'key:AKIAS6PQW2LEXAMPLE12', 'session:vendor-sync']);
  });

  test('knows a role session by its role ARN, its role name and its session name', () => {
    const keys = actorKeys(corpus('admin-policy-grant__put-user-policy-action-star-array-console.json'));
    expect(keys).toEqual(expect.arrayContaining([
      'arn:arn:aws:iam::111122223333:role/PowerUsers',
      'role:111122223333/PowerUsers',
      'session:mallory.temp',
    ]));
  });

  test('lists the AWS principals a trust policy lets in, not its services', () => {
    const record = corpus('iam-persistence__update-assume-role-policy-external-account.json');
    expect(trustedPrincipals(record.requestParameters.policyDocument)).toEqual(['arn:aws:iam::444455556666:root']);
  });

  test('lists a group grant without following anyone', () => {
    const chain = new PrincipalChain(['arn:aws:iam::111122223333:user/it-admin-legacy']);
    chain.offer(adapted('attach-group-policy__readonlyaccess.json', '2025-06-01T09:00:00Z', (r) => {
      r.userIdentity = iamUser('it-admin-legacy');
    }), 'group');
    chain.resolve();
    expect(chain.links.map((l) => [l.what, l.follows])).toEqual([
      ['ReadOnlyAccess on group/Auditors (members not followed)', undefined],
    ]);
  });

  test('ignores failed calls', () => {
    const chain = new PrincipalChain(['arn:aws:iam::111122223333:user/intern-readonly']);
    chain.offer(corpus('benign__create-access-key-access-denied.json'), 'denied');
    chain.resolve();
    expect(chain.links).toEqual([]);
  });

  test('does not let an AssumeRole before a trust change use it', () => {
    const chain = new PrincipalChain(['arn:aws:iam::111122223333:user/it-admin-legacy']);
    chain.offer(corpus('iam-persistence__update-assume-role-policy-external-account.json'), 'trust');
    chain.offer(adapted('assume-role__cross-account-role-owner-side.json', '2025-01-01T00:00:00Z', (r) => {
      r.requestParameters.roleArn = 'arn:aws:iam::111122223333:role/app-ec2-role';
    }), 'early');
    chain.resolve();
    expect(chain.links.map((l) => l.eventName)).toEqual(['UpdateAssumeRolePolicy']);
  });

  test('follows the sessions of a role it created, and the outsiders its trust policy lets in', () => {
    const chain = new PrincipalChain(['arn:aws:iam::111122223333:user/it-admin-legacy']);
    chain.offer(adapted('iam-persistence__update-assume-role-policy-external-account.json', '2025-06-01T09:00:00Z', (r) => {
      r.eventName = 'CreateRole';
      r.requestParameters = { roleName: 'backdoor', assumeRolePolicyDocument: r.requestParameters.policyDocument };
    }), 'create');
    chain.offer(adapted('assume-role__cross-account-role-owner-side.json', '2025-06-01T09:10:00Z', (r) => {
      r.requestParameters.roleArn = 'arn:aws:iam::111122223333:role/backdoor';
      r.responseElements.assumedRoleUser.arn = 'arn:aws:sts::111122223333:assumed-role/backdoor/vendor';
    }), 'outsider');
    chain.resolve();
    expect(chain.links.map((l) => [l.kind, l.what])).toEqual([
      ['role', 'role/backdoor created, trusting arn:aws:iam::444455556666:root'],
      ['session', 'session assumed-role/backdoor/vendor (key ASIAZ2MBN6QEXAMPLE8B)'],
    ]);
    expect(chain.followedActor(writeBy(roleSession('backdoor', 'ec2-instance'), '2025-06-01T09:20:00Z')))
      .toBe('role:111122223333/backdoor');
  });

  test('follows a user added to a group from then on', () => {
    const chain = new PrincipalChain(['arn:aws:iam::111122223333:user/it-admin-legacy']);
    chain.offer(adapted('iam-persistence__create-user.json', '2025-06-01T09:00:00Z', (r) => {
      r.userIdentity = iamUser('it-admin-legacy');
      r.eventName = 'AddUserToGroup';
      r.requestParameters = { groupName: 'Admins', userName: 'dev-bob' };
      r.responseElements = null;
    }), 'group');
    chain.resolve();
    expect(chain.links.map((l) => [l.what, l.follows])).toEqual([
      ['user/dev-bob added to group/Admins', 'user:111122223333/dev-bob'],
    ]);
    expect(chain.followedActor(writeBy(iamUser('dev-bob'), '2025-06-01T08:59:00Z'))).toBeUndefined();
    expect(chain.followedActor(writeBy(iamUser('dev-bob'), '2025-06-01T09:01:00Z'))).toBe('user:111122223333/dev-bob');
  });
});
